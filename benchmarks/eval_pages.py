"""Real web pages: is the article text kept, does page furniture stay out of the claims, and do
claims stay inside one page block?

    python benchmarks/eval_pages.py                       # ../shared/eval/html/
    python benchmarks/eval_pages.py --data DIR --worst 15

DIR/html/pages.jsonl holds `{"file", "url", "with": [...], "without": [...]}` per page (gzipped HTML
under DIR/html/pages/): `with` strings belong in the article, `without` strings are furniture.
Each page is read as `triage import` reads HTML (triage.ingest.read_source) and extracted as import
extracts (triage.extract.extract, default threshold). Strings are compared with white space
collapsed. Reported, over the whole set and for the worst pages:
- furniture in claims: share of `without` strings found inside any claim (target <= 0.5%);
- article kept: share of `with` strings found in the imported text (target >= 0.95);
- claims spanning blocks: claims holding a line break, i.e. text of two page blocks (target 0),
  since the reader puts every block (paragraph, heading, list item, caption, <br> line) on its own line;
- for choosing trafilatura's options: furniture strings anywhere in the imported text, and of
  those the ones kept out of the claims by the score alone (a sentence holding them scores above 0,
  so no furniture rule caught it): a new model may turn these into claims.
A page the reader rejects keeps none of its article strings and has no claims.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from triage.extract import extract
from triage.ingest import IngestError, read_source

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class PageResult:
    file: str
    kept: int = 0
    article: int = 0
    furniture_in_claims: list[str] = field(default_factory=list)
    furniture_in_text: int = 0
    furniture_by_score: list[str] = field(default_factory=list)
    furniture: int = 0
    missing: list[str] = field(default_factory=list)
    spanning: list[str] = field(default_factory=list)
    claims: int = 0
    sentences: int = 0
    error: str = ""


def evaluate_page(data: bytes, record: dict) -> tuple[PageResult, float]:
    result = PageResult(
        record["file"], article=len(record["with"]), furniture=len(record["without"])
    )
    started = time.perf_counter()
    try:
        articles = read_source("-", stdin=data)  # what `triage import -` does with an HTML page
    except IngestError as error:
        result.error = error.problem
        result.missing = list(record["with"])
        return result, time.perf_counter() - started
    text = articles[0].text
    sentences = extract(text)
    elapsed = time.perf_counter() - started
    claims = [sentence.text for sentence in sentences if sentence.claim]
    result.claims, result.sentences = len(claims), len(sentences)
    flat_text = _norm(text)
    flat_claims = [_norm(claim) for claim in claims]
    scored = [_norm(sentence.text) for sentence in sentences if sentence.score > 0]
    for wanted in record["with"]:
        if _norm(wanted) in flat_text:
            result.kept += 1
        else:
            result.missing.append(wanted)
    for unwanted in record["without"]:
        needle = _norm(unwanted)
        result.furniture_in_text += bool(needle) and needle in flat_text
        if needle and any(needle in claim for claim in flat_claims):
            result.furniture_in_claims.append(unwanted)
        elif needle and any(needle in sentence for sentence in scored):
            result.furniture_by_score.append(unwanted)
    result.spanning = [claim for claim in claims if "\n" in claim.strip()]
    return result, elapsed


def _badness(result: PageResult) -> tuple[int, int, int]:
    return (len(result.furniture_in_claims), len(result.spanning), len(result.missing))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
    parser.add_argument(
        "--data", type=Path, default=default, help="eval folder holding html/ (default %(default)s)"
    )
    parser.add_argument("--worst", type=int, default=10, help="how many of the worst pages to list")
    parser.add_argument(
        "--show", action="store_true", help="print the offending strings of the worst pages"
    )
    args = parser.parse_args()

    folder = args.data / "html"
    records = [
        json.loads(line)
        for line in (folder / "pages.jsonl").read_text().splitlines()
        if line.strip()
    ]
    extract(
        "Warm-up: the model loads once, 12 percent of the time."
    )  # keep model loading out of the timing
    results: list[PageResult] = []
    seconds = 0.0
    for record in records:
        data = gzip.decompress((folder / record["file"]).read_bytes())
        result, elapsed = evaluate_page(data, record)
        results.append(result)
        seconds += elapsed

    furniture = sum(r.furniture for r in results)
    furniture_hits = sum(len(r.furniture_in_claims) for r in results)
    article = sum(r.article for r in results)
    kept = sum(r.kept for r in results)
    spanning = sum(len(r.spanning) for r in results)
    claims = sum(r.claims for r in results)
    sentences = sum(r.sentences for r in results)
    rejected = [r for r in results if r.error]
    print(f"pages: {len(results)} ({len(rejected)} rejected by the reader)")
    print(
        f"furniture strings inside a claim: {furniture_hits}/{furniture} = {furniture_hits / furniture:.1%}"
        "  (target <= 0.5%)"
    )
    in_text = sum(r.furniture_in_text for r in results)
    print(
        f"  (furniture strings in the imported text, claim or not: {in_text}/{furniture} = {in_text / furniture:.1%})"
    )
    by_score = [(r.file, text) for r in results for text in r.furniture_by_score]
    print(f"  (not claims by their score alone, no furniture rule: {len(by_score)})")
    if args.show:
        for file, text in by_score:
            print(f"      {file}: {text[:100]!r}")
    print(
        f"article strings in the imported text: {kept}/{article} = {kept / article:.1%}  (target >= 95%)"
    )
    print(f"claims spanning two blocks: {spanning}  (target 0)")
    print(f"sentences: {sentences}, claims: {claims} ({claims / max(sentences, 1):.0%})")
    print(f"read + extract: {seconds:.2f} s, {len(results) / seconds:.1f} pages/s")
    worst = sorted((r for r in results if any(_badness(r))), key=_badness, reverse=True)[
        : args.worst
    ]
    if worst:
        print(
            "\nworst pages (furniture in claims, claims spanning blocks, article strings missing):"
        )
    for result in worst:
        note = f"  [{result.error}]" if result.error else ""
        print(
            f"  {result.file}: {len(result.furniture_in_claims)}/{result.furniture}, {len(result.spanning)},"
            f" {len(result.missing)}/{result.article}{note}"
        )
        if args.show:
            for text in result.furniture_in_claims:
                print(f"      furniture: {text[:100]!r}")
            for text in result.spanning:
                print(f"      spanning:  {text[:140]!r}")
            for text in result.missing:
                print(f"      missing:   {text[:100]!r}")


if __name__ == "__main__":
    main()
