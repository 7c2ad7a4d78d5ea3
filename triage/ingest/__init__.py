"""Readers that turn files or a stream into Articles: plain text, Markdown, HTML and JSONL."""

from triage.ingest.sources import IngestError, SUPPORTED_SUFFIXES, expand_sources, read_source

__all__ = ["IngestError", "SUPPORTED_SUFFIXES", "expand_sources", "read_source"]
