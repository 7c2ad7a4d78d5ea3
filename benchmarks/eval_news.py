"""Measure claim extraction on news sentences labelled by this team (DATA/news/news_checkworthy.jsonl).

    .venv/bin/python benchmarks/eval_news.py [--data ../shared/eval] [--threshold T] [--errors]

Each labelled article's text comes from DATA/news/basil.jsonl (matched by url), cleaned as import
cleans a JSONL article (CRLF to LF, stripped) and run through `triage.extract.extract`, exactly as import does. Every
non-borderline labelled span takes the extracted sentence that overlaps it most; that sentence's
`claim` flag and `score` stand for the span. Reported, for the whole set and for each event:
precision, recall and F1 of "claim", and mean average precision (MAP) of the score within each
article (articles with no check-worthy span are left out of MAP).

Reaction stories are told apart from the labels themselves: an event is one when fewer than a
third of its non-borderline spans are check-worthy (politicians answering each other, mostly
opinion; news/LABELLING.md). Precision on each of them is printed, since a good extractor is
precise on those too. `--errors` lists the spans the extractor gets wrong (to read, not to keep).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from triage.extract import DEFAULT_THRESHOLD, extract

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_checkworthy import average_precision

REACTION_SHARE = 1 / 3  # below this share of check-worthy spans, an event is a reaction story


@dataclass(frozen=True)
class Judged:
    """One non-borderline labelled span and the extracted sentence standing for it."""

    event: str
    url: str
    label: int
    claim: bool
    score: float
    span_text: str
    sentence_text: str


@dataclass(frozen=True)
class Measures:
    spans: int
    positives: int
    precision: float
    recall: float
    f1: float
    mean_average_precision: float


def measure(judged: list[Judged], threshold: float | None = None) -> Measures:
    """P/R/F1 of the claim flags (or of score >= threshold when given) and MAP within articles."""
    claims = [j.claim if threshold is None else j.score >= threshold for j in judged]
    true_positive = sum(1 for j, claim in zip(judged, claims) if claim and j.label)
    predicted = sum(claims)
    positives = sum(j.label for j in judged)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_article: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_article[j.url].append(j)
    precisions = [
        ap
        for spans in by_article.values()
        # Stable sort: spans with equal scores stay in reading order.
        if (ap := average_precision([j.label for j in sorted(spans, key=lambda j: -j.score)]))
        is not None
    ]
    mean_ap = sum(precisions) / len(precisions) if precisions else 0.0
    return Measures(len(judged), positives, precision, recall, f1, mean_ap)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def judge_articles(data: Path, threshold: float | None) -> list[Judged]:
    labels = read_jsonl(data / "news" / "news_checkworthy.jsonl")
    raw_texts = {
        record["url"]: record["text"].replace("\r\n", "\n")
        for record in read_jsonl(data / "news" / "basil.jsonl")
    }
    by_url: dict[str, list[dict]] = defaultdict(list)
    for label in labels:
        by_url[label["url"]].append(label)
    judged: list[Judged] = []
    for url, spans in by_url.items():
        # As triage.ingest.jsonl reads an article; label offsets index the raw text, so they shift
        # by the leading white space that strip() takes.
        text = raw_texts[url].strip()
        shift = len(raw_texts[url]) - len(raw_texts[url].lstrip())
        sentences = extract(text, threshold)
        for span in spans:
            if span["borderline"]:
                continue
            start, end = span["start"] - shift, span["end"] - shift
            if text[start:end] != span["text"]:
                raise click.ClickException(
                    f"{url}: span {span['start']}-{span['end']} does not match the text"
                )
            best = max(sentences, key=lambda s: min(end, s.end) - max(start, s.start))
            judged.append(
                Judged(
                    span["event"],
                    url,
                    int(span["checkworthy"]),
                    best.claim,
                    best.score,
                    span["text"],
                    best.text,
                )
            )
    return judged


def line(name: str, m: Measures) -> str:
    return (
        f"{name}: n={m.spans} pos={m.positives} P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f} "
        f"MAP={m.mean_average_precision:.3f}"
    )


@click.command()
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=REPO.parent / "shared" / "eval",
    show_default=True,
    help="Folder laid out like shared/eval (reads news/*.jsonl).",
)
@click.option(
    "--threshold",
    type=float,
    default=None,
    help=f"Claim threshold to measure at [default: the shipped {DEFAULT_THRESHOLD}].",
)
@click.option("--sweep", is_flag=True, help="Also print whole-set P/R/F1 at thresholds 0.10-0.90.")
@click.option(
    "--errors", is_flag=True, help="List false positives and false negatives with their scores."
)
def main(data: Path, threshold: float | None, sweep: bool, errors: bool) -> None:
    """Print P/R/F1 and MAP for the whole set, each event, the worst event and the reaction stories."""
    judged = judge_articles(data, threshold)
    click.echo(f"threshold {DEFAULT_THRESHOLD if threshold is None else threshold}")
    click.echo(line("all", measure(judged)))
    by_event: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_event[j.event].append(j)
    measures = {event: measure(spans) for event, spans in by_event.items()}
    reaction = {event for event, m in measures.items() if m.positives < REACTION_SHARE * m.spans}
    for event, m in sorted(measures.items(), key=lambda item: item[1].f1):
        click.echo(line(f"  {event[:8]}{' (reaction)' if event in reaction else ''}", m))
    ordinary = {event: m for event, m in measures.items() if event not in reaction}
    if ordinary:
        worst_f1 = min(ordinary, key=lambda event: ordinary[event].f1)
        click.echo(line(f"worst F1 (not reaction) {worst_f1[:8]}", ordinary[worst_f1]))
    worst_map = min(measures, key=lambda event: measures[event].mean_average_precision)
    click.echo(line(f"worst MAP {worst_map[:8]}", measures[worst_map]))
    if reaction:
        click.echo(
            f"reaction stories (under {REACTION_SHARE:.0%} check-worthy): precision "
            + " ".join(f"{event[:8]}={measures[event].precision:.2f}" for event in sorted(reaction))
            + f"; lowest {min(measures[event].precision for event in reaction):.2f}"
        )
    if sweep:
        for step in range(10, 91, 5):
            cut = step / 100
            m = measure(judged, cut)
            # A set with no reaction story has no reaction column.
            worst = (
                f" reaction P>={min(measure(by_event[event], cut).precision for event in reaction):.2f}"
                if reaction
                else ""
            )
            click.echo(f"  at {cut:.2f}: P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f}{worst}")
    if errors:
        for j in sorted(judged, key=lambda j: (j.event, j.url)):
            if j.claim != bool(j.label):
                kind = "FP" if j.claim else "FN"
                click.echo(f"{kind} {j.score:.2f} {j.event[:8]} {j.sentence_text!r}")


if __name__ == "__main__":
    main()
