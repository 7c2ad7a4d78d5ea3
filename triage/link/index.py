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
from operator import itemgetter

K1 = 1.2
B = 0.75
COMMON_SHARE = 0.05  # a term in more than this share of documents only re-scores candidates
COMMON_MIN = 500
CANDIDATE_POOL = 2_000  # once this many documents match, commoner terms add no new ones
RESCORED = 300  # candidates the commoner terms are added to


@dataclass
class TermIndex:
    """Postings of (document key, term count). Documents are added once; scoring is BM25.

    Weights are computed per term on first use and cached: building the index stays a cheap
    pass over the documents, and a term nobody searches for never costs anything.
    """

    k1: float = K1
    b: float = B
    _postings: dict[str, list[tuple[Hashable, int]]] = field(default_factory=dict)
    _lengths: dict[Hashable, int] = field(default_factory=dict)
    _counts: dict[Hashable, Counter[str]] = field(default_factory=dict)
    _total_length: int = 0
    _weighted: dict[str, list[tuple[Hashable, float]]] = field(default_factory=dict)

    def add(self, key: Hashable, terms: Iterable[str]) -> None:
        counts = Counter(terms)
        length = sum(counts.values())
        self._lengths[key] = length
        self._counts[key] = counts
        self._total_length += length
        for term, count in counts.items():
            self._postings.setdefault(term, []).append((key, count))
        self._weighted.clear()  # weights depend on collection statistics

    def __len__(self) -> int:
        return len(self._lengths)

    def document_frequency(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def idf(self, term: str) -> float:
        n = len(self._lengths)
        df = self.document_frequency(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _weight(self, idf: float, count: int, length: int, average: float) -> float:
        return (
            idf
            * count
            * (self.k1 + 1)
            / (count + self.k1 * (1 - self.b + self.b * length / average))
        )

    def _term_weights(self, term: str) -> list[tuple[Hashable, float]]:
        weighted = self._weighted.get(term)
        if weighted is None:
            idf, average = self.idf(term), self._total_length / max(1, len(self._lengths))
            lengths = self._lengths
            weighted = [
                (key, self._weight(idf, count, lengths[key], average))
                for key, count in self._postings[term]
            ]
            self._weighted[term] = weighted
        return weighted

    def search(self, terms: Iterable[str], limit: int) -> list[tuple[Hashable, float]]:
        """The `limit` best documents for the query terms, best first.

        Terms are taken rarest first. A very common term (in more than COMMON_SHARE of the
        documents), or any term once CANDIDATE_POOL documents matched, adds its weight only to the
        RESCORED best documents found so far: walking a long posting list costs more than all the
        rare terms together and could only add documents sharing nothing but common words.
        """
        postings = self._postings
        common = max(COMMON_MIN, int(COMMON_SHARE * len(self._lengths)))
        ordered = sorted((t for t in set(terms) if t in postings), key=lambda t: len(postings[t]))
        scores: dict[Hashable, float] = {}
        get = scores.get
        later: set[str] = set()
        for term in ordered:
            if scores and (len(scores) >= CANDIDATE_POOL or len(postings[term]) > common):
                later.add(term)
                continue
            for key, weight in self._term_weights(term):
                scores[key] = get(key, 0.0) + weight
        if later:
            # The commoner terms re-score only the best candidates, from each one's own counts.
            average = self._total_length / max(1, len(self._lengths))
            idfs = {term: self.idf(term) for term in later}
            best = heapq.nlargest(RESCORED, scores.items(), key=itemgetter(1))
            scores = {}
            for key, score in best:
                counts, length = self._counts[key], self._lengths[key]
                for term in later & counts.keys():
                    score += self._weight(idfs[term], counts[term], length, average)
                scores[key] = score
        return heapq.nlargest(limit, scores.items(), key=itemgetter(1))
