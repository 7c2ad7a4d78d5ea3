"""Verdicts shortened to a column's width so that no two of them read alike.

Cutting every verdict at the same width makes "Mostly true" and "Mostly false" both "Mostly …".
Here each verdict first gets the plain cut; only verdicts whose short forms collide move on to
forms that keep the part that tells them apart: leading words cut to initials ("M. true",
"M. false"), then the end of the name ("…false"), and as a last resort the verdict's place in
the scale, which is unique by construction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

ELLIPSIS = "…"
MIN_WIDTH = 3


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, an ellipsis marking a cut."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + ELLIPSIS


def _plain(verdict: str, width: int, place: int) -> str:
    return cut(verdict, width)


def _initials(verdict: str, width: int, place: int) -> str:
    words = verdict.split()
    if len(words) < 2:
        return cut(verdict, width)
    return cut(" ".join([*(f"{word[0]}." for word in words[:-1]), words[-1]]), width)


def _tail(verdict: str, width: int, place: int) -> str:
    if len(verdict) <= width:
        return verdict
    return ELLIPSIS + verdict[-(width - 1) :].lstrip()


def _numbered(verdict: str, width: int, place: int) -> str:
    number = f"{place}:"
    return number + cut(verdict, max(width - len(number), 1))


# From the most readable to the one that always works; a verdict moves on only on a collision.
_FORMS: tuple[Callable[[str, int, int], str], ...] = (_plain, _initials, _tail, _numbered)


def short_labels(verdicts: Iterable[str], width: int) -> dict[str, str]:
    """Each verdict in at most `width` characters (at least MIN_WIDTH), no two alike."""
    return dict(_short_labels(tuple(dict.fromkeys(verdicts)), max(width, MIN_WIDTH)))


@lru_cache(maxsize=64)
def _short_labels(verdicts: tuple[str, ...], width: int) -> tuple[tuple[str, str], ...]:
    level = [0] * len(verdicts)
    labels = [_FORMS[0](verdict, width, place) for place, verdict in enumerate(verdicts, 1)]
    while True:
        seen: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            seen.setdefault(label.casefold(), []).append(index)
        clashing = [
            i
            for group in seen.values()
            if len(group) > 1
            for i in group
            if verdicts[i] != labels[i]
        ]
        if not clashing:
            break
        for index in clashing:
            if level[index] + 1 < len(_FORMS):
                level[index] += 1
                labels[index] = _FORMS[level[index]](verdicts[index], width, index + 1)
        if all(level[i] == len(_FORMS) - 1 for i in clashing):
            break  # numbered forms differ by their number; nothing shorter is left to try
    return tuple(zip(verdicts, labels, strict=True))


def short_label(verdict: str, scale: Sequence[str], width: int) -> str:
    """One verdict's short form among the scale's (a verdict not in the scale is cut plainly,
    alongside the scale so it cannot take a scale verdict's label)."""
    labels = short_labels((*scale, verdict), width)
    return labels[verdict]


def scale_of(app: object) -> tuple[str, ...]:
    """The verdict scale the app was configured with (lists read it to shorten verdicts the same
    way on every screen); empty outside the triage app."""
    return tuple(getattr(getattr(app, "config", None), "verdicts", ()))
