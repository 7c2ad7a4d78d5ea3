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
guard lets through is "auto") and prints, for each candidate threshold, what the tiers would give.
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


def figures(
    pairs: list[dict], links_by_url: dict, auto: float, suggested: float
) -> dict[str, float]:
    """Shares for one pair of thresholds (links below `suggested` do not exist; an "auto" link
    below `auto` is a suggestion)."""
    counts: dict[str, float] = defaultdict(float)
    for pair in pairs:
        found = [link for link in pair_links(pair, links_by_url) if link["score"] >= suggested]
        is_auto = any(link["tier"] == "auto" and link["score"] >= auto for link in found)
        label = pair["label"]
        counts[label] += 1
        counts[f"{label} auto"] += is_auto
        counts[f"{label} any"] += bool(found)
        if found and not is_auto and not any(shown_difference(link) for link in found):
            counts[f"{label} suggested, nothing shown"] += 1
    return counts


def shares(counts: dict[str, float]) -> dict[str, float]:
    out = {}
    for label in ("same", "different"):
        total = counts.get(label, 0) or 1
        for key in ("auto", "any", "suggested, nothing shown"):
            out[f"{label} {key}"] = counts.get(f"{label} {key}", 0) / total
    return out


def cross_event_auto(
    links: list[dict], events: dict[str, str], auto: float, suggested: float
) -> tuple[int, int]:
    automatic = [
        link for link in links if link["tier"] == "auto" and link["score"] >= max(auto, suggested)
    ]
    across = [
        link
        for link in automatic
        if events.get(link["a"]["article_url"]) != events.get(link["b"]["article_url"])
    ]
    return len(across), len(automatic)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--calibrate", action="store_true", help="sweep the thresholds")
    parser.add_argument("--keep", type=Path, help="keep the workspace at this path")
    args = parser.parse_args()
    records = read_jsonl(args.data / "news" / "basil.jsonl")
    pairs = read_jsonl(args.data / "news" / "news_repeats.jsonl")
    events = {r["url"]: r["event"] for r in records}
    wide = {"suggested": 5.0, "automatic": 0.0} if args.calibrate else None
    with tempfile.TemporaryDirectory() as folder:
        db = args.keep or Path(folder) / "eval.db"
        if db.exists():
            db.unlink()
        elapsed = import_basil(records, db, wide)
        links = export_links(db)
    links_by_url: dict[str, list[dict]] = defaultdict(list)
    for link in links:
        links_by_url[link["a"]["article_url"]].append(link)
        if link["b"]["article_url"] != link["a"]["article_url"]:
            links_by_url[link["b"]["article_url"]].append(link)
    print(f"imported {len(records)} articles in {elapsed:.1f} s ({len(records) / elapsed:.0f} articles/s), "
          f"{len(links)} links exported")  # fmt: skip
    if args.calibrate:
        print(
            "suggested automatic | same any  same auto | diff auto  diff sugg-nothing-shown | auto across events"
        )
        for suggested in (5, 8, 10, 15):
            for auto in (20, 30, 40, 50, 60, 70):
                s = shares(figures(pairs, links_by_url, auto, suggested))
                across, total = cross_event_auto(links, events, auto, suggested)
                print(f"{suggested:9} {auto:9} | {s['same any']:8.0%} {s['same auto']:9.0%} | "
                      f"{s['different auto']:9.0%} {s['different suggested, nothing shown']:23.0%} | "
                      f"{across}/{total}")  # fmt: skip
        return
    overall = shares(figures(pairs, links_by_url, 0.0, 0.0))
    across, total = cross_event_auto(links, events, 0.0, 0.0)
    print(
        f"same pairs:      {overall['same any']:.0%} linked at all, {overall['same auto']:.0%} automatically"
        "   (targets >= 60%, >= 35%)"
    )
    print(
        f"different pairs: {overall['different auto']:.0%} automatically, "
        f"{overall['different suggested, nothing shown']:.0%} suggested without a shown difference, "
        f"{overall['different any']:.0%} at all   (targets <= 2%, <= 15%)"
    )
    print(f"automatic links across events: {across} of {total}   (target 0)")
    by_event: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        by_event[pair["event"]].append(pair)
    per_event = {event: shares(figures(ps, links_by_url, 0.0, 0.0)) for event, ps in by_event.items()
                 if sum(p["label"] == "same" for p in ps) >= 3}  # fmt: skip
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
