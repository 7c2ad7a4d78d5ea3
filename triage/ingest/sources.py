"""Which files to read, and reading one source (a file or stdin) into Articles."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from triage.ingest.decode import DecodeError, decode_text
from triage.ingest.html import NoArticleText, parse_html
from triage.ingest.jsonl import BadLines, parse_jsonl
from triage.ingest.text import parse_text
from triage.models import Article

STDIN = "-"
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")


class IngestError(Exception):
    """One source could not be read; str() is the one line shown to the journalist."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


def expand_sources(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, folders walked recursively (supported, non-hidden files), '-' for stdin."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def _sniff_kind(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return ".jsonl"
    if head.startswith("<"):
        return ".html"
    return ".txt"


def _parse(text: str, kind: str, source: str) -> list[Article]:
    if kind == ".jsonl":
        return parse_jsonl(text, source)
    if kind in (".html", ".htm"):
        return [parse_html(text, source)]
    return [parse_text(text, source, markdown=kind in (".md", ".markdown"))]


def read_source(source: str, stdin: bytes | None = None) -> list[Article]:
    """Read one file (or stdin) into articles; raises IngestError naming the source."""
    label = "<stdin>" if source == STDIN else source
    try:
        if source == STDIN:
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            kind = None
        else:
            path = Path(source)
            if not path.exists():
                raise IngestError(label, "no such file or folder")
            kind = path.suffix.lower()
            if kind not in SUPPORTED_SUFFIXES:
                raise IngestError(
                    label, f"unsupported file type '{kind or 'none'}' (use .txt, .md, .html or .jsonl)"
                )
            data = path.read_bytes()
        text = decode_text(data)
        articles = _parse(text, kind or _sniff_kind(text), label)
    except IngestError:
        raise
    except PermissionError:
        raise IngestError(label, "permission denied") from None
    except IsADirectoryError:
        raise IngestError(label, "is a folder") from None
    except OSError as error:
        raise IngestError(label, f"cannot read ({error.strerror or error})") from None
    except (DecodeError, NoArticleText, BadLines) as error:
        raise IngestError(label, str(error)) from None
    if not articles or all(not article.text.strip() for article in articles):
        raise IngestError(label, "empty article (no text)")
    return articles
