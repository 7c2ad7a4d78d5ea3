"""rapidfuzz scores for pairs of normalised texts (the one place string similarity is defined)."""

from __future__ import annotations

from rapidfuzz import fuzz


def duplicate_score(a: str, b: str, cutoff: float = 0.0) -> float:
    """0-100 similarity of two normalised claims from different articles; 0 if below `cutoff`.

    token_sort_ratio forgives reordered clauses ("X, he said" / "He said X"); plain ratio keeps the
    score honest when one claim merely contains the other, which token_set_ratio would call 100.
    """
    # The mean of two scores reaches the cutoff only if the larger one does: a cheap early exit.
    sort_score = fuzz.token_sort_ratio(a, b, score_cutoff=cutoff)
    if cutoff and sort_score < cutoff:
        return 0.0
    score = 0.5 * sort_score + 0.5 * fuzz.ratio(a, b)
    return score if score >= cutoff else 0.0
