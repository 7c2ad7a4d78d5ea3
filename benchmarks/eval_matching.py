"""Measure claim matching on labelled data laid out like ../shared/eval (see its README).

    python benchmarks/eval_matching.py --data ../shared/eval [--calibrate] [--no-basil]

For each DIR/matching/<archive>/: import factchecks.jsonl into a temporary workspace, rank the archive
for every query of queries.tsv through the same code as `triage match`, and print the CheckThat! 2021
task 2 measures (MAP@5, MRR, recall@1/5/20) against qrels.tsv.

For DIR/news/basil.jsonl: import every article through the real pipeline (extraction, then linking)
and count automatic and suggested links between articles of the same event and of different events.

--calibrate prints the score distributions the thresholds in triage/link/linker.py were chosen from.

--speed measures the archive as a user meets it, in one run so the figures compare: a 50,000-entry
archive (every archive of DIR plus DIR/verdicts/liar.jsonl, padded with the fact-checks' headlines as
claims) is imported with `triage factchecks import`; then `triage --help` and a one-query `triage
match` are timed alternately (best and median of --repeat runs each); then every query of
DIR/matching in bulk through one `triage match --top 5`. Finally the first 78 BASIL articles are
imported in-process into a workspace without an archive and into one holding the politifact
archive: the CPU of each import and the archive's cost per claim.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.cli.link import read_queries
from triage.link.archive import read_archive
from triage.link.linker import Linker, Thresholds
from triage.link.matcher import StoredArchive
from triage.link.normalize import normalize
from triage.link.similarity import duplicate_score
from triage.models import AUTOMATIC, SUGGESTED
from triage.store.workspace import Store

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


def precision_above(
    positives: Sequence[float], negatives: Sequence[float], threshold: float
) -> tuple[float, float]:
    tp = sum(s >= threshold for s in positives)
    fp = sum(s >= threshold for s in negatives)
    return tp / max(1, tp + fp), tp / max(1, len(positives))


def print_calibration(
    name: str, results: dict, qrels: dict[str, set[str]], texts: dict[str, str]
) -> None:
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
    counts = {
        f"{tier} {kind}": 0
        for tier in (AUTOMATIC, SUGGESTED)
        for kind in ("same event", "different events")
    }
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


SPEED_ARCHIVE = 50_000
IMPORT_ARTICLES = 78


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _archive_lines(data: Path, size: int) -> list[str]:
    """`size` fact-check lines: every archive of DIR, then LIAR, then headlines as claims."""
    sources = sorted((data / "matching").glob("*/factchecks.jsonl")) + [
        data / "verdicts" / "liar.jsonl"
    ]
    records = [json.loads(line) for path in sources if path.exists()
               for line in path.open(encoding="utf-8") if line.strip()]  # fmt: skip
    lines = [json.dumps(record) for record in records]
    for record in records:
        if len(lines) >= size:
            break
        if record.get("title"):
            lines.append(
                json.dumps({**record, "id": f"{record['id']}#headline", "claim": record["title"]})
            )
    return lines[:size]


def _run(args: list[str], env: dict, stdin: str = "") -> tuple[float, float, str]:
    """Wall and CPU seconds of one CLI run, and its output."""
    started, children = time.perf_counter(), _children_cpu()
    result = subprocess.run(args, env=env, input=stdin, text=True, capture_output=True, check=True)
    return time.perf_counter() - started, _children_cpu() - children, result.stdout


def measure_speed(data: Path, repeat: int) -> None:
    triage = [sys.executable, "-m", "triage.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        lines = _archive_lines(data, SPEED_ARCHIVE)
        archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {**os.environ, "TRIAGE_DB": str(Path(tmp) / "archive.db")}
        wall, cpu, out = _run([*triage, "factchecks", "import", str(archive)], env)
        print(
            f"speed: factchecks import of {len(lines):,} entries: {wall:.1f} s ({cpu:.1f} s CPU): {out.strip()}"
        )
        query = "q1\tMexico will pay for the border wall, the candidate said\n"
        helps, matches = [], []
        for _ in range(repeat):  # alternated, so both meet the same load
            helps.append(_run([*triage, "--help"], env)[:2])
            matches.append(_run([*triage, "match"], env, query)[:2])
        for name, runs in (("triage --help", helps), ("triage match, one query", matches)):
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(f"speed: {name}: best {min(walls):.2f} s, median {statistics.median(walls):.2f} s wall; "
                  f"best {min(cpus):.2f} s CPU")  # fmt: skip
        ratio = min(w for w, _ in matches) / min(w for w, _ in helps)
        cpu_ratio = min(c for _, c in matches) / min(c for _, c in helps)
        print(
            f"speed: one-query match / --help: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target <= 2x)"
        )
        queries = []
        for folder in sorted((data / "matching").iterdir()):
            if (folder / "queries.tsv").exists():
                with (folder / "queries.tsv").open(encoding="utf-8") as stream:
                    queries += [
                        f"{folder.name}-{q}\t{' '.join(text.split())}"
                        for q, text, _ in read_queries(stream)
                    ]
        wall, cpu, out = _run([*triage, "match", "--top", "5"], env, "\n".join(queries) + "\n")
        answered = len(out.splitlines())
        print(f"speed: bulk `triage match --top 5`: {answered:,} queries, {answered / wall:.0f} queries/s "
              f"wall, {answered / cpu:.0f} queries/s CPU, start-up included (target >= 200)")  # fmt: skip
    measure_import_cost(data)


def measure_import_cost(data: Path) -> None:
    """CPU of importing the first BASIL articles without and with the politifact archive."""
    from triage.models import Article
    from triage.pipeline import import_article

    basil, politifact = (
        data / "news" / "basil.jsonl",
        data / "matching" / "politifact" / "factchecks.jsonl",
    )
    if not (basil.exists() and politifact.exists()):
        return
    records = [json.loads(line) for line in basil.open(encoding="utf-8") if line.strip()][
        :IMPORT_ARTICLES
    ]
    costs = {}
    for with_archive in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(Path(tmp) / "import.db", user="eval")
            linker = Linker(store)
            if with_archive:
                with store.writing():
                    linker.links.add_factchecks(read_archive(politifact), source=str(politifact))
                    StoredArchive(store).refresh(
                        imported=True
                    )  # as `triage factchecks import` does
            started = time.process_time()
            for record in records:
                import_article(store, Article(title=record["title"], text=record["text"], outlet=record["outlet"],
                                              url=record.get("url", ""), published=record.get("date", "")))  # fmt: skip
            costs[with_archive] = time.process_time() - started
            claims = sum(1 for batch in linker.links.iter_claim_texts() for _ in batch)
            store.close()
    extra = costs[True] - costs[False]
    print(f"import: {len(records)} BASIL articles, {claims} claims: {costs[False]:.2f} s CPU without an archive, "
          f"{costs[True]:.2f} s with the 19,250-entry politifact archive ({costs[True] / costs[False]:.1f}x); "
          f"the archive costs {1000 * extra / max(1, claims):.2f} ms per claim")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"),
                        help="Folder laid out like ../shared/eval.")  # fmt: skip
    parser.add_argument(
        "--calibrate", action="store_true", help="Print threshold calibration tables."
    )
    parser.add_argument("--no-basil", action="store_true", help="Skip the BASIL link counts.")
    parser.add_argument(
        "--speed",
        action="store_true",
        help="Only time the CLI against a 50k archive and the archive's cost at import.",
    )
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each CLI timing (--speed).")
    args = parser.parse_args(argv)
    if args.speed:
        measure_speed(args.data, args.repeat)
        return 0
    matching = args.data / "matching"
    if not matching.is_dir():
        parser.error(f"{matching}: no such folder")
    for folder in sorted(p for p in matching.iterdir() if (p / "factchecks.jsonl").exists()):
        scores = evaluate_archive(folder, args.calibrate)
        print(
            f"{folder.name}: " + "  ".join(f"{name} {value:.3f}" for name, value in scores.items())
        )
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
