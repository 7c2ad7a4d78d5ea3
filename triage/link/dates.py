"""Dates as claims and fact-check archives write them ("26 May 2015", "stated on October 22, 2019")."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def _build(year: str, month: str | int, day: str) -> date | None:
    try:
        if isinstance(month, str):
            return datetime.strptime(f"{month.title()} {int(day)} {year}", "%B %d %Y").date()
        return date(int(year), month, int(day))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first calendar date written in the text, if any."""
    if not text or not _ANY_DIGIT.search(text):
        return None
    if match := _ISO.search(text):
        return _build(match[1], int(match[2]), match[3])
    if match := _MONTH_DAY_YEAR.search(text):
        return _build(match[3], match[1], match[2])
    if match := _DAY_MONTH_YEAR.search(text):
        return _build(match[3], match[2], match[1])
    return None


def tail_date(text: str) -> date | None:
    """The date a social-media post signs off with ("— Name (@handle) March 27, 2019")."""
    return find_date(text[-40:])
