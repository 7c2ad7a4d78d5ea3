"""rapidfuzz scores for pairs of normalised texts (the one place string similarity is defined)."""

from __future__ import annotations

from rapidfuzz import fuzz


def duplicate_score(a: str, b: str) -> float:
    """0-100 similarity of two normalised claims from different articles.

    token_sort_ratio forgives reordered clauses ("X, he said" / "He said X"); plain ratio keeps the
    score honest when one claim merely contains the other, which token_set_ratio would call 100.
    """
    return 0.5 * fuzz.token_sort_ratio(a, b) + 0.5 * fuzz.ratio(a, b)


def archive_similarity(query: str, claim: str) -> float:
    """0-100 similarity of a claim as someone made it to an archived fact-check's claim.

    Claims in the wild are longer and noisier than the archive's one-line summaries, so the
    subset-tolerant measures carry the weight.
    """
    return 0.5 * fuzz.token_set_ratio(query, claim) + 0.5 * fuzz.partial_token_sort_ratio(query, claim)
