"""Never a false "checked before": how often a workspace verdict flags a sentence of another
outlet as checked before, on the team's labelled pairs (news/news_repeats.jsonl).

    python benchmarks/eval_checked_before.py [--data DIR] [--threshold 85]

A verdict given in the workspace is an archive entry (as the linker builds them); each pair's
`a` sentence is the verdict, its `b` sentence the new claim. Reported for two archive sizes:
- one verdict (a new workspace: the case where a ranking score normalised by its best candidate
  gives any sentence half the score for free);
- every `a` sentence of the set at once (a busy workspace), counting a flag on the wrong entry as
  false;
and for pairs of sentences from different events (never the same claim). Same pairs flagged are
repeats found; every other flag is a false "checked before". Target: no false flag.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from triage.link.linker import CHECKED_BEFORE_THRESHOLD
from triage.link.matcher import ArchiveMatcher, checked_before
from triage.models import FactCheck


def verdict(key: str, text: str) -> FactCheck:
    return FactCheck(id=f"workspace:{key}", claim=text, rating="False", title="")


def flagged(archive: ArchiveMatcher, text: str, threshold: float) -> str | None:
    """The verdict that flags `text` as checked before; never the sentence itself (the linker
    leaves a claim's own verdict out the same way)."""
    matches = [m for m in archive.match(text, top=6) if m.factcheck.claim != text]
    match = checked_before(matches, threshold)
    return match.factcheck.id if match is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "eval")
    parser.add_argument("--threshold", type=float, default=CHECKED_BEFORE_THRESHOLD)
    args = parser.parse_args()
    path = args.data / "news" / "news_repeats.jsonl"
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    same = [p for p in pairs if p["label"] == "same"]
    different = [p for p in pairs if p["label"] == "different"]

    def one_verdict(group: list[dict]) -> tuple[int, list[tuple[str, str]]]:
        hits, shown = 0, []
        for index, pair in enumerate(group):
            archive = ArchiveMatcher([verdict(str(index), pair["a"]["text"])])
            if flagged(archive, pair["b"]["text"], args.threshold):
                hits += 1
                shown.append((pair["a"]["text"], pair["b"]["text"]))
        return hits, shown

    print(f"pairs: {len(same)} same, {len(different)} different; threshold {args.threshold:g}")
    found, _ = one_verdict(same)
    false_diff, shown = one_verdict(different)
    print("one verdict in the workspace:")
    print(f"  same claim flagged checked before: {found}/{len(same)} = {found / len(same):.0%}")
    print(f"  different claim flagged (false): {false_diff}/{len(different)}")
    rng = random.Random(7)
    cross = []
    for _ in range(500):
        a, b = rng.sample(pairs, 2)
        if a["event"] != b["event"]:
            cross.append({"a": a["a"], "b": b["b"], "label": "different"})
    false_cross, cross_shown = one_verdict(cross)
    print(f"  other event flagged (false): {false_cross}/{len(cross)}")
    for a, b in (shown + cross_shown)[:5]:
        print(f"    verdict: {a[:90]!r}\n    flagged: {b[:90]!r}")

    # Several pairs share a sentence, so a flag is judged by the texts it joins: right when the
    # pair (verdict, sentence) is labelled the same claim, false when labelled different or from
    # another event, unjudged otherwise (the same event, a pair nobody labelled).
    label = {(p["a"]["text"], p["b"]["text"]): p["label"] for p in pairs}
    event = {p["a"]["text"]: p["event"] for p in pairs}
    verdicts = {p["a"]["text"] for p in pairs}
    archive = ArchiveMatcher([verdict(str(i), text) for i, text in enumerate(sorted(verdicts))])
    texts = {f"workspace:{i}": text for i, text in enumerate(sorted(verdicts))}
    right = false = unjudged = 0
    sentences = {p["b"]["text"]: p["event"] for p in pairs}
    for sentence, its_event in sentences.items():
        hit = flagged(archive, sentence, args.threshold)
        if hit is None:
            continue
        checked = texts[hit]
        verdict_label = label.get((checked, sentence))
        if verdict_label == "same":
            right += 1
        elif verdict_label == "different" or event[checked] != its_event:
            false += 1
        else:
            unjudged += 1
    same_sentences = len({p["b"]["text"] for p in same})
    print(f"every verdict sentence at once ({len(verdicts)} verdicts, {len(sentences)} sentences):")
    print(f"  flagged on a verdict labelled the same claim: {right} (of {same_sentences} such)")
    print(f"  false flags (labelled different, or another event): {false}")
    print(f"  flags on an unlabelled pair of the same event: {unjudged}")


if __name__ == "__main__":
    main()
