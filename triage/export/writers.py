"""Each writer takes an iterator of claim rows (dicts from Store.iter_claims) and a text stream,
and writes row by row so memory stays flat however big the workspace is."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from triage.config import Publisher

FORMATS = ("csv", "jsonl", "claimreview", "links")
CSV_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "article_outlet",
    "article_published",
    "position",
    "start",
    "end",
    "text",
    "score",
    "kind",
    "speaker",
    "status",
    "verdict",
    "note",
    "updated_at",
)


# A spreadsheet reads a cell that begins with one of these as a formula (=HYPERLINK(...) from an
# article's text). OWASP's CSV-injection advice: prefix such a cell with a single quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In JSON these only ever occur inside strings; escaped, a "</script>" in a claim cannot close
# the <script> element a ClaimReview is embedded in. U+2028/9 end a line in older JavaScript.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def csv_cell(value: Any) -> Any:
    """A value as a spreadsheet will take it: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_json(value: Any) -> str:
    """JSON that is also safe inside an HTML page's <script> element."""
    return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES)


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: csv_cell(row.get(key)) for key in CSV_COLUMNS})
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(to_json(row) + "\n")
        count += 1
    return count


_SLUG_MAX = 60


def slug(text: str, fallback: str) -> str:
    """The claim's first words for an address: ASCII letters and digits joined by hyphens."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    joined = "-".join(re.findall(r"[a-z0-9]+", bare.lower()))
    if len(joined) > _SLUG_MAX:
        joined = joined[:_SLUG_MAX].rsplit("-", 1)[0]
    return joined or fallback


def review_url(row: dict[str, Any], publisher: Publisher) -> str:
    """The fact-check's own address from the publisher's template; without one, a stable
    stand-in (Google requires an address; the export warns that it is not a real one)."""
    if publisher.review_url:
        return publisher.review_url.format(
            id=row["id"],
            slug=slug(str(row["text"]), f"claim-{row['id']}"),
            article_id=row["article_id"],
        )
    if row.get("article_url"):
        return f"{row['article_url']}#triage-claim-{row['id']}"
    return f"urn:triage:claim:{row['id']}"


def claim_review(
    row: dict[str, Any], verdicts: Sequence[str], publisher: Publisher
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": row["verdict"]}
    # A numeric rating only for verdicts on the scale's truth axis (the last one is "unproven").
    graded = list(verdicts[:-1]) if len(verdicts) > 2 else list(verdicts)
    lowered = [v.lower() for v in graded]
    if str(row["verdict"]).lower() in lowered:
        rating.update(
            ratingValue=len(graded) - lowered.index(str(row["verdict"]).lower()),
            bestRating=len(graded),
            worstRating=1,
        )
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row["article_title"]}
    if row.get("article_url"):
        appearance["url"] = row["article_url"]
    if row.get("article_published"):
        appearance["datePublished"] = row["article_published"]
    item: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
    if row.get("speaker"):
        item["author"] = {"@type": "Person", "name": row["speaker"]}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(row, publisher),
        "claimReviewed": row["text"],
        "reviewRating": rating,
        "datePublished": (row.get("updated_at") or "")[:10],
        "itemReviewed": item,
    }
    # Google reads author.name as the organisation that publishes the fact-check; the person
    # who signs it is the creator. Nothing is invented when the config does not say.
    if publisher.name:
        review["author"] = {"@type": "Organization", "name": publisher.name}
        if publisher.url:
            review["author"]["url"] = publisher.url
    if publisher.author:
        review["creator"] = {"@type": "Person", "name": publisher.author}
    if row.get("note"):
        review["reviewBody"] = row["note"]
    return review


def write_claimreview(
    rows: Iterable[dict[str, Any]],
    out: TextIO,
    verdicts: Sequence[str],
    publisher: Publisher | None = None,
) -> int:
    """A JSON array of ClaimReview objects, only for claims that carry a verdict."""
    publisher = publisher or Publisher()
    count = 0
    out.write("[")
    for row in rows:
        if not row.get("verdict"):
            continue
        out.write(",\n" if count else "\n")
        out.write(to_json(claim_review(row, verdicts, publisher)))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


# -- links and clusters (`--format links`, and the cluster fields of the JSONL export) ------------


def with_clusters(
    rows: Iterable[dict[str, Any]], clusters: Mapping[int, int], link_counts: Mapping[int, int]
) -> Iterator[dict[str, Any]]:
    """Claim rows with their cluster (null when the claim is in none) and number of links."""
    for row in rows:
        yield {**row, "cluster": clusters.get(row["id"]), "links": link_counts.get(row["id"], 0)}


LINK_TIERS = {
    "automatic": "auto",
    "accepted": "auto",
    "suggested": "suggested",
    "rejected": "suggested",
}


def write_links(links: Iterable[dict[str, Any]], out: TextIO, clusters: Mapping[int, int]) -> int:
    """One JSON line per link between two sentences: both sides with their article, the score, the
    tier ("auto" for automatic or accepted links, else "suggested"), the state, the relation
    ("same" or "opposite"), what differs, and the cluster both sides share (null if none)."""
    count = 0
    for link in links:
        a, b = link["a"]["claim_id"], link["b"]["claim_id"]
        cluster = clusters.get(a)
        record = {
            "a": link["a"], "b": link["b"], "score": link["score"],
            "tier": LINK_TIERS.get(link["state"], "suggested"), "state": link["state"],
            "relation": link["relation"], "differing": link["differing"],
            "cluster": cluster if cluster is not None and cluster == clusters.get(b) else None,
        }  # fmt: skip
        out.write(to_json(record) + "\n")
        count += 1
    return count
