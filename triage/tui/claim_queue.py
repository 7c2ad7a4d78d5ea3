"""What the claim list shows, and in which order. Plain Python (no Textual), tested directly.

- Score order (best first) is the default: the score ranks well inside an article, so the
  journalist reads the strongest claims first. Reading order is one key away.
- Below the claims, the "maybe" band: plain sentences scoring just under the claim threshold,
  the ones most worth a second look (promotable like any sentence).
- "The rest": the undecided claims below the cursor, for dismiss-the-rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from triage.models import UNDECIDED, Claim

SCORE_ORDER = "score"
READING_ORDER = "reading"
ORDERS = (SCORE_ORDER, READING_ORDER)
DEFAULT_ORDER = SCORE_ORDER
ORDER_LABELS = {SCORE_ORDER: "best first", READING_ORDER: "reading order"}

# How far under the claim threshold a sentence may score and still be shown as "maybe".
MAYBE_BAND_WIDTH = 0.15


def claim_threshold(configured: float | None) -> float:
    """The threshold in force: the config's, else the extractor's shipped one."""
    if configured is not None:
        return configured
    # A light module: constants only at import (the model loads on first use).
    from triage.extract import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


def toggled(order: str) -> str:
    """The other order."""
    return READING_ORDER if order == SCORE_ORDER else SCORE_ORDER


def valid_order(order: str | None) -> str:
    return order if order in ORDERS else DEFAULT_ORDER


def sort_key(order: str) -> Callable[[Claim], tuple[float, ...]]:
    """Best first with reading order between equal scores; or plain reading order."""
    if order == READING_ORDER:
        return lambda c: (c.position,)
    return lambda c: (-c.score, c.position)


def in_order(claims: Iterable[Claim], order: str) -> list[Claim]:
    return sorted(claims, key=sort_key(order))


def ranking(sentences: Sequence[Claim], order: str) -> list[int]:
    """Indexes of `sentences` in the list's order. Scores and positions do not change when a
    claim is decided, so the screen sorts once per article and order, not once per key."""
    key = sort_key(order)
    return sorted(range(len(sentences)), key=lambda index: key(sentences[index]))


def is_maybe(sentence: Claim, threshold: float, width: float = MAYBE_BAND_WIDTH) -> bool:
    """A plain sentence scoring within `width` under the threshold."""
    return not sentence.is_claim and threshold - width <= sentence.score < threshold


def maybe_band(
    sentences: Iterable[Claim], threshold: float, order: str, width: float = MAYBE_BAND_WIDTH
) -> list[Claim]:
    """The maybe sentences of an article, in the list's order."""
    return in_order((s for s in sentences if is_maybe(s, threshold, width)), order)


def next_undecided(rows: Sequence[Claim], anchor: Claim | None, order: str) -> Claim | None:
    """The first undecided claim listed after `anchor`'s place (which may have left the list),
    wrapping to the top; None when every claim shown is decided."""
    undecided = [c for c in rows if c.is_claim and c.status == UNDECIDED]
    if anchor is None or not undecided:
        return undecided[0] if undecided else None
    key = sort_key(order)
    here = key(anchor)
    return next((c for c in undecided if key(c) > here), undecided[0])


def nearest(rows: Sequence[Claim], anchor: Claim | None, order: str) -> Claim | None:
    """The row at or after `anchor`'s place, else the last row (where the cursor rests when
    nothing is left to decide)."""
    if not rows:
        return None
    if anchor is None:
        return rows[0]
    key = sort_key(order)
    here = key(anchor)
    claims = [c for c in rows if c.is_claim]
    return next((c for c in claims if key(c) >= here), claims[-1] if claims else rows[-1])


def rest_below(rows: Sequence[Claim], cursor: int) -> list[int]:
    """Ids of the undecided claims listed below the cursor (the maybe band holds none)."""
    return [c.id for c in rows[cursor + 1 :] if c.is_claim and c.status == UNDECIDED]


def next_undecided_index(rows: Sequence[Claim], after: int) -> int | None:
    """Index of the first undecided claim after row `after`, wrapping; None when none is left
    (the workspace queue keeps decided rows in place, so indices are stable)."""
    count = len(rows)
    for step in range(1, count + 1):
        index = (after + step) % count
        if rows[index].is_claim and rows[index].status == UNDECIDED:
            return index
    return None
