"""JSONL: one article per line with `title`, `text` and optional `url`, `outlet`, `published`."""

from __future__ import annotations

import json

from triage.models import Article

OPTIONAL_FIELDS = ("url", "outlet", "published")


class BadLines(ValueError):
    """Every malformed line of a file, so the journalist can fix them all in one go."""

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(shown + more)
        self.problems = problems


def _article(line: str, number: int, source: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"line {number}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError(f"line {number}: expected a JSON object")
    for key in ("title", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise ValueError(f"line {number}: missing or empty '{key}'")
    extras = {key: str(record.get(key) or "").strip() for key in OPTIONAL_FIELDS}
    return Article(
        title=record["title"].strip(),
        text=record["text"].replace("\r\n", "\n").strip(),
        source=f"{source}:{number}",
        **extras,
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
