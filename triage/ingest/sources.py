"""Which files to read, and reading one source (a file or stdin) into Articles."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from triage.ingest.decode import DecodeError, decode_bytes
from triage.ingest.html import NoArticleText, parse_html
from triage.ingest.jsonl import BadLines, parse_jsonl
from triage.ingest.text import parse_text
from triage.models import Article

STDIN = "-"
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
DEFAULT_MAX_BYTES = 10_000_000  # the config's max_article_mb overrides it
# A .jsonl feed holds many articles: the file may be this many times larger, each article not.
FEED_FACTOR = 20


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


class _Refused(ValueError):
    """The source is not something to read: not a regular file, or too large."""


def _kind_of(path: Path) -> str:
    """What the file is when it is not a regular file: FIFOs and devices would hang or never end."""
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return ""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} KB"


def _too_large(size: int, limit: int, what: str = "") -> str:
    more = "more than " if size == limit + 1 else ""
    setting = f"{FEED_FACTOR} × max_article_mb" if what else "max_article_mb"
    return (
        f"too large: {more}{_megabytes(size)}, the limit{what} is {_megabytes(limit)} "
        f"({setting} in the config file)"
    )


_FEED = " for a .jsonl feed"


def _check_articles(articles: list[Article], kind: str, size: int, limit: int) -> None:
    """A feed read under its larger limit still holds no article above the article limit."""
    if kind != ".jsonl":
        if size > limit:
            raise _Refused(_too_large(size, limit))
        return
    for article in articles:
        length = len(article.text.encode("utf-8"))
        if length > limit:
            line = article.source.rpartition(":")[2]
            raise _Refused(f"line {line}: article {_too_large(length, limit)}")


def _read_file(path: Path, limit: int, what: str = "") -> bytes:
    """A regular file's bytes. Opened non-blocking, so a FIFO that appeared since the check cannot
    stall the open, and checked again on the open descriptor (a symlink may point anywhere)."""
    special = _kind_of(path)
    if special:
        raise _Refused(f"is {special}, not a regular file")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("is not a regular file")
        if info.st_size > limit:
            raise _Refused(_too_large(info.st_size, limit, what))
        # One byte more than the limit proves a file too large without reading all of it.
        data = stream.read(limit + 1)
        if len(data) > limit:  # it grew since fstat
            raise _Refused(_too_large(len(data), limit, what))
        return data


def read_source(
    source: str,
    stdin: bytes | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warnings: list[str] | None = None,
) -> list[Article]:
    """Read one file (or stdin) into articles; raises IngestError naming the source.

    Only regular files of at most `max_bytes` are read (a .jsonl feed: FEED_FACTOR times that,
    each of its articles at most `max_bytes`). A warning about the text (damaged UTF-8
    bytes) is appended to `warnings` as one line naming the source.
    """
    label = "<stdin>" if source == STDIN else source
    try:
        if source == STDIN:
            feed_limit = max_bytes * FEED_FACTOR
            data = stdin if stdin is not None else sys.stdin.buffer.read(feed_limit + 1)
            if len(data) > feed_limit:
                raise _Refused(_too_large(len(data), feed_limit, _FEED))
            kind = None
        else:
            path = Path(source)
            if not path.exists():
                raise IngestError(label, "no such file or folder")
            kind = path.suffix.lower()
            if kind not in SUPPORTED_SUFFIXES:
                raise IngestError(
                    label,
                    f"unsupported file type '{kind or 'none'}' (use .txt, .md, .html or .jsonl)",
                )
            feed = kind == ".jsonl"
            data = _read_file(
                path, max_bytes * FEED_FACTOR if feed else max_bytes, _FEED if feed else ""
            )
        decoded = decode_bytes(data)
        kind = kind or _sniff_kind(decoded.text)
        articles = _parse(decoded.text, kind, label)
        _check_articles(articles, kind, len(data), max_bytes)
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
    except _Refused as error:
        raise IngestError(label, str(error)) from None
    if not articles or all(not article.text.strip() for article in articles):
        raise IngestError(label, "empty article (no text)")
    if decoded.warning and warnings is not None:
        warnings.append(f"{label}: {decoded.warning}")
    return articles
