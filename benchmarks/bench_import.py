"""Import speed: read -> extract -> store for generated 600-word articles, on one core.

    python benchmarks/bench_import.py --articles 300

Target (issue 3): 100 articles/s or more. Articles are generated from templates with a fixed
seed, so every run imports the same text.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from triage.models import Article
from triage.pipeline import import_article
from triage.store.workspace import Store

SUBJECTS = ["The minister", "Mr. Alvarez", "The council", "Dr. Okafor", "The U.S. Treasury",
            "Police", "The company", "Opposition leaders", "The World Bank", "Residents"]
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


def make_article(rng: random.Random, index: int, words: int = 600) -> Article:
    sentences: list[str] = []
    count = 0
    while count < words:
        if rng.random() < 0.6:
            fact = rng.choice(FACTS).format(
                n=rng.randint(2, 90), m=rng.randint(0, 999), d=rng.randint(1, 28),
                year=rng.randint(1990, 2030),
            )
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {fact}."
        else:
            sentence = rng.choice(FILLER)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return Article(title=f"Generated article {index}", text="\n\n".join(paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles to import")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    args = parser.parse_args()
    rng = random.Random(20241112)
    articles = [make_article(rng, i, args.words) for i in range(args.articles)]
    from triage.extract import extract

    extract("Warm-up sentence about 3 million people.")  # load the model outside the timing
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db", user="bench")
        claims = 0
        started = time.perf_counter()
        for article in articles:
            stored = import_article(store, article)
            claims += stored.claims if stored else 0
        elapsed = time.perf_counter() - started
        store.close()
    print(
        f"imported {len(articles)} articles of ~{args.words} words ({claims} claims) in "
        f"{elapsed:.2f} s: {len(articles) / elapsed:.0f} articles/s, "
        f"{1000 * elapsed / len(articles):.1f} ms per article"
    )


if __name__ == "__main__":
    main()
