"""Generate a synthetic workspace for benchmarks: N articles of M claims (plus plain sentences).

    python benchmarks/make_workspace.py --articles 5000 --claims-per-article 20 --db /tmp/big.db

Writes through `Store.add_article` inside one outer transaction, so 100k claims take seconds.
The text is random but deterministic (seeded), with numbers in the claims like real news.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.models import CLAIM_KINDS, Article, Sentence
from triage.store.workspace import Store

SUBJECTS = (
    "The ministry",
    "Unemployment",
    "The council",
    "Inflation",
    "The company",
    "Crime",
    "The hospital trust",
    "Exports",
    "The senator",
    "Rent",
)
VERBS = ("rose by", "fell by", "reached", "doubled to", "was cut to", "grew to", "dropped to")
UNITS = ("percent", "million pounds", "billion dollars", "people", "cases", "homes")
TAILS = (
    "last year",
    "since 2019",
    "in March",
    "according to official figures",
    "the report said",
    "over the decade",
)
FILLER = (
    "Residents were unsure what to make of it.",
    "The mood in the room was tense.",
    "Officials did not respond to a request for comment.",
    "Nobody expected the turn.",
    "It was a cold morning in the capital.",
    "Questions remain.",
)
OUTLETS = ("Daily Ledger", "The Courier", "Morning Post", "City Herald", "Northern Wire")


def claim_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.randint(2, 950)} "
        f"{rng.choice(UNITS)} {rng.choice(TAILS)}."
    )


def make_article(rng: random.Random, number: int, claims: int) -> tuple[Article, list[Sentence]]:
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for index in range(claims * 3 // 2):
        is_claim = index % 3 != 2 and sum(s.claim for s in sentences) < claims
        text = claim_sentence(rng) if is_claim else rng.choice(FILLER)
        if index and index % 4 == 0:
            parts.append("\n\n")
            offset += 2
        elif index:
            parts.append(" ")
            offset += 1
        sentences.append(
            Sentence(
                start=offset,
                end=offset + len(text),
                text=text,
                score=round(rng.uniform(0.55, 0.99) if is_claim else rng.uniform(0.02, 0.4), 2),
                claim=is_claim,
                kind=rng.choice(CLAIM_KINDS) if is_claim else "other",
            )
        )
        parts.append(text)
        offset += len(text)
    while sum(s.claim for s in sentences) < claims:  # top up short articles
        text = claim_sentence(rng)
        parts.append(" ")
        offset += 1
        sentences.append(Sentence(offset, offset + len(text), text, 0.9, True, "quantity"))
        parts.append(text)
        offset += len(text)
    article = Article(
        title=f"Report {number}: {rng.choice(SUBJECTS)} under scrutiny",
        text="".join(parts),
        outlet=rng.choice(OUTLETS),
        published=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        source=f"synthetic/{number}.txt",
    )
    return article, sentences


def make_workspace(db: Path, articles: int, claims_per_article: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    store = Store.open(db, "bench")
    with store.writing():
        for number in range(1, articles + 1):
            article, sentences = make_article(rng, number, claims_per_article)
            store.add_article(article, sentences)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="How many articles.")
    parser.add_argument("--claims-per-article", type=int, default=20, help="Claims per article.")
    parser.add_argument("--db", type=Path, required=True, help="Workspace file to create.")
    parser.add_argument("--seed", type=int, default=7, help="Random seed (same seed, same data).")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} already exists; pick a new path")
    started = time.perf_counter()
    store = make_workspace(args.db, args.articles, args.claims_per_article, args.seed)
    _, total = store.progress()
    store.close()
    print(
        f"{args.db}: {args.articles} articles, {total} claims "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
