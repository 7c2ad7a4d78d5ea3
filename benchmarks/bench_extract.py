"""Extraction speed per 600-word article, on generated news-like text, one core.

    .venv/bin/python benchmarks/bench_extract.py [--articles 200] [--words 600] [--compare-segmenters]
    .venv/bin/python benchmarks/bench_extract.py --news ../shared/eval/news/basil.jsonl

Prints milliseconds per article for the whole extract() call and for its parts (segmenting,
scoring, claim kind, speaker, boilerplate), and articles per second. --compare-segmenters also
times pysbd (if installed) on the same articles, the alternative to syntok we measured.
--news times real articles instead (a JSONL file with a "text" per line): a first pass with cold
caches, as an import pays it (every word is new to the scorer's word caches), then a warm one.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NAMES = [
    "Maria Lopez",
    "the Treasury",
    "Dr. Anna Berg",
    "the ministry",
    "Mr. Okafor",
    "the U.S. Army",
    "Sen. Ray Cole",
    "the World Bank",
    "police",
    "the mayor",
    "Prof. Ito",
    "the Kremlin",
]
PLACES = ["Ohio", "the U.K.", "Lagos", "Jan. 5", "St. Louis", "Kyiv", "the E.U.", "Mumbai"]
NOUNS = [
    "unemployment",
    "inflation",
    "crime",
    "the deficit",
    "rents",
    "emissions",
    "exports",
    "turnout",
    "hospital waiting times",
    "the jobless rate",
    "wages",
    "tuition",
]
TEMPLATES = [
    "{noun} rose {pct}% in {place} last year, {name} said.",
    "According to {name}, {noun} fell to {num} million in {year}.",
    "“We have never seen {noun} like this,” said {name}, a former official.",
    "{Name} denied that {noun} had doubled since {year}.",
    "The report, published on {place}, found that {noun} cost ${num}.{d} billion.",
    "Critics say the plan will push {noun} higher by {year}.",
    "It is illegal to hide {noun} figures under the {year} act.",
    "Many residents were unhappy... but few spoke up.",
    "Why does {noun} matter so much?",
    "{Name} visited {place} on Tuesday and met local leaders.",
    "Sign up for our free daily newsletter.",
    "The new law bans companies from raising {noun} without notice.",
    "Higher {noun} led to protests across {place}, officials said.",
]


def generated_article(rng: random.Random, words: int) -> str:
    """News-like paragraphs of about `words` words: numbers, quotes, abbreviations, boilerplate."""
    paragraphs, paragraph, count = [], [], 0
    while count < words:
        name = rng.choice(NAMES)
        sentence = rng.choice(TEMPLATES).format(
            noun=rng.choice(NOUNS),
            pct=rng.randint(1, 40),
            place=rng.choice(PLACES),
            name=name,
            Name=name[0].upper() + name[1:],
            num=rng.randint(2, 900),
            d=rng.randint(0, 9),
            year=rng.randint(1990, 2035),
        )
        sentence = sentence[0].upper() + sentence[1:]
        paragraph.append(sentence)
        count += len(sentence.split())
        if len(paragraph) >= rng.randint(2, 5):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    paragraphs.append(" ".join(paragraph))
    return "\n\n".join(p for p in paragraphs if p)


def per_article_ms(function: Callable[[str], object], articles: list[str]) -> float:
    """Mean CPU time per article: process time, so other busy processes do not inflate it."""
    started = time.process_time()
    for article in articles:
        function(article)
    return (time.process_time() - started) / len(articles) * 1000


@click.command()
@click.option(
    "--articles", "count", type=int, default=200, show_default=True, help="Articles to time."
)
@click.option(
    "--words", type=int, default=600, show_default=True, help="Words per generated article."
)
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the text generator.")
@click.option("--compare-segmenters", is_flag=True, help="Also time pysbd on the same articles.")
@click.option(
    "--news",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='Time the articles of this JSONL file (a "text" per line) instead, cold then warm.',
)
def main(count: int, words: int, seed: int, compare_segmenters: bool, news: Path | None) -> None:
    """Time extract() and its parts per article."""
    if news is not None:
        time_news(news)
        return
    from triage.extract import extract
    from triage.extract.boilerplate import is_boilerplate
    from triage.extract.checkworthy import load_model
    from triage.extract.kinds import claim_kind
    from triage.extract.segment import sentence_spans
    from triage.extract.speaker import find_speaker

    rng = random.Random(seed)
    articles = [generated_article(rng, words) for _ in range(count)]
    started = time.perf_counter()
    extract(articles[0])  # first call loads the model and the segmenter
    click.echo(
        f"first call (loads model and segmenter): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    sentences = [[a[s.start : s.end] for s in sentence_spans(a)] for a in articles]
    per_article = statistics.mean(len(s) for s in sentences)
    model = load_model()

    def each(function: Callable[[str], object]) -> Callable[[str], object]:
        lookup = dict(zip(articles, sentences))
        return lambda article: [function(sentence) for sentence in lookup[article]]

    total = per_article_ms(extract, articles)
    click.echo(f"{count} articles of ~{words} words, {per_article:.0f} sentences each")
    click.echo(f"extract(): {total:.2f} ms per article = {1000 / total:.0f} articles/s on one core")
    for label, function in [
        ("segment (syntok)", sentence_spans),
        ("check-worthiness", each(model.score)),
        ("claim kind", each(claim_kind)),
        ("speaker", each(find_speaker)),
        ("boilerplate", each(is_boilerplate)),
    ]:
        click.echo(f"  {label}: {per_article_ms(function, articles):.2f} ms")
    if compare_segmenters:
        try:
            import pysbd
        except ImportError:
            click.echo("  pysbd is not installed: pip install pysbd to compare")
            return
        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        click.echo(
            f"  segment (pysbd, for comparison): {per_article_ms(segmenter.segment, articles):.2f} ms"
        )


def time_news(path: Path) -> None:
    """extract() per real article: the first pass over them, then a second with warm caches."""
    from triage.extract import extract
    from triage.extract.checkworthy import load_model

    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    articles = [record["text"] for record in records if record.get("text", "").strip()]
    load_model()
    extract("The council said 3 million people voted.")  # loads the embedder, as a worker would
    words = statistics.mean(len(article.split()) for article in articles)
    click.echo(f"{len(articles)} articles of {words:.0f} words from {path.name}")
    for label in ("first pass (cold caches, as an import)", "second pass (warm caches)"):
        total = per_article_ms(extract, articles)
        click.echo(f"{label}: {total:.2f} ms per article = {1000 / total:.0f} articles/s")


if __name__ == "__main__":
    main()
