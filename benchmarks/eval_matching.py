"""Measure claim matching on labelled data laid out like ../shared/eval (see its README).

    python benchmarks/eval_matching.py --data ../shared/eval [--calibrate] [--no-basil]

For each DIR/matching/<archive>/: import factchecks.jsonl into a temporary workspace, rank the archive
for every query of queries.tsv through the same code as `triage match`, and print the CheckThat! 2021
task 2 measures (MAP@5, MRR, recall@1/5/20) against qrels.tsv.

For DIR/news/basil.jsonl: import every article through the real pipeline (extraction, then linking)
and count automatic and suggested links between articles of the same event and of different events.

--calibrate prints the score distributions the thresholds in triage/link/linker.py were chosen from.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.link.archive import read_archive  # noqa: E402
from triage.link.commands import read_queries  # noqa: E402
from triage.link.linker import Linker, Thresholds  # noqa: E402
from triage.link.normalize import normalize  # noqa: E402
from triage.link.records import AUTOMATIC, SUGGESTED  # noqa: E402
from triage.link.similarity import duplicate_score  # noqa: E402
from triage.store.workspace import Store  # noqa: E402

DEPTH = 20


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)  # header
        for line in lines:
            if line.strip():
                query_id, factcheck_id = line.split("\t")[:2]
                qrels.setdefault(query_id.strip(), set()).add(factcheck_id.strip())
    return qrels


def measures(ranked: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    """MAP@5, MRR and recall@k over the queries that have at least one relevant fact-check."""
    totals = {"MAP@5": 0.0, "MRR": 0.0, "R@1": 0.0, "R@5": 0.0, "R@20": 0.0}
    judged = [q for q in ranked if qrels.get(q)]
    for query_id in judged:
        relevant, ids = qrels[query_id], ranked[query_id]
        hits, precision_sum = 0, 0.0
        for rank, factcheck_id in enumerate(ids[:5], start=1):
            if factcheck_id in relevant:
                hits += 1
                precision_sum += hits / rank
        totals["MAP@5"] += precision_sum / min(len(relevant), 5)
        first = next((rank for rank, f in enumerate(ids, start=1) if f in relevant), None)
        totals["MRR"] += 1 / first if first else 0.0
        for k in (1, 5, 20):
            totals[f"R@{k}"] += len(relevant & set(ids[:k])) / len(relevant)
    return {name: value / max(1, len(judged)) for name, value in totals.items()}


def evaluate_archive(folder: Path, calibrate: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "eval.db", user="eval")
        linker = Linker(store)
        started = time.perf_counter()
        linker.links.add_factchecks(read_archive(folder / "factchecks.jsonl"), source=str(folder))
        matcher = linker.archive()
        loaded = time.perf_counter() - started
        with (folder / "queries.tsv").open(encoding="utf-8") as stream:
            queries = list(read_queries(stream))
        started = time.perf_counter()
        results = {query_id: matcher.match(text, top=DEPTH) for query_id, text, _ in queries}
        elapsed = time.perf_counter() - started
        store.close()
    qrels = read_qrels(folder / "qrels.tsv")
    ranked = {q: [m.factcheck.id for m in matches] for q, matches in results.items()}
    scores = measures(ranked, qrels)
    scores["queries/s"] = len(queries) / elapsed
    scores["archive load s"] = loaded
    if calibrate:
        texts = {query_id: text for query_id, text, _ in queries}
        print_calibration(folder.name, results, qrels, texts)
    return scores


def precision_above(positives: Sequence[float], negatives: Sequence[float], threshold: float) -> tuple[float, float]:
    tp = sum(s >= threshold for s in positives)
    fp = sum(s >= threshold for s in negatives)
    return tp / max(1, tp + fp), tp / max(1, len(positives))


def print_calibration(name: str, results: dict, qrels: dict[str, set[str]], texts: dict[str, str]) -> None:
    """Top-1 archive scores of right vs wrong answers, and duplicate scores of right vs hard-wrong
    pairs: the precision/recall each threshold would give."""
    right, wrong = [], []
    dup_right, dup_wrong = [], []
    for query_id, matches in results.items():
        relevant = qrels.get(query_id, set())
        if not matches or not relevant:
            continue
        (right if matches[0].factcheck.id in relevant else wrong).append(matches[0].score)
        query = normalize(texts[query_id])
        for match in matches[:5]:
            score = duplicate_score(query, normalize(match.factcheck.claim))
            (dup_right if match.factcheck.id in relevant else dup_wrong).append(score)
    print(f"  calibration {name}: top-1 archive score -> precision / recall of 'checked before'")
    for threshold in range(60, 100, 5):
        precision, recall = precision_above(right, wrong, threshold)
        print(f"    >= {threshold}: precision {precision:.3f}  recall {recall:.3f}")
    print(f"  calibration {name}: duplicate score, right pairs vs top-5 wrong pairs")
    for threshold in range(50, 100, 5):
        precision, recall = precision_above(dup_right, dup_wrong, threshold)
        print(f"    >= {threshold}: precision {precision:.3f}  recall {recall:.3f}  "
              f"(wrong pairs above: {sum(s >= threshold for s in dup_wrong)})")  # fmt: skip


def evaluate_basil(path: Path, thresholds: Thresholds) -> dict[str, int]:
    """Import BASIL through the pipeline; count links by tier and by same/different event."""
    from triage.models import Article
    from triage.pipeline import import_article

    articles = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    counts = {f"{tier} {kind}": 0 for tier in (AUTOMATIC, SUGGESTED) for kind in ("same event", "different events")}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "basil.db", user="eval")
        linker = Linker(store, thresholds)
        event_of: dict[int, str] = {}
        started = time.perf_counter()
        for record in articles:
            article = Article(title=record["title"], text=record["text"], outlet=record["outlet"],
                              url=record.get("url", ""), published=record.get("date", ""))  # fmt: skip
            stored = import_article(store, article)
            if stored is not None:
                event_of[stored.id] = record["event"]
        elapsed = time.perf_counter() - started
        texts = {}
        for batch in linker.links.iter_claim_texts():
            texts.update({claim.id: claim for claim in batch})
        for a, b, _score, state in linker.links.iter_links():
            same = event_of[texts[a].article_id] == event_of[texts[b].article_id]
            counts[f"{state} {'same event' if same else 'different events'}"] += 1
        store.close()
    counts["articles"] = len(event_of)
    counts["claims"] = len(texts)
    counts["import+link s"] = round(elapsed, 1)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"),
                        help="Folder laid out like ../shared/eval.")  # fmt: skip
    parser.add_argument("--calibrate", action="store_true", help="Print threshold calibration tables.")
    parser.add_argument("--no-basil", action="store_true", help="Skip the BASIL link counts.")
    args = parser.parse_args(argv)
    matching = args.data / "matching"
    if not matching.is_dir():
        parser.error(f"{matching}: no such folder")
    for folder in sorted(p for p in matching.iterdir() if (p / "factchecks.jsonl").exists()):
        scores = evaluate_archive(folder, args.calibrate)
        print(f"{folder.name}: " + "  ".join(f"{name} {value:.3f}" for name, value in scores.items()))
    basil = args.data / "news" / "basil.jsonl"
    if basil.exists() and not args.no_basil:
        counts = evaluate_basil(basil, Thresholds())
        print("basil: " + "  ".join(f"{name}: {value}" for name, value in counts.items()))
        automatic = counts[f"{AUTOMATIC} same event"] + counts[f"{AUTOMATIC} different events"]
        if automatic:
            share = counts[f"{AUTOMATIC} different events"] / automatic
            print(f"basil: {share:.1%} of automatic links join different events (target < 2%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
