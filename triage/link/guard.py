"""The guard against automatic links between claims that only look alike.

"4 million" vs "4 billion", "Putin" vs "Zelensky", "Friday" vs "Thursday" or "will" vs "will not"
score high on every string measure yet are different claims. Such pairs, and very short claims, may
be suggested to the journalist but never linked automatically; what differs is kept so the app can
show it. Names and times are compared inside the claim only, not in its attribution tail
(", Boehner said on Friday"): who reported a claim does not change the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from triage.link.normalize import (
    claim_core,
    entity_phrases,
    normalize,
    quantities,
    word_count,
)
from triage.link.polarity import negations

# Below this many words a claim ("Taxes went up.") matches too many unrelated claims.
MIN_WORDS_FOR_AUTOMATIC = 8

_TIMES = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GuardResult:
    """Why a pair may not be linked automatically, and what differs (shown to the user)."""

    numbers: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    short: bool = False
    substituted_names: bool = False
    substituted_numbers: bool = False
    substituted_times: bool = False

    @property
    def opposite(self) -> bool:
        """One side negates or denies what the other asserts."""
        return bool(self.negations)

    @property
    def blocks_automatic(self) -> bool:
        return (self.short or self.substituted_numbers or self.substituted_names
                or self.substituted_times or self.opposite)  # fmt: skip

    @property
    def differing(self) -> tuple[str, ...]:
        """What one claim says and the other does not: numbers, names, times, negations."""
        return self.numbers + self.entities + self.times + self.negations


@dataclass(frozen=True)
class _Profile:
    numbers: dict[str, str]
    words: frozenset[str]
    prefixes: frozenset[str]
    entities: tuple[tuple[str, ...], ...]
    times: frozenset[str]
    negations: tuple[str, ...]
    word_count: int


@lru_cache(maxsize=65_536)
def _profile(text: str) -> _Profile:
    # One claim meets many candidates while an article is linked: read it once, not per pair.
    core = claim_core(text)
    words = frozenset(normalize(text).split())
    return _Profile(
        numbers={q.value: q.surface for q in quantities(core)},
        words=words,
        prefixes=frozenset(word[:5] for word in words if len(word) >= 5),
        entities=tuple(dict.fromkeys(entity_phrases(core))),
        times=frozenset(m.lower() for m in _TIMES.findall(core)),
        negations=tuple(negations(core)),
        word_count=word_count(text),
    )


def _mentioned(phrase: tuple[str, ...], other: _Profile) -> bool:
    """Whether the other text names this phrase: any of its words, or a word sharing its first
    five letters ("Russia" / "Russian", "Democrats" / "Democratic")."""
    return any(
        word in other.words or (len(word) >= 5 and word[:5] in other.prefixes) for word in phrase
    )


def _one_sided(a: dict | frozenset, b: dict | frozenset) -> list:
    return [v for v in a if v not in b]


def compare(a: str, b: str) -> GuardResult:
    """Check two claim texts for differing numbers, names, times and polarity, and shortness."""
    pa = _profile(a)
    if a == b:  # the same sentence again (wire copy, a re-run story): nothing can differ
        return GuardResult(short=pa.word_count < MIN_WORDS_FOR_AUTOMATIC)
    pb = _profile(b)
    only_a_numbers, only_b_numbers = (
        _one_sided(pa.numbers, pb.numbers),
        _one_sided(pb.numbers, pa.numbers),
    )
    # A name counts as differing only if the other text does not mention it at all (its tail
    # included), so "Putin said" vs "said Vladimir Putin" passes while "Putin" vs "Zelensky" does not.
    # A phrase is matched when any of its words is ("Michael E. Horowitz" / "Horowitz").
    only_a = sorted(" ".join(p) for p in pa.entities if not _mentioned(p, pb))
    only_b = sorted(" ".join(p) for p in pb.entities if not _mentioned(p, pa))
    only_a_times, only_b_times = sorted(pa.times - pb.times), sorted(pb.times - pa.times)
    # Polarity: an odd difference in negation cues. Shown as the cues of the more negated side.
    flipped: tuple[str, ...] = ()
    if (len(pa.negations) - len(pb.negations)) % 2:
        flipped = pa.negations if len(pa.negations) > len(pb.negations) else pb.negations
    # A number, name or time blocks when each claim has one the other lacks (a substitution: 2002
    # vs 2003, House vs Senate, Friday vs Thursday). One on one side only is extra detail ("$84,000
    # in taxpayer funds") and is shown, but the claims can still be the same.
    return GuardResult(
        numbers=tuple(
            [pa.numbers[v] for v in only_a_numbers] + [pb.numbers[v] for v in only_b_numbers]
        ),
        entities=tuple(only_a + only_b),
        times=tuple(only_a_times + only_b_times),
        negations=flipped,
        short=min(pa.word_count, pb.word_count) < MIN_WORDS_FOR_AUTOMATIC,
        substituted_names=bool(only_a) and bool(only_b),
        substituted_numbers=bool(only_a_numbers) and bool(only_b_numbers),
        substituted_times=bool(only_a_times) and bool(only_b_times),
    )
