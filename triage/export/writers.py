"""Each writer takes an iterator of claim rows (dicts from Store.iter_claims) and a text stream,
and writes row by row so memory stays flat however big the workspace is."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

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


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def review_url(row: dict[str, Any], template: str) -> str:
    """The fact-check's own address; Google requires one, so fall back to a stable URN."""
    if template:
        return template.format(id=row["id"], article_id=row["article_id"])
    if row.get("article_url"):
        return f"{row['article_url']}#triage-claim-{row['id']}"
    return f"urn:triage:claim:{row['id']}"


def claim_review(
    row: dict[str, Any], author: str, verdicts: Sequence[str], url_template: str = ""
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
        "url": review_url(row, url_template),
        "claimReviewed": row["text"],
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": author},
        "datePublished": (row.get("updated_at") or "")[:10],
        "itemReviewed": item,
    }
    if row.get("note"):
        review["reviewBody"] = row["note"]
    return review


def write_claimreview(
    rows: Iterable[dict[str, Any]],
    out: TextIO,
    author: str,
    verdicts: Sequence[str],
    url_template: str = "",
) -> int:
    """A JSON array of ClaimReview objects, only for claims that carry a verdict."""
    count = 0
    out.write("[")
    for row in rows:
        if not row.get("verdict"):
            continue
        out.write(",\n" if count else "\n")
        out.write(json.dumps(claim_review(row, author, verdicts, url_template), ensure_ascii=False))
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


LINK_TIERS = {"automatic": "auto", "accepted": "auto", "suggested": "suggested", "rejected": "suggested"}


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
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
