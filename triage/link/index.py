"""An in-memory BM25 inverted index over normalised terms: fast candidate retrieval.

Scoring every archive entry with rapidfuzz costs O(archive) per query; the index narrows a query to a
few dozen candidates sharing its informative terms, which rapidfuzz then scores properly.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

K1 = 1.2
B = 0.75


@dataclass
class TermIndex:
    """Postings of (document key, term weight). Documents are added once; scoring is BM25."""

    k1: float = K1
    b: float = B
    _postings: dict[str, list[tuple[Hashable, int]]] = field(default_factory=dict)
    _lengths: dict[Hashable, int] = field(default_factory=dict)
    _total_length: int = 0
    _weighted: dict[str, list[tuple[Hashable, float]]] | None = None

    def add(self, key: Hashable, terms: Iterable[str]) -> None:
        counts = Counter(terms)
        length = sum(counts.values())
        self._lengths[key] = length
        self._total_length += length
        for term, count in counts.items():
            self._postings.setdefault(term, []).append((key, count))
        self._weighted = None  # weights depend on collection statistics

    def __len__(self) -> int:
        return len(self._lengths)

    def document_frequency(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def idf(self, term: str) -> float:
        n = len(self._lengths)
        df = self.document_frequency(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _weights(self) -> dict[str, list[tuple[Hashable, float]]]:
        # Precompute idf * tf-saturation per posting once, so a query is only additions.
        if self._weighted is None:
            average = self._total_length / max(1, len(self._lengths))
            weighted = {}
            for term, postings in self._postings.items():
                idf = self.idf(term)
                weighted[term] = [
                    (
                        key,
                        idf
                        * count
                        * (self.k1 + 1)
                        / (count + self.k1 * (1 - self.b + self.b * self._lengths[key] / average)),
                    )
                    for key, count in postings
                ]
            self._weighted = weighted
        return self._weighted

    def max_score(self, terms: Iterable[str]) -> float:
        """The score a document containing each query term once would roughly get: a scale for BM25."""
        return sum(self.idf(term) for term in set(terms) if term in self._postings) or 1.0

    def search(self, terms: Iterable[str], limit: int) -> list[tuple[Hashable, float]]:
        """The `limit` best documents for the query terms, best first."""
        weights = self._weights()
        scores: dict[Hashable, float] = {}
        get = scores.get
        for term in set(terms):
            for key, weight in weights.get(term, ()):
                scores[key] = get(key, 0.0) + weight
        return heapq.nlargest(limit, scores.items(), key=lambda item: item[1])
