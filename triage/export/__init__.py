"""Streaming writers for CSV, JSONL and schema.org ClaimReview. They read rows, never the store."""

from triage.export.writers import (
    FORMATS,
    with_clusters,
    write_claimreview,
    write_csv,
    write_jsonl,
    write_links,
)

__all__ = [
    "FORMATS",
    "with_clusters",
    "write_claimreview",
    "write_csv",
    "write_jsonl",
    "write_links",
]
