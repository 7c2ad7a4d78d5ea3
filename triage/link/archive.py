"""Reading archives of published fact-checks: JSONL, schema.org ClaimReview JSON-LD, and CSV.

A file is parsed completely before anything is stored, so a malformed file is reported with its line
(or item) and nothing of it is half-imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from triage.models import FactCheck, TriageError

# Column names accepted for each field, so CSV exports of other tools load without renaming.
FIELD_ALIASES = {
    "id": ("id", "factcheck_id", "identifier"),
    "claim": ("claim", "claimreviewed", "claim_reviewed", "text", "statement"),
    "rating": ("rating", "verdict", "label", "textualrating", "textual_rating"),
    "url": ("url", "link", "review_url"),
    "date": ("date", "datepublished", "date_published", "published"),
    "title": ("title", "headline"),
    "author": ("author", "claimant", "speaker"),
    "publisher": ("publisher", "source", "site"),
}


def _stable_id(claim: str, url: str) -> str:
    """An id for entries that have none: the same claim and URL always get the same one."""
    return "fc-" + hashlib.sha1(f"{url}\n{claim}".encode()).hexdigest()[:16]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # JSON-LD nodes such as {"@type": "Person", "name": "..."}
        return _text(value.get("name") or value.get("alternateName") or "")
    if isinstance(value, list):
        return ", ".join(text for text in (_text(item) for item in value) if text)
    return " ".join(str(value).split())


def factcheck_from_record(record: dict[str, Any], where: str) -> FactCheck:
    """A FactCheck from a flat record (JSONL line or CSV row) with any of the accepted names."""
    lowered = {str(key).strip().lower(): value for key, value in record.items() if key is not None}
    values = {}
    for name, aliases in FIELD_ALIASES.items():
        values[name] = next(
            (_text(lowered[a]) for a in aliases if lowered.get(a) not in (None, "")), ""
        )
    if not values["claim"]:
        raise TriageError(f"{where}: no claim text (expected a 'claim' field)")
    if not values["id"]:
        values["id"] = _stable_id(values["claim"], values["url"])
    return FactCheck(**values)


def parse_jsonl(text: str, source: str) -> list[FactCheck]:
    factchecks = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise TriageError(f"{source}:{number}: not valid JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise TriageError(f"{source}:{number}: expected a JSON object per line")
        factchecks.append(factcheck_from_record(record, f"{source}:{number}"))
    return factchecks


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD node of a document: a single object, a list, or a page's @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])


def _is_claim_review(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(str(k).split("/")[-1] == "ClaimReview" for k in kinds)


def factcheck_from_claim_review(node: dict[str, Any], where: str) -> FactCheck:
    claim = _text(node.get("claimReviewed"))
    if not claim:
        raise TriageError(f"{where}: ClaimReview without 'claimReviewed'")
    rating_node = node.get("reviewRating") or {}
    rating = (
        _text(rating_node.get("alternateName")) or _text(rating_node.get("ratingValue"))
        if isinstance(rating_node, dict)
        else _text(rating_node)
    )
    item = node.get("itemReviewed")
    if not isinstance(item, dict):
        item = {}
    url = _text(node.get("url"))
    return FactCheck(
        id=_text(node.get("@id")) or url or _stable_id(claim, url),
        claim=claim,
        rating=rating,
        url=url,
        date=_text(node.get("datePublished")),
        title=_text(node.get("headline") or node.get("name")),
        author=_text(item.get("author")),
        publisher=_text(node.get("publisher")) or _text(node.get("author")),
    )


def parse_claim_review(text: str, source: str) -> list[FactCheck]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TriageError(f"{source}:{error.lineno}: not valid JSON ({error.msg})") from error
    reviews = [node for node in _nodes(data) if _is_claim_review(node)]
    if not reviews:
        raise TriageError(f"{source}: no schema.org ClaimReview found")
    return [
        factcheck_from_claim_review(node, f"{source} item {n}") for n, node in enumerate(reviews, 1)
    ]


def parse_csv(text: str, source: str, delimiter: str = ",") -> list[FactCheck]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if not any(name in header for name in FIELD_ALIASES["claim"]):
        raise TriageError(
            f"{source}: CSV header has no 'claim' column (found: {', '.join(header)})"
        )
    factchecks = []
    try:
        for row in reader:
            if None in row:  # more cells than header names
                raise TriageError(f"{source}:{reader.line_num}: more cells than the header has")
            if not any((value or "").strip() for value in row.values()):
                continue
            factchecks.append(factcheck_from_record(row, f"{source}:{reader.line_num}"))
    except csv.Error as error:
        raise TriageError(f"{source}:{reader.line_num}: malformed CSV ({error})") from error
    return factchecks


def parse_archive(text: str, source: str) -> list[FactCheck]:
    """Fact-checks in a file's text; the format comes from the extension, else from the content."""
    suffix = Path(source).suffix.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix in (".jsonl", ".ndjson"):
        factchecks = parse_jsonl(stripped, source)
    elif suffix in (".json", ".jsonld"):
        factchecks = parse_claim_review(stripped, source)
    elif suffix == ".tsv":
        factchecks = parse_csv(stripped, source, delimiter="\t")
    elif suffix == ".csv" or not stripped.startswith(("{", "[")):
        factchecks = parse_csv(stripped, source)
    elif stripped.startswith("[") or _single_json_document(stripped):
        factchecks = parse_claim_review(stripped, source)
    else:
        factchecks = parse_jsonl(stripped, source)
    if not factchecks:
        raise TriageError(f"{source}: no fact-checks found")
    return factchecks


def _single_json_document(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def read_archive(path: Path) -> list[FactCheck]:
    """Read and parse one archive file; any problem is a TriageError naming the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise TriageError(f"{path}: no such file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise TriageError(f"{path}: cannot read ({error})") from error
    return parse_archive(text, str(path))
