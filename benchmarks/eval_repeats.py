"""Repeats by meaning, measured as a user would: import BASIL, export the links, compare with labels.

    python benchmarks/eval_repeats.py [--data ../shared/eval]            # the figures of issue 10
    python benchmarks/eval_repeats.py --calibrate                        # the threshold sweep

Every article of DIR/news/basil.jsonl is imported into a fresh workspace (extract -> store -> link,
as `triage import` does); the links are read back through `triage export --format links`. A
labelled pair of DIR/news/news_repeats.jsonl counts as linked when a link joins two stored
sentences overlapping its two spans (news/LABELLING.md). Reported: the share of "same" pairs
linked automatically and at all; of "different" pairs linked automatically, suggested without a
shown difference (no differing number, name, time or negation and relation "same"), and at all;
automatic links joining articles of different events; and the same figures for the worst event.

Targets (issue 10): same >= 60% at all and >= 35% automatically; different <= 2% automatically and
<= 15% suggested without a shown difference; no automatic link across events.

--calibrate imports with both tiers opened wide (suggested 5, automatic 0, so every pair the
guard lets through is "auto") and prints, for each candidate threshold, what the tiers would give
(a pair one side adds more than one number, name or time to needs more than the threshold, as in
the linker: `automatic_bar`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner

from triage.cli import cli
from triage.link.linker import Thresholds, automatic_bar
from triage.models import Article
from triage.pipeline import import_article
from triage.store.workspace import Store

DEFAULT_DATA = Path("../shared/eval")  # relative to the repo, as the other benchmarks


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def import_basil(records: list[dict], db: Path, thresholds: dict[str, float] | None) -> float:
    store = Store.open(db, user="eval")
    started = time.perf_counter()
    for r in records:
        article = Article(title=r.get("title") or "untitled", text=r["text"], outlet=r.get("outlet", ""),
                          url=r.get("url", ""), published=r.get("date", ""))  # fmt: skip
        import_article(store, article, link_thresholds=thresholds)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def export_links(db: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "links"])
    if result.exit_code != 0:
        raise SystemExit(f"export failed: {result.output}")
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def overlaps(side: dict, span: dict) -> bool:
    return (
        side["article_url"] == span["url"]
        and side["start"] < span["end"]
        and span["start"] < side["end"]
    )


def pair_links(pair: dict, links_by_url: dict[str, list[dict]]) -> list[dict]:
    """The links joining a sentence overlapping span a with one overlapping span b."""
    found = []
    for link in links_by_url.get(pair["a"]["url"], []):
        for x, y in ((link["a"], link["b"]), (link["b"], link["a"])):
            if overlaps(x, pair["a"]) and overlaps(y, pair["b"]):
                found.append(link)
                break
    return found


def shown_difference(link: dict) -> bool:
    return bool(link["differing"]) or link["relation"] == "opposite"


def is_automatic(link: dict, auto: float) -> bool:
    """Whether a link the guard let through (tier "auto") is automatic at threshold `auto`, by the
    linker's own rule (a pair one side adds more numbers, names or times to needs more)."""
    bar = automatic_bar(Thresholds(automatic=auto), link["differing"])
    return link["tier"] == "auto" and link["score"] >= bar


def clusters_of(links: list[dict], auto: float) -> dict[tuple, int]:
    """Sentence (url, start, end) -> its cluster: the groups joined by automatic links of the same
    claim, as the app builds them (triage/link/clusters.py). A near-copy joins its cluster through
    one link, so two reports of a claim may share a cluster without a direct link."""
    parent: dict[tuple, tuple] = {}

    def root(key: tuple) -> tuple:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for link in links:
        if is_automatic(link, auto) and link["relation"] == "same":
            ra, rb = (root(sentence_key(link[side])) for side in ("a", "b"))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    numbers: dict[tuple, int] = {}
    return {key: numbers.setdefault(root(key), len(numbers)) for key in list(parent)}


def sentence_key(side: dict) -> tuple:
    return (side["article_url"], side["start"], side["end"])


def in_one_cluster(pair: dict, clusters: dict[tuple, int]) -> bool:
    """Whether sentences overlapping the pair's two spans sit in one cluster."""
    found: dict[str, set[int]] = {"a": set(), "b": set()}
    for key, cluster in clusters.items():
        for side in ("a", "b"):
            span = pair[side]
            if key[0] == span["url"] and key[1] < span["end"] and span["start"] < key[2]:
                found[side].add(cluster)
    return bool(found["a"] & found["b"])


def figures(
    pairs: list[dict], links_by_url: dict, auto: float, suggested: float, clusters: dict[tuple, int]
) -> dict[str, float]:
    """Counts for one pair of thresholds (links below `suggested` do not exist; an "auto" link
    below `auto` is a suggestion). A pair is linked automatically when its sentences are in one
    cluster (a verdict on one shows on the other), "directly" when an automatic link joins them."""
    counts: dict[str, float] = defaultdict(float)
    for pair in pairs:
        found = [link for link in pair_links(pair, links_by_url) if link["score"] >= suggested]
        direct = any(is_automatic(link, auto) for link in found)
        is_auto = direct or in_one_cluster(pair, clusters)
        label = pair["label"]
        counts[label] += 1
        counts[f"{label} auto"] += is_auto
        counts[f"{label} auto directly"] += direct
        counts[f"{label} any"] += bool(found) or is_auto
        if found and not is_auto and not any(shown_difference(link) for link in found):
            counts[f"{label} suggested, nothing shown"] += 1
    return counts


def shares(counts: dict[str, float]) -> dict[str, float]:
    out = {}
    for label in ("same", "different"):
        total = counts.get(label, 0) or 1
        for key in ("auto", "auto directly", "any", "suggested, nothing shown"):
            out[f"{label} {key}"] = counts.get(f"{label} {key}", 0) / total
    return out


def cross_event_auto(
    links: list[dict], events: dict[str, str], auto: float, suggested: float
) -> tuple[int, int]:
    automatic = [link for link in links if is_automatic(link, auto) and link["score"] >= suggested]
    across = [
        link
        for link in automatic
        if events.get(link["a"]["article_url"]) != events.get(link["b"]["article_url"])
    ]
    return len(across), len(automatic)


def clusters_across_events(clusters: dict[tuple, int], events: dict[str, str]) -> tuple[int, int]:
    """Clusters holding sentences of more than one event, and clusters in all."""
    seen: dict[int, set[str]] = defaultdict(set)
    for (url, _, _), cluster in clusters.items():
        seen[cluster].add(events.get(url, url))
    return sum(len(e) > 1 for e in seen.values()), len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--calibrate", action="store_true", help="sweep the thresholds")
    parser.add_argument("--keep", type=Path, help="keep the workspace at this path")
    parser.add_argument("--events", action="store_true", help="print the figures of every event")
    parser.add_argument("--reuse", action="store_true",
                        help="read the links of the workspace at --keep instead of importing again")  # fmt: skip
    args = parser.parse_args()
    records = read_jsonl(args.data / "news" / "basil.jsonl")
    pairs = read_jsonl(args.data / "news" / "news_repeats.jsonl")
    events = {r["url"]: r["event"] for r in records}
    wide = {"suggested": 5.0, "automatic": 0.0} if args.calibrate else None
    with tempfile.TemporaryDirectory() as folder:
        db = args.keep or Path(folder) / "eval.db"
        elapsed = 0.0
        if not (args.reuse and db.exists()):
            if db.exists():
                db.unlink()
            elapsed = import_basil(records, db, wide)
        links = export_links(db)
    links_by_url: dict[str, list[dict]] = defaultdict(list)
    for link in links:
        links_by_url[link["a"]["article_url"]].append(link)
        if link["b"]["article_url"] != link["a"]["article_url"]:
            links_by_url[link["b"]["article_url"]].append(link)
    if elapsed:
        print(f"imported {len(records)} articles in {elapsed:.1f} s "
              f"({len(records) / elapsed:.0f} articles/s), {len(links)} links exported")  # fmt: skip
    if args.calibrate:
        print("suggested automatic | same any  same auto (directly) | diff auto (directly)  "
              "diff sugg-nothing-shown | auto links across events | clusters across events")  # fmt: skip
        for suggested in (5, 6, 8, 10):
            for auto in (20, 25, 28, 30, 32, 35, 38, 40, 45, 50):
                clusters = clusters_of(links, max(auto, suggested))
                s = shares(figures(pairs, links_by_url, auto, suggested, clusters))
                across, total = cross_event_auto(links, events, auto, suggested)
                mixed, groups = clusters_across_events(clusters, events)
                print(f"{suggested:9} {auto:9} | {s['same any']:8.0%} {s['same auto']:9.0%} "
                      f"({s['same auto directly']:.0%}) | {s['different auto']:9.1%} "
                      f"({s['different auto directly']:.1%}) "
                      f"{s['different suggested, nothing shown']:23.0%} | {across}/{total} | "
                      f"{mixed}/{groups}")  # fmt: skip
        return
    clusters = clusters_of(links, 0.0)
    counts = figures(pairs, links_by_url, 0.0, 0.0, clusters)
    overall = shares(counts)
    across, total = cross_event_auto(links, events, 0.0, 0.0)
    mixed, groups = clusters_across_events(clusters, events)
    n_same, n_diff = int(counts["same"]), int(counts["different"])
    print(
        f"same pairs:      {overall['same any']:.0%} linked at all ({counts['same any']:.0f}/{n_same}), "
        f"{overall['same auto']:.0%} automatically ({counts['same auto']:.0f}/{n_same}; "
        f"{overall['same auto directly']:.0%} by a direct link)   (targets >= 60%, >= 35%)"
    )
    print(
        f"different pairs: {overall['different auto']:.1%} automatically "
        f"({counts['different auto']:.0f}/{n_diff}; {overall['different auto directly']:.1%} directly), "
        f"{overall['different suggested, nothing shown']:.0%} suggested without a shown difference, "
        f"{overall['different any']:.0%} at all   (targets <= 2%, <= 15%)"
    )
    print(f"automatic links across events: {across} of {total}   (target 0); "
          f"clusters across events: {mixed} of {groups}")  # fmt: skip
    by_event: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        by_event[pair["event"]].append(pair)
    per_event = {event: shares(figures(ps, links_by_url, 0.0, 0.0, clusters))
                 for event, ps in by_event.items()
                 if sum(p["label"] == "same" for p in ps) >= 3}  # fmt: skip
    if args.events:
        for event, e in sorted(per_event.items(), key=lambda item: item[1]["same auto"]):
            print(f"  event {event[:8]}: same {e['same any']:4.0%} at all {e['same auto']:4.0%} "
                  f"automatically | different {e['different auto']:4.0%} automatically, "
                  f"{e['different any']:4.0%} at all")  # fmt: skip
    worst = min(per_event, key=lambda e: (per_event[e]["same any"], per_event[e]["same auto"]))
    w = per_event[worst]
    print(
        f"worst event ({worst[:8]}, {len(by_event[worst])} pairs): same {w['same any']:.0%} at all, "
        f"{w['same auto']:.0%} automatically; different {w['different auto']:.0%} automatically, "
        f"{w['different suggested, nothing shown']:.0%} suggested without a shown difference"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
