"""Similarity of two claims (the one place it is defined): rapidfuzz on the normalised texts, the
share of content terms they have in common, and the cosine of their static embeddings.

Calibrated with `benchmarks/eval_repeats.py --calibrate` on news/news_repeats.jsonl (160 pairs one
fact-check verdict settles, 141 hard negatives from the same events) and on the candidate pairs of
the BASIL import that join different events (4,000 sampled as negatives). On the labelled pairs
alone, rapidfuzz separates same from different with ROC AUC 0.76, the embedding 0.74, rapidfuzz
with term overlap 0.83. A logistic regression on rapidfuzz, overlap, cosine and the number of shared
terms gives the weights below; in 5-fold cross-validation a score of 50 keeps 34% of the same pairs,
8% of the hard negatives and 7 of the 4,000 cross-event pairs, a score of 20: 57%, 16%, 80. The
embedding carries a large weight because it separates the cross-event pairs that share a few
common words; the guard, not the score, keeps different numbers, names, times and negations out
of the automatic tier, and a pair one side adds several numbers, names or times to needs more of
the score to link automatically (linker.automatic_bar).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    import numpy as np

# Logistic weights of the pair score (fitted by `eval_repeats.py --calibrate`, see the module doc).
FUZZ_WEIGHT = 5.0  # rapidfuzz 0-1
OVERLAP_WEIGHT = 2.5  # shared terms over the shorter claim's terms, 0-1
EMBEDDING_WEIGHT = 4.3  # cosine of the static embeddings, below 0 counted as 0
SHARED_WEIGHT = 0.49  # per shared content term, counted up to SHARED_CAP
SHARED_CAP = 6
BIAS = -9.8


def duplicate_score(a: str, b: str, cutoff: float = 0.0) -> float:
    """0-100 string similarity of two normalised claims from different articles; 0 if below `cutoff`.

    token_sort_ratio forgives reordered clauses ("X, he said" / "He said X"); plain ratio keeps the
    score honest when one claim merely contains the other, which token_set_ratio would call 100.
    """
    # The mean reaches the cutoff only if token_sort_ratio reaches 2*cutoff - 100 (ratio is at
    # most 100): a cheap early exit for most candidate pairs.
    floor = max(0.0, 2 * cutoff - 100)
    # token_sort_ratio is ratio() of the texts with their words sorted (split on whitespace,
    # joined by one space); a claim meets dozens of candidates, so its sorted form is kept.
    sort_score = fuzz.ratio(sorted_words(a), sorted_words(b), score_cutoff=floor)
    if floor and sort_score < floor:
        return 0.0
    score = 0.5 * sort_score + 0.5 * fuzz.ratio(a, b)
    return score if score >= cutoff else 0.0


def text_scores(
    norms_a: Sequence[str],
    norms_b: Sequence[str],
    terms_a: Sequence[frozenset[str]],
    terms_b: Sequence[frozenset[str]],
) -> np.ndarray:
    """text_score(duplicate_score(a, b), *overlap_and_shared(a, b)) of each pair (a[i], b[i]), as
    an array: the two rapidfuzz ratios of all pairs in one call each (an article's few hundred
    candidate pairs cost a third of the time they cost pair by pair), and the arithmetic in numpy,
    whose float64 +, *, / are the IEEE operations Python does, in the same order: the same floats."""
    import numpy as np

    if not norms_a:
        return np.zeros(0)
    shared, overlap = term_parts(terms_a, terms_b)
    return combine(fuzz_scores(norms_a, norms_b), overlap, shared)


def term_parts(
    terms_a: Sequence[frozenset[str]], terms_b: Sequence[frozenset[str]]
) -> tuple[np.ndarray, np.ndarray]:
    """The shared terms and the overlap of each pair, as overlap_and_shared() gives them."""
    import numpy as np

    count = len(terms_a)
    # overlap_and_shared(): an empty side has a shorter length of 0, and no term shared.
    shared = np.fromiter(map(len, map(frozenset.intersection, terms_a, terms_b)), np.int64, count)
    shorter = np.fromiter(map(min, map(len, terms_a), map(len, terms_b)), np.int64, count)
    return shared, np.divide(shared, shorter, out=np.zeros(count), where=shorter > 0)


def fuzz_scores(norms_a: Sequence[str], norms_b: Sequence[str]) -> np.ndarray:
    """duplicate_score(a[i], b[i]) of each pair (no cutoff), in two rapidfuzz calls."""
    import numpy as np
    from rapidfuzz import process

    sort_scores = process.cpdist(
        list(map(sorted_words, norms_a)), list(map(sorted_words, norms_b)),
        scorer=fuzz.ratio, dtype=np.float64,
    )  # fmt: skip
    plain_scores = process.cpdist(norms_a, norms_b, scorer=fuzz.ratio, dtype=np.float64)
    return 0.5 * sort_scores + 0.5 * plain_scores


def fuzz_ceilings(norms_a: Sequence[str], norms_b: Sequence[str]) -> np.ndarray:
    """An upper bound of fuzz_scores() from the lengths alone: ratio() is 200 times the characters
    two texts keep in common, in order, over their lengths, and the texts cannot keep more than
    the shorter one holds (sorting the words keeps the length)."""
    import numpy as np

    count = len(norms_a)
    lengths_a = np.fromiter(map(len, norms_a), np.int64, count)
    lengths_b = np.fromiter(map(len, norms_b), np.int64, count)
    return 200.0 * np.minimum(lengths_a, lengths_b) / np.maximum(lengths_a + lengths_b, 1)


def combine(fuzz_scores: np.ndarray, overlap: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """text_score() of each pair from its parts (the same float operations, in the same order)."""
    import numpy as np

    return (FUZZ_WEIGHT * fuzz_scores / 100 + OVERLAP_WEIGHT * overlap
            + SHARED_WEIGHT * np.minimum(shared, SHARED_CAP) + BIAS)  # fmt: skip


# blend_text() rounds to 0.01, so its score is within 0.005 of the unrounded one; numpy's exp
# differs from math.exp in the last bits at most. A pair further than this from a threshold is
# decided by the array arithmetic alone.
_ROUNDING_MARGIN = 0.01


def blends_reaching(texts: np.ndarray, cosines: np.ndarray, threshold: float) -> np.ndarray:
    """blend_text(texts[i], cosines[i]) >= threshold for each pair, as a boolean array: in numpy
    for the pairs clearly on one side (an import meets ~300 pairs an article), with blend_text
    itself for those near the threshold, so the answer is blend_text's."""
    import numpy as np

    scores = _blends(texts, cosines)
    reaching = scores >= threshold + _ROUNDING_MARGIN
    for i in np.flatnonzero(~reaching & (scores >= threshold - _ROUNDING_MARGIN)).tolist():
        reaching[i] = blend_text(float(texts[i]), float(cosines[i])) >= threshold
    return reaching


# A ceiling of a pair's text score (combine() of fuzz_ceilings()) may fall below the score it
# bounds only by float rounding; this margin, far wider than that and than blend_text()'s rounding,
# keeps a ceiling from ever ruling out a pair blend_text() would let through.
_CEILING_MARGIN = 0.1


def may_reach(ceilings: np.ndarray, cosines: np.ndarray, threshold: float) -> np.ndarray:
    """Whether each pair could reach `threshold`, from a ceiling of its text score: the pairs
    this rules out need no rapidfuzz ratio (an import's candidate pairs mostly)."""
    return _blends(ceilings, cosines) >= threshold - _CEILING_MARGIN


def _blends(texts: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    """blend_text() of each pair in numpy, unrounded (within _ROUNDING_MARGIN of it)."""
    import numpy as np

    return 100 / (1 + np.exp(-(texts + EMBEDDING_WEIGHT * np.maximum(cosines, 0.0))))


@lru_cache(maxsize=65_536)
def sorted_words(text: str) -> str:
    """The text's words in sorted order, what token_sort_ratio compares."""
    return " ".join(sorted(text.split()))


def term_overlap(a: Collection[str], b: Collection[str]) -> float:
    """Shared content terms over the terms of the shorter claim (0-1): a short claim repeated inside
    a longer sentence still overlaps fully, while two claims sharing a topic word do not."""
    if not a or not b:
        return 0.0
    a, b = _as_set(a), _as_set(b)
    return len(a & b) / min(len(a), len(b))


def shared_terms(a: Collection[str], b: Collection[str]) -> int:
    return len(_as_set(a) & _as_set(b))


def _as_set(terms: Collection[str]) -> set[str] | frozenset[str]:
    return terms if isinstance(terms, (set, frozenset)) else set(terms)


def text_score(fuzz_score: float, overlap: float, shared: int) -> float:
    """The logit without the embedding's share."""
    return (FUZZ_WEIGHT * fuzz_score / 100 + OVERLAP_WEIGHT * overlap
            + SHARED_WEIGHT * min(shared, SHARED_CAP) + BIAS)  # fmt: skip


def blend(fuzz_score: float, overlap: float, cosine: float, shared: int) -> float:
    """The pair score (0-100): the calibrated chance that one verdict settles both claims."""
    return blend_text(text_score(fuzz_score, overlap, shared), cosine)


def blend_text(text: float, cosine: float) -> float:
    """blend() from a text_score() computed once per pair (the same float operations)."""
    logit = text + EMBEDDING_WEIGHT * max(0.0, cosine)
    return round(100 / (1 + math.exp(-logit)), 2)


def reachable(fuzz_score: float, overlap: float, shared: int, threshold: float) -> bool:
    """Whether a pair could reach `threshold` with a perfect embedding cosine: pairs that cannot
    are never embedded."""
    return blend(fuzz_score, overlap, 1.0, shared) >= threshold


def overlap_and_shared(a: Collection[str], b: Collection[str]) -> tuple[float, int]:
    """term_overlap(a, b) and shared_terms(a, b), intersecting the two sets once."""
    if not a or not b:
        return 0.0, 0
    a, b = _as_set(a), _as_set(b)
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared
