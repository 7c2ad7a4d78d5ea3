"""Polarity against the fact-check archive: a denied claim must never be "checked before".

    python benchmarks/eval_polarity.py [--data ../shared/eval] [--sample 200] [--seed 0]

For each DIR/matching/<archive>/: import factchecks.jsonl into a temporary workspace as `triage
factchecks import` does, then draw --sample fact-check claims that carry no negation and negate each
one: "not" (or "never", every third claim) after its first auxiliary verb ("will pay" -> "will not
pay"), else "It is false that ..." before it. Claims of more than one sentence are not drawn: imported,
one of their sentences would carry the original's words without the negation. Both the original and the negated claim are ranked
through the same code as `triage match`, and then imported as sentences of two articles through the
real pipeline (extraction, linking). Reported: how many originals are "checked before" (they should
all be: they are in the archive word for word), how many negations are (target 0), and how many
negations still find their own fact-check first, marked opposite.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.link.archive import read_archive
from triage.link.linker import Linker, Thresholds, claim_marks
from triage.link.matcher import StoredArchive, checked_before
from triage.link.polarity import negations
from triage.models import Article
from triage.pipeline import import_article
from triage.store.workspace import Store

AUXILIARIES = [
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "must",
    "may",
    "might",
    "shall",
]
# "has not only ..." reads as "not only ... but", which negates nothing: such a spot is skipped.
_AUXILIARY = re.compile(rf"\b({'|'.join(AUXILIARIES)})\b(?=\s+(?!only\b)[a-z])")
# A stop inside the text ("... in 2016. He said ...", "Sen. Smith"): the pipeline would import two
# sentences, one of them the original's words without the negation. Such claims are not drawn.
_INNER_STOP = re.compile(r"[.!?][\"”’')]*\s")


def negate(claim: str, number: int) -> str:
    """The claim denied: a negation after its first auxiliary, else "It is false that" before it."""
    word = "never" if number % 3 == 2 else "not"
    found = _AUXILIARY.search(claim)
    if found:
        return f"{claim[: found.end()]} {word}{claim[found.end() :]}"
    first = claim[:1].lower() if claim[1:2].islower() else claim[:1]  # keep "US", "I"
    return f"It is false that {first}{claim[1:]}"


def sample_claims(factchecks: Sequence, size: int, seed: int) -> list:
    """Fact-checks whose claim is one sentence of 6-60 words and carries no negation cue."""
    usable = [
        fc for fc in factchecks
        if not negations(fc.claim) and 6 <= len(fc.claim.split()) <= 60
        and not _INNER_STOP.search(fc.claim.strip())
    ]  # fmt: skip
    return random.Random(seed).sample(usable, min(size, len(usable)))


def import_as_article(store: Store, title: str, claims: Sequence[str]) -> tuple[int, int]:
    """Import the claims as one article (a paragraph each); (claims extracted, checked before)."""
    article = Article(title=title, text="\n\n".join(claims), outlet="polarity benchmark")
    stored = import_article(store, article)
    if stored is None:
        return 0, 0
    ids = [claim.id for claim in store.claims(stored.id)]
    marks = claim_marks(Linker(store), ids)
    return len(ids), sum(mark.checked_before for mark in marks.values())


def evaluate(folder: Path, size: int, seed: int) -> dict[str, str]:
    factchecks = read_archive(folder / "factchecks.jsonl")
    chosen = sample_claims(factchecks, size, seed)
    originals = [" ".join(fc.claim.split()) for fc in chosen]
    negated = [negate(text, number) for number, text in enumerate(originals)]
    thresholds = Thresholds()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "polarity.db", user="eval")
        linker = Linker(store, thresholds)
        with store.writing():
            linker.links.add_factchecks(factchecks, source=str(folder))
            StoredArchive(store).refresh(imported=True)
        archive = linker.archive()
        flagged = {"original": 0, "negated": 0}
        own_first_opposite = 0
        for fc, original, denied in zip(chosen, originals, negated):
            for kind, text in (("original", original), ("negated", denied)):
                ranked = archive.match(text, top=5)
                flagged[kind] += checked_before(ranked, thresholds.checked_before) is not None
                if (
                    kind == "negated"
                    and ranked
                    and ranked[0].factcheck.id == fc.id
                    and ranked[0].opposite
                ):
                    own_first_opposite += 1
        imported = {
            "original": import_as_article(store, "Originals", originals),
            "negated": import_as_article(store, "Negations", negated),
        }
        store.close()
    n = len(chosen)
    return {
        "claims": str(n),
        "match: originals checked before": f"{flagged['original']}/{n}",
        "match: negations checked before": f"{flagged['negated']}/{n}",
        "match: negations finding their fact-check first, marked opposite": f"{own_first_opposite}/{n}",
        "import: originals checked before": "{1}/{0}".format(*imported["original"]),
        "import: negations checked before": "{1}/{0}".format(*imported["negated"]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "eval",
                        help="Folder laid out like ../shared/eval (default: ../shared/eval from the repo).")  # fmt: skip
    parser.add_argument("--sample", type=int, default=200, help="Claims drawn from each archive.")
    parser.add_argument("--seed", type=int, default=0, help="Seed of the draw.")
    args = parser.parse_args(argv)
    matching = args.data / "matching"
    if not matching.is_dir():
        parser.error(f"{matching}: no such folder")
    for folder in sorted(p for p in matching.iterdir() if (p / "factchecks.jsonl").exists()):
        result = evaluate(folder, args.sample, args.seed)
        print(f"{folder.name}: " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
