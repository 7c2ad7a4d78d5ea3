"""Plain text and Markdown: the first non-empty line is the title."""

from __future__ import annotations

import re

from triage.models import Article

TITLE_MAX = 160
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SENTENCE_END = (".", "!", "?", "…", "\u201d", '"')


def _is_headline(line: str) -> bool:
    # A headline is short and not a sentence; a first paragraph stays part of the article.
    stripped = line.strip()
    return len(stripped) <= TITLE_MAX and not stripped.endswith(_SENTENCE_END)


TITLE_SHOWN = 80


def _shorten(line: str) -> str:
    """A title of at most TITLE_SHOWN characters, cut between words ("…, he…" not "…, he r…")."""
    line = " ".join(line.split())
    if len(line) <= TITLE_SHOWN:
        return line
    cut = line[: TITLE_SHOWN - 1]
    if " " in cut and not line[TITLE_SHOWN - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def parse_text(text: str, source: str, markdown: bool = False) -> Article:
    """Split off the title line; the stored text is what the journalist reads and spans index."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Article(title="", text="", source=source)
    title_line = lines[first]
    is_heading = bool(markdown and _MARKDOWN_HEADING.match(title_line))
    title = _MARKDOWN_HEADING.sub("", title_line).strip() if markdown else title_line.strip()
    if is_heading or _is_headline(title_line):
        body = "\n".join(lines[first + 1 :]).strip()
        return Article(title=" ".join(title.split()), text=body, source=source)
    # No headline: the opening words stand in for one, and the paragraph stays in the text.
    return Article(title=_shorten(title), text=text.strip(), source=source)
