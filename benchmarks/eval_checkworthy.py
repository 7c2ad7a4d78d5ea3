"""Measure the shipped check-worthiness scorer on every TSV in DATA/checkworthy/.

    .venv/bin/python benchmarks/eval_checkworthy.py [--data ../shared/eval] [--threshold T]

One line per file: precision, recall and F1 of label 1 at the shipped threshold, and MAP of the
ranking within each `doc` (the CLEF CheckThat! measure). For the file the model was trained on,
only the held-out rows are measured (the split is reproduced from the model's hash rule), so no
figure comes from sentences the model has seen.

Each doc's sentences are scored in file order, one `score_sentences` call per doc. `--context K:W`
measures a reading-order blend that is not shipped: each sentence's log-odds plus W times the mean
log-odds of the K sentences either side (see triage/extract/README.md for why it is not used).
It is applied only to files of several docs (transcripts in reading order): claimbuster.tsv is
sorted by label, so neighbours there would leak the answer, and the tweets are not a reading order.
"""

from __future__ import annotations

import csv
import math
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from triage.extract import DEFAULT_THRESHOLD, score_sentences
from triage.extract.checkworthy import load_model


@dataclass(frozen=True)
class Row:
    doc: str
    id: str
    text: str
    label: int


@dataclass(frozen=True)
class Measures:
    rows: int
    positives: int
    precision: float
    recall: float
    f1: float
    mean_average_precision: float


def read_rows(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Row(r["doc"], r["id"], r["text"], int(r["label"]))
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def average_precision(ranked_labels: list[int]) -> float | None:
    """AP of one ranking; None when it holds no positive (such docs are left out of MAP)."""
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else None


def _log_odds(probability: float) -> float:
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log(probability / (1 - probability))


def blended(scores: list[float], window: int, weight: float) -> list[float]:
    """Each score's log-odds plus `weight` times the mean log-odds of up to `window` neighbours on
    each side, back as probabilities (the context experiment; the shipped scorer does not do it)."""
    if not window or not weight:
        return scores
    odds = [_log_odds(score) for score in scores]
    out = []
    for i, own in enumerate(odds):
        near = odds[max(0, i - window) : i] + odds[i + 1 : i + 1 + window]
        value = own + weight * (sum(near) / len(near) if near else 0.0)
        out.append(1 / (1 + math.exp(-value)))
    return out


def measure(rows: list[Row], threshold: float, context: tuple[int, float] = (0, 0.0)) -> Measures:
    order: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        order[row.doc].append(index)
    scores = [0.0] * len(rows)
    for indices in order.values():  # one call per doc, its sentences in reading order
        judged_doc = score_sentences([rows[i].text for i in indices], threshold)
        for i, score in zip(indices, blended([s.score for s in judged_doc], *context)):
            scores[i] = score
    claims = [score >= threshold for score in scores]
    true_positive = sum(1 for row, claim in zip(rows, claims) if claim and row.label)
    predicted = sum(claims)
    positives = sum(row.label for row in rows)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_doc: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for row, score in zip(rows, scores):
        by_doc[row.doc].append((score, row.label))
    precisions = [
        ap
        for ranking in by_doc.values()
        if (
            ap := average_precision(
                [label for _, label in sorted(ranking, key=lambda pair: -pair[0])]
            )
        )
        is not None
    ]
    mean_ap = sum(precisions) / len(precisions) if precisions else 0.0
    return Measures(len(rows), positives, precision, recall, f1, mean_ap)


@click.command()
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=REPO.parent / "shared" / "eval",
    show_default=True,
    help="Folder laid out like shared/eval; every checkworthy/*.tsv is measured.",
)
@click.option(
    "--threshold",
    type=float,
    default=None,
    help=f"Claim threshold to measure at [default: the shipped {DEFAULT_THRESHOLD}].",
)
@click.option(
    "--context",
    default="0:0",
    show_default=True,
    metavar="K:W",
    help="Measure a neighbour blend (not shipped): log-odds + W * mean of K neighbours each side.",
)
def main(data: Path, threshold: float | None, context: str) -> None:
    """Print P/R/F1 at the threshold and per-doc MAP for each file."""
    files = sorted((data / "checkworthy").glob("*.tsv"))
    if not files:
        raise click.ClickException(f"no checkworthy/*.tsv files in {data}")
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    model = load_model()
    window, _, weight = context.partition(":")
    blend = (int(window), float(weight or 0))
    click.echo(
        f"threshold {cut}" + (f", context {blend[0]}:{blend[1]}" if blend[0] and blend[1] else "")
    )
    for path in files:
        rows = read_rows(path)
        label = path.name
        if path.name == model.trained_on:
            rows = [row for row in rows if model.is_held_out(row.id)]
            label += " (held-out rows only)"
        started = time.perf_counter()
        ordered = len({row.doc for row in rows}) > 1
        if blend[0] and blend[1] and not ordered:
            label += " (no reading order: context not applied)"
        m = measure(rows, cut, blend if ordered else (0, 0.0))
        elapsed = time.perf_counter() - started
        click.echo(
            f"{label}: n={m.rows} pos={m.positives} P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f} "
            f"MAP={m.mean_average_precision:.3f} ({m.rows / elapsed:.0f} sentences/s)"
        )


if __name__ == "__main__":
    main()
