"""The guard against automatic links between claims that only look alike.

"4 million" vs "4 billion" or "Putin" vs "Zelensky" score high on every string measure yet are different
claims. Such pairs, and very short claims, may be suggested to the journalist but never linked
automatically; the differing tokens are kept so the app can show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from triage.link.normalize import entities, normalize, quantities, word_count

# Below this many words a claim ("Taxes went up.") matches too many unrelated claims.
MIN_WORDS_FOR_AUTOMATIC = 8


@dataclass(frozen=True)
class GuardResult:
    """Why a pair may not be linked automatically, and the tokens that differ (shown to the user)."""

    numbers: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    short: bool = False

    substituted_names: bool = False

    @property
    def blocks_automatic(self) -> bool:
        return self.short or bool(self.numbers) or self.substituted_names

    @property
    def differing(self) -> tuple[str, ...]:
        """Surface forms present in one claim and missing from the other, numbers first."""
        return self.numbers + self.entities


@dataclass(frozen=True)
class _Profile:
    numbers: dict
    words: frozenset[str]
    entities: frozenset[str]
    word_count: int


@lru_cache(maxsize=65_536)
def _profile(text: str) -> _Profile:
    # One claim meets many candidates while an article is linked: read it once, not per pair.
    return _Profile(
        numbers={q.value: q.surface for q in quantities(text)},
        words=frozenset(normalize(text).split()),
        entities=frozenset(entities(text)),
        word_count=word_count(text),
    )


def compare(a: str, b: str) -> GuardResult:
    """Check two claim texts for differing numbers, differing names, and shortness."""
    pa = _profile(a)
    if a == b:  # the same sentence again (wire copy, a re-run story): nothing can differ
        return GuardResult(short=pa.word_count < MIN_WORDS_FOR_AUTOMATIC)
    pb = _profile(b)
    a_numbers, b_numbers = pa.numbers, pb.numbers
    numbers = tuple(
        [a_numbers[v] for v in a_numbers if v not in b_numbers]
        + [b_numbers[v] for v in b_numbers if v not in a_numbers]
    )
    # A name counts as differing only if the other claim does not mention it at all, so "Putin said"
    # vs "said Vladimir Putin" passes while "Putin" vs "Zelensky" does not.
    only_a = sorted(pa.entities - pb.words)
    only_b = sorted(pb.entities - pa.words)
    short = min(pa.word_count, pb.word_count) < MIN_WORDS_FOR_AUTOMATIC
    # Any number missing from the other claim blocks; a name blocks only when each claim has one the
    # other lacks (a substitution). A name on one side alone is usually attribution ("..., Smith said").
    return GuardResult(
        numbers=numbers,
        entities=tuple(only_a + only_b),
        short=short,
        substituted_names=bool(only_a) and bool(only_b),
    )
