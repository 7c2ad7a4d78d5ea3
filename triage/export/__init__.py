"""Streaming writers for CSV, JSONL and schema.org ClaimReview. They read rows, never the store."""

from triage.export.writers import FORMATS, write_claimreview, write_csv, write_jsonl

__all__ = ["FORMATS", "write_claimreview", "write_csv", "write_jsonl"]
