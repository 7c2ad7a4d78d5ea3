"""JSONL: one article per line with `text` and optional `title`, `url`, `outlet`, `published`
(or `date`). A line without a title takes its first sentence as one, as a .txt file does."""

from __future__ import annotations

import json
import re

from triage.ingest.text import _shorten
from triage.models import Article

# Feeds name the publication date either way (BASIL, most scrapers: "date").
FIELD_ALIASES = {"published": ("published", "date")}
# The end of a sentence: . ! ? or … then space and what starts the next one.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?(?=\s+[\"'“‘(]?[A-Z0-9])")
MIN_TITLE_WORDS = 3  # "Mr." or "U.S." ends no sentence that is worth a title


class BadLines(ValueError):
    """Every malformed line of a file, so the journalist can fix them all in one go."""

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(shown + more)
        self.problems = problems


def first_sentence_title(text: str) -> str:
    """The first sentence of the first non-empty line, shortened as a .txt title is."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    for end in _SENTENCE_END.finditer(line):
        sentence = line[: end.end()]
        if len(sentence.split()) >= MIN_TITLE_WORDS:
            return _shorten(sentence)
    return _shorten(line)


def _field(record: dict[str, object], name: str) -> str:
    for key in FIELD_ALIASES.get(name, (name,)):
        value = record.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _article(line: str, number: int, source: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"line {number}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError(f"line {number}: expected a JSON object")  # noqa: TRY004 (reported as a bad line)
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise ValueError(f"line {number}: missing or empty 'text'")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise ValueError(f"line {number}: 'title' must be text")
    text = record["text"].replace("\r\n", "\n").strip()
    return Article(
        title=" ".join((title or "").split()) or first_sentence_title(text),
        text=text,
        outlet=_field(record, "outlet"),
        url=_field(record, "url"),
        published=_field(record, "published"),
        source=f"{source}:{number}",
    )


def parse_jsonl(text: str, source: str) -> list[Article]:
    """All articles of the file, or BadLines naming each bad line: never a partial file."""
    articles: list[Article] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(_article(line, number, source))
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise BadLines(problems)
    return articles
