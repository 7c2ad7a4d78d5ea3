"""Bounds on what one sentence may be: a claim is something a journalist reads in one go.

Text without sentence punctuation (a pasted table, a log, a 2 MB line) would otherwise come out
of the segmenter as a single "sentence" of any length, scored, stored and drawn as one claim.
Overlong spans are cut into pieces of at most MAX_SENTENCE_CHARS, at a clause mark or a space
where there is one, so offsets stay exact and every piece is still text[start:end].
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from triage.extract.segment import Span

# Well above real sentences (news sentences rarely pass 400 characters), far below a page.
MAX_SENTENCE_CHARS = 1000
# A cut is looked for in the last part of each window, so pieces are never tiny.
_LOOK_BACK = MAX_SENTENCE_CHARS // 2
_CLAUSE_END = re.compile(r"[;:,)\]]\s+|\s[-–—]\s")
_SPACE = re.compile(r"\s+")


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece beginning at `start` should end: after a clause mark, else at a space."""
    window_start = start + limit - _LOOK_BACK if limit > _LOOK_BACK else start + 1
    window = text[window_start : start + limit]
    for pattern in (_CLAUSE_END, _SPACE):
        found = list(pattern.finditer(window))
        if found:
            return window_start + found[-1].end()
    return start + limit  # one unbroken token: cut it hard


def split_overlong(text: str, spans: Iterable[Span], limit: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """`spans` with every span longer than `limit` split into pieces of at most `limit` characters,
    each trimmed of surrounding whitespace."""
    result: list[Span] = []
    for span in spans:
        if span.end - span.start <= limit:
            result.append(span)
            continue
        start = span.start
        while start < span.end:
            while start < span.end and text[start].isspace():
                start += 1
            if start >= span.end:
                break
            end = span.end if span.end - start <= limit else _cut(text, start, limit)
            trimmed = end
            while trimmed > start and text[trimmed - 1].isspace():
                trimmed -= 1
            result.append(Span(start, trimmed))
            start = end
    return result
