"""Generate a workspace for the linking benchmarks: realistic vocabulary, some repeated claims.

    python benchmarks/make_link_workspace.py --claims 1000000 --db /tmp/link-1m.db

Claims draw words from a Zipf-distributed vocabulary of invented words (as news text does: a few
very common words, a long tail of rare names and terms), with a number in most of them. About 3%
of claims repeat an earlier claim from another article, reworded, so linking has work to find.
Writes through `Store.add_article` inside large transactions, then builds the term index (as
importing would have); links are left for the benchmark to compute.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.link.linker import Linker
from triage.models import Article, Sentence
from triage.store.workspace import Store

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
COMMON = ("the", "of", "and", "to", "in", "a", "said", "that", "for", "on", "is", "was", "by")
VOCABULARY = 60_000
REPEAT_SHARE = 0.03


class ClaimWriter:
    """Deterministic claim sentences over a Zipf vocabulary."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < VOCABULARY:
            words.add("".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)  # frequency rank unrelated to spelling
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
        self.recent: list[str] = []

    def fresh(self) -> str:
        rng = self.rng
        body = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(9, 20))
        for _ in range(4):
            body.insert(rng.randrange(len(body) + 1), rng.choice(COMMON))
        if rng.random() < 0.7:
            body.insert(rng.randrange(len(body) + 1), f"{rng.randint(2, 9_999):,}")
        return " ".join(body).capitalize() + "."

    def reworded(self, claim: str) -> str:
        """The same claim as another outlet might write it: a word dropped, an attribution added."""
        words = claim.rstrip(".").split()
        if len(words) > 10:
            del words[self.rng.randrange(1, len(words))]
        return " ".join(words) + ", officials said."

    def claim(self) -> str:
        if self.recent and self.rng.random() < REPEAT_SHARE:
            return self.reworded(self.rng.choice(self.recent))
        text = self.fresh()
        self.recent.append(text)
        if len(self.recent) > 5_000:
            self.recent = self.recent[-2_500:]
        return text

    def article(self, number: int, claims: int) -> tuple[Article, list[Sentence]]:
        texts = [self.claim() for _ in range(claims)]
        sentences, offset = [], 0
        for text in texts:
            sentences.append(Sentence(offset, offset + len(text), text, 0.9, True))
            offset += len(text) + 1
        day = 1 + number % 28
        article = Article(title=f"Generated article {number}", text=" ".join(texts),
                          outlet=f"Outlet {number % 7}", published=f"2024-{1 + number % 12:02d}-{day:02d}")  # fmt: skip
        return article, sentences


def generate(db: Path, claims: int, per_article: int = 30, seed: int = 7) -> None:
    writer = ClaimWriter(seed)
    store = Store.open(db, user="bench")
    store.db.execute("PRAGMA synchronous = OFF")
    articles = claims // per_article
    started = time.perf_counter()
    for first in range(0, articles, 2_000):
        with store.writing():
            for number in range(first, min(articles, first + 2_000)):
                store.add_article(*writer.article(number, per_article))
        print(f"\r{min(articles, first + 2_000) * per_article:,} claims", end="", file=sys.stderr)
    print(f"\n{articles:,} articles, {articles * per_article:,} claims in "
          f"{time.perf_counter() - started:.0f} s -> {db}", file=sys.stderr)  # fmt: skip
    # Import indexes each article as it arrives; here the index is built once, in bulk.
    started = time.perf_counter()
    Linker(store).reindex()
    print(f"term index built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Generate a workspace for the linking benchmarks.")
    parser.add_argument("--claims", type=int, default=1_000_000, help="How many claims in total.")
    parser.add_argument("--per-article", type=int, default=30, help="Claims per article.")
    parser.add_argument("--db", type=Path, required=True, help="Workspace file to create.")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; remove it first")
    generate(args.db, args.claims, args.per_article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
