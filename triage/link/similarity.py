"""rapidfuzz scores for pairs of normalised texts (the one place string similarity is defined)."""

from __future__ import annotations

from rapidfuzz import fuzz


def duplicate_score(a: str, b: str, cutoff: float = 0.0) -> float:
    """0-100 similarity of two normalised claims from different articles; 0 if below `cutoff`.

    token_sort_ratio forgives reordered clauses ("X, he said" / "He said X"); plain ratio keeps the
    score honest when one claim merely contains the other, which token_set_ratio would call 100.
    """
    # The mean reaches the cutoff only if token_sort_ratio reaches 2*cutoff - 100 (ratio is at
    # most 100): a cheap early exit for most candidate pairs.
    floor = max(0.0, 2 * cutoff - 100)
    sort_score = fuzz.token_sort_ratio(a, b, score_cutoff=floor)
    if floor and sort_score < floor:
        return 0.0
    score = 0.5 * sort_score + 0.5 * fuzz.ratio(a, b)
    return score if score >= cutoff else 0.0
