"""Import speed: `triage import` (pipeline.import_paths) of 600-word articles, wall clock and CPU.

    python benchmarks/bench_import.py --news ../shared/eval/news/basil.jsonl   # real articles
    python benchmarks/bench_import.py --articles 300           # generated news-like text
    python benchmarks/bench_import.py --news …/basil.jsonl --workers 0   # all in one process
    python benchmarks/bench_import.py --news …/basil.jsonl --copies 400 --batches 4   # wire copies

Target (issues 3, 9, 10): 100 articles/s or more, wall clock. The articles go through
import_paths as a .jsonl file, as `triage import FILE` does: with the default `--workers`, an import
of PARALLEL_MIN_ARTICLES or more extracts the next articles in a worker process while this one
stores and links (the worker's start-up is inside the timing). It prints the wall-clock rate, the
CPU of this process and of the worker, and the CPU of each step in this process (extraction here,
storage, linking; "other" is reading, the worker's results and the rest). Generated articles draw
words from a Zipf-distributed vocabulary of 20k made-up words (as news vocabulary is), with
numbers, names, boilerplate, and one sentence in ten repeated from a shared pool so the linker has
real work; the seed is fixed, so every run imports the same text. `--news` imports a JSONL file of
real articles instead. The machine is shared: compare figures taken in the same run or repeated.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from triage.models import Article

if TYPE_CHECKING:
    from triage.store.workspace import Store

# The pipeline and the store are imported inside the functions that use them: an import's worker
# process (spawned) imports this script again, and `triage import`'s worker imports only the CLI
# module, not the store and sqlite_utils (~0.2 s of CPU the worker would be charged for here).

SUBJECTS = [
    "The minister",
    "Mr. Alvarez",
    "The council",
    "Dr. Okafor",
    "The U.S. Treasury",
    "Police",
    "The company",
    "Opposition leaders",
    "The World Bank",
    "Residents",
]
VERBS = ["said", "claimed", "denied", "reported", "announced", "warned"]
FACTS = [
    "unemployment fell by {n}% in {year}",
    "the project cost ${n} million, twice the original estimate",
    "{n},{m:03d} people attended the rally on Jan. {d}",
    "crime rose {n} percent after the law changed",
    "the bridge will reopen in {year}",
    "exports to China were worth {n}.{d} billion euros",
]
FILLER = [
    "It was a cold morning in the capital.",
    "Many people were watching closely.",
    "What happens next is unclear.",
    "Sign up for our daily newsletter.",
    "The debate continued late into the night, with speakers on both sides.",
]


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ter",
    "san",
    "vo",
    "dre",
    "pul",
    "es",
    "ran",
    "tik",
    "ba",
    "nor",
    "gel",
]


def make_vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    words = {"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def made_up_sentence(rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(8, 28))
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 999):,}")
    if rng.random() < 0.4:
        words.insert(0, rng.choice(SUBJECTS))
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + "."


def make_article(
    rng: random.Random,
    index: int,
    words: int,
    vocabulary: list[str],
    weights: list[float],
    shared: list[str],
) -> Article:
    sentences: list[str] = []
    count = 0
    while count < words:
        roll = rng.random()
        if roll < 0.1:
            sentence = rng.choice(shared)
        elif roll < 0.8:
            sentence = made_up_sentence(rng, vocabulary, weights)
        elif roll < 0.95:
            fact = rng.choice(FACTS).format(
                n=rng.randint(2, 90),
                m=rng.randint(0, 999),
                d=rng.randint(1, 28),
                year=rng.randint(1990, 2030),
            )
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {fact}."
        else:
            sentence = rng.choice(FILLER)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return Article(title=f"Generated article {index}", text="\n\n".join(paragraphs))


def generated_articles(count: int, words: int) -> list[Article]:
    rng = random.Random(20241112)
    vocabulary = make_vocabulary(rng)
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    shared = [made_up_sentence(rng, vocabulary, weights) for _ in range(max(20, count // 2))]
    return [make_article(rng, i, words, vocabulary, weights, shared) for i in range(count)]


def news_articles(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [
        Article(
            title=r.get("title") or "untitled",
            text=r["text"],
            outlet=r.get("outlet", ""),
            published=r.get("date", ""),
        )
        for r in records
        if r.get("text", "").strip()
    ]


def near_copies(articles: list[Article], count: int, seed: int) -> list[Article]:
    """`count` wire copies of the first real articles: each the same story with one word of one
    paragraph changed (as outlets retouch a wire story), so its text is new but its sentences
    repeat sentences already stored. Issue 10: a copy joins the existing cluster, so the cost
    of a batch of copies stays flat however many came before."""
    stories = articles[:20]
    rng = random.Random(seed)
    copies = []
    for number in range(count):
        story = stories[number % len(stories)]
        paragraphs = story.text.split("\n")
        index = rng.randrange(len(paragraphs))
        words = paragraphs[index].split(" ")
        if len(words) > 3:
            words[rng.randrange(1, len(words))] = rng.choice(("reportedly", "also", "again"))
        paragraphs[index] = " ".join(words)
        copies.append(
            Article(
                title=story.title,
                text=f"(Wire copy {seed}-{number})\n" + "\n".join(paragraphs),
                outlet=f"Outlet {number % 50}",
                published=story.published,
            )
        )
    return copies


class StepClock:
    """CPU time spent inside named functions while the import runs (one wrapper call each)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, owner: object, attribute: str, step: str, after=None) -> None:
        inner = getattr(owner, attribute)

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[step] = self.seconds.get(step, 0.0) + time.process_time() - started
                self.calls[step] = self.calls.get(step, 0) + 1
                if after:
                    after()

        setattr(owner, attribute, timed)


def children_cpu() -> float:
    """CPU of the worker processes that have ended (import_paths ends its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_jsonl(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"title": a.title, "text": a.text, "outlet": a.outlet, "date": a.published}
            out.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles to import")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    parser.add_argument("--news", type=Path, help="import this JSONL of real articles instead")
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction worker processes (default: as `triage import` chooses; "
                             "0: everything in this process)")  # fmt: skip
    parser.add_argument("--steps", type=int, default=0,
                        help="print the link CPU time per article for every this many articles "
                             "(issue 10: flat, last step within 1.5x of the first)")  # fmt: skip
    parser.add_argument("--copies", type=int, default=0,
                        help="with --news: import this many wire copies of 20 of its stories per "
                             "batch, after the articles, and print each batch's CPU time")  # fmt: skip
    parser.add_argument("--batches", type=int, default=4, help="batches of --copies")
    parser.add_argument("--parallel-cutoff", action="store_true",
                        help="time imports of the first 4, 8, ... 128 articles with and without "
                             "a worker: where the worker starts to pay (PARALLEL_MIN_ARTICLES)")  # fmt: skip
    args = parser.parse_args()
    if args.news:
        articles = news_articles(args.news)
    else:
        articles = generated_articles(args.articles, args.words)
    if args.parallel_cutoff:
        parallel_cutoff(articles)
        return
    words = sum(len(a.text.split()) for a in articles) // len(articles)
    import triage.extract
    from triage.link.linker import Linker
    from triage.pipeline import import_paths
    from triage.store.workspace import Store

    triage.extract.extract(
        "Warm-up sentence about 3 million people."
    )  # load the model outside the timing
    clock = StepClock()
    step_started, first_step = [0.0], [0.0]

    def link_step() -> None:
        linked = clock.calls["linking"]
        if args.steps and linked % args.steps == 0 and linked <= len(articles):
            linking = clock.seconds["linking"]
            per_article = 1000 * (linking - step_started[0]) / args.steps
            first_step[0] = first_step[0] or per_article
            print(
                f"  articles {linked - args.steps + 1:>6}-{linked:<6} link {per_article:6.2f} ms "
                f"CPU per article ({per_article / first_step[0]:.2f}x the first step)",
                flush=True,
            )
            step_started[0] = linking

    clock.wrap(triage.extract, "extract", "extraction here")
    clock.wrap(Store, "add_article", "storage")
    clock.wrap(Linker, "link_article", "linking", after=link_step)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        write_jsonl(articles, source)
        store = Store.open(Path(folder) / "bench.db", user="bench")
        started = time.perf_counter()
        cpu_started, workers_started = time.process_time(), children_cpu()
        summary = import_paths(store, [str(source)], workers=args.workers)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        worker_cpu = children_cpu() - workers_started
        step_seconds = dict(clock.seconds)  # the copies below are timed on their own
        if args.copies and args.news:
            import_copies(store, articles, args.copies, args.batches, Path(folder), args.workers)
        store.close()
    count = len(articles)
    print(
        f"imported {count} articles of ~{words} words ({summary.claims} claims) in "
        f"{elapsed:.2f} s wall: {count / elapsed:.0f} articles/s; CPU {cpu:.2f} s here + "
        f"{worker_cpu:.2f} s in workers (start-up included) = "
        f"{1000 * (cpu + worker_cpu) / count:.1f} ms per article"
    )
    steps = ", ".join(
        f"{step} {1000 * seconds / count:.1f}" for step, seconds in step_seconds.items()
    )
    print(
        f"  ms CPU per article here: {steps}, other {1000 * (cpu - sum(step_seconds.values())) / count:.1f}; "
        f"in workers {1000 * worker_cpu / count:.1f}"
    )


def parallel_cutoff(articles: list[Article], repeats: int = 3) -> None:
    """Best-of-`repeats` wall time of importing the first N articles into a new workspace, all in
    this process and with a worker started whatever N is."""
    import triage.extract
    import triage.read_ahead
    from triage.pipeline import import_paths
    from triage.store.workspace import Store

    triage.extract.extract("Warm-up sentence about 3 million people.")
    triage.read_ahead.PARALLEL_MIN_ARTICLES = 1
    for count in (4, 8, 16, 32, 64, 128):
        best = {0: float("inf"), 1: float("inf")}
        for _ in range(repeats):
            for workers in (0, 1):
                with tempfile.TemporaryDirectory() as folder:
                    source = Path(folder) / "articles.jsonl"
                    write_jsonl(articles[:count], source)
                    store = Store.open(Path(folder) / "bench.db", user="bench")
                    started = time.perf_counter()
                    import_paths(store, [str(source)], workers=workers)
                    best[workers] = min(best[workers], time.perf_counter() - started)
                    store.close()
        print(
            f"  {count:>4} articles: {best[0]:.2f} s in one process, {best[1]:.2f} s with a worker "
            f"({best[0] / best[1]:.2f}x)",
            flush=True,
        )


def import_copies(
    store: Store, articles: list[Article], copies: int, batches: int, folder: Path, workers
) -> None:
    from triage.pipeline import import_paths

    first = None
    for batch in range(1, batches + 1):
        source = folder / f"copies-{batch}.jsonl"
        write_jsonl(near_copies(articles, copies, seed=batch), source)
        started, workers_started = time.process_time(), children_cpu()
        import_paths(store, [str(source)], workers=workers)
        seconds = time.process_time() - started + children_cpu() - workers_started
        first = first or seconds
        print(
            f"  wire copies, batch {batch}: {copies} articles in {seconds:.2f} s CPU "
            f"({1000 * seconds / copies:.1f} ms each, {seconds / first:.2f}x the first batch)",
            flush=True,
        )


if __name__ == "__main__":
    main()
