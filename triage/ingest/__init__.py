"""Readers that turn files or a stream into Articles: plain text, Markdown, HTML and JSONL."""

from triage.ingest.sources import SUPPORTED_SUFFIXES, IngestError, expand_sources, read_source

__all__ = ["SUPPORTED_SUFFIXES", "IngestError", "expand_sources", "read_source"]
