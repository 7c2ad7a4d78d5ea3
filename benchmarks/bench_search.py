"""How fast `/` search answers on a generated workspace of 1M claims (1.5M sentences, 50k articles).

    python benchmarks/bench_search.py [--db big.db] [--articles 50000] [--iterations 50]

- build: the workspace written through `Store.add_article` (index upkeep included), then the
  whole index rebuilt from the stored text, as the migration does for an older workspace;
- size: the full-text index's pages (dbstat), beside the whole file;
- latency: `Store.search(query, 200)` as the search screen calls it (a fresh read-only
  connection per query), median and p99 for each query shape, each query run --iterations
  times after one warm-up; also the median CPU time, which a busy machine does not inflate.

The generated text has a small vocabulary (benchmarks/make_workspace.py), so every word is
common: a word matches 5-15% of all sentences, the costly case for ranking (bm25 scores each
match before the best 200 are kept). A query matching more than 5,000 sentences ranks the
newest 5,000 (RANKED_MAX in triage/store/search.py): "matches" then shows "5,000+".
Target: p99 < 100 ms at 1M claims.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from triage.store import search as search_index
from triage.store.workspace import Store

QUERIES = {
    "one word": "inflation",
    "two words, any order": "march inflation",
    "phrase": '"official figures"',
    "number": "412",
    "prefix while typing": "unempl",
    "no match": "zeppelin",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def index_size(store: Store) -> tuple[int, int]:
    """(bytes in the full-text index's tables, bytes in the whole file)."""
    db = store.db
    index = db.execute(
        "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE ?",
        [search_index.TABLE + "%"],
    ).fetchone()[0]
    total = db.execute("SELECT SUM(pgsize) FROM dbstat").fetchone()[0]
    return int(index), int(total)


def rebuild(store: Store) -> float:
    started = time.perf_counter()
    with store.writing() as db:
        search_index.rebuild(db.conn)
    return time.perf_counter() - started


def latencies(store: Store, iterations: int) -> dict[str, dict[str, float]]:
    report: dict[str, dict[str, float]] = {}
    for shape, query in QUERIES.items():
        result = store.search(query, 200)  # warm-up: the OS cache (each query opens a connection)
        times, cpu = [], []
        for _ in range(iterations):
            started, started_cpu = time.perf_counter(), time.process_time()
            store.search(query, 200)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        report[shape] = {
            "query": query,
            "matches": result.matches,
            "capped": result.capped,
            "shown": len(result.hits),
            "median_ms": round(statistics.median(times), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="Existing workspace (default: generate one).")
    parser.add_argument("--articles", type=int, default=50_000, help="Articles to generate.")
    parser.add_argument("--claims-per-article", type=int, default=20, help="Claims per article.")
    parser.add_argument("--iterations", type=int, default=50, help="Runs of each query.")
    parser.add_argument("--no-rebuild", action="store_true", help="Skip timing a full rebuild.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        if not db.exists():
            from make_workspace import make_workspace

            started = time.perf_counter()
            make_workspace(db, args.articles, args.claims_per_article).close()
            result["workspace_build_s"] = round(time.perf_counter() - started, 1)
        store = Store.open(db, "bench")
        try:
            claims = store.progress()[1]
            sentences = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            result.update(claims=claims, sentences=sentences)
            if not args.no_rebuild:
                result["index_rebuild_s"] = round(rebuild(store), 1)
            index, total = index_size(store)
            result.update(index_mb=round(index / 1e6, 1), file_mb=round(total / 1e6, 1))
            result["queries"] = latencies(store, args.iterations)
        finally:
            store.close()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['claims']:,} claims, {result['sentences']:,} sentences, load {os.getloadavg()[0]:.1f}"
    )
    if "workspace_build_s" in result:
        print(f"workspace written (index upkeep included): {result['workspace_build_s']} s")
    if "index_rebuild_s" in result:
        print(f"index rebuilt from the stored text: {result['index_rebuild_s']} s")
    print(f"index size: {result['index_mb']} MB of a {result['file_mb']} MB workspace")
    print(
        f"{'query shape':<24}{'query':<22}{'matches':>9}{'median ms':>11}{'p99 ms':>9}{'CPU ms':>8}"
    )
    for shape, row in result["queries"].items():  # type: ignore[union-attr]
        matches = f"{row['matches']:,}" + ("+" if row["capped"] else "")
        print(
            f"{shape:<24}{row['query']:<22}{matches:>9}"
            f"{row['median_ms']:>11}{row['p99_ms']:>9}{row['cpu_median_ms']:>8}"
        )


if __name__ == "__main__":
    main()
