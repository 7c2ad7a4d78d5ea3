"""Ranking an archive of fact-checks for a claim: BM25 candidates, rescored with rapidfuzz.

Measured on the CheckThat! 2021 task 2 data (benchmarks/eval_matching.py): BM25 over normalised, stemmed
terms of the claim and headline finds the right fact-check in its top 50 for ~95% of queries; blending
in rapidfuzz similarity reorders that shortlist, and a small bonus for fact-checks dated close to the
claim (people repeat a claim in the weeks it is checked) lifts MAP@5 further.

The published archive is ranked through its index stored in the workspace (StoredArchive), opened
rather than rebuilt by `triage match` and article imports; this workspace's own verdicts, a few and
changing all day, through an in-memory index (ArchiveMatcher). Every match carries its polarity
relation to the claim: a fact-check of the opposite claim is shown, marked, never "checked before".
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz, process

from triage.link.dates import find_date, tail_date
from triage.link.index import (
    CANDIDATE_POOL,
    COMMON_MIN,
    COMMON_SHARE,
    K1,
    RESCORED,
    B,
    TermIndex,
)
from triage.link.normalize import NUMBER_WORDS, content_terms, normalize, normalize_many
from triage.link.polarity import relation
from triage.link.prepared import term_set
from triage.models import ArchiveMatch, FactCheck
from triage.store.archive import ArchiveIndexStore, IndexedDoc, IndexState
from triage.store.workspace import Store

CANDIDATES = 50
BM25_WEIGHT = 0.5  # the rest of the text score is rapidfuzz similarity
DATE_WEIGHT = 0.2
DATE_SCALE_DAYS = 90


def archive_similarities(query: str, claims: Sequence[str]) -> list[float]:
    """0-100 similarity of a normalised query to each normalised archive claim.

    The mean of token_sort_ratio (word order forgiven) and token_set_ratio (extra words forgiven:
    claims in the wild are longer than the archive's one-line summaries). partial_ratio ranks a
    little better on politifact (MAP@5 0.483 vs 0.474) but costs twice the time per query.
    """
    totals = [0.0] * len(claims)
    for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
        for _, score, index in process.extract(query, claims, scorer=scorer, limit=None):
            totals[index] += 0.5 * score
    return totals


def date_closeness(claim_date: date | None, checked: date | None) -> float:
    """1.0 for a fact-check published the day the claim was made, fading over months."""
    if claim_date is None or checked is None:
        return 0.0
    return math.exp(-abs((checked - claim_date).days) / DATE_SCALE_DAYS)


# Abbreviations with stops ("I.R.S.", "U.S.") and spelled-out proportions and compounds ("one-in-three",
# "one out of three", "twenty-five") are written one way before normalising, on both sides of a match,
# so "IRS", "1 in 3" and "25" find and equal them. Only the numbers change: rewriting "out of" as "in"
# too cost politifact MAP@5 0.001.
_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])")
_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_SMALL = {
    word: value for word, value in NUMBER_WORDS.items() if word != "a"
}  # "a" is no number here
_TENS = {word: value for word, value in _SMALL.items() if value >= 20}
_COMPOUND = re.compile(rf"\b({'|'.join(_TENS)})-({'|'.join(_UNITS)})\b", re.IGNORECASE)
_WORDS_OR_DIGITS = rf"(?:{'|'.join(_SMALL)}|\d+)"
_WORDS = "|".join(_SMALL)
# Hyphenated with digits or words ("one-in-3"); spaced only between two number words ("one in
# three"): "one out of 193" rewritten cost a politifact query its right answer.
_PROPORTION = re.compile(
    rf"\b({_WORDS_OR_DIGITS})(-in-|-out-of-)({_WORDS_OR_DIGITS})\b"
    rf"|\b({_WORDS})(\s+in\s+|\s+out\s+of\s+)({_WORDS})\b",
    re.IGNORECASE,
)


def _number(word: str) -> str:
    return word if word.isdigit() else str(_SMALL[word.lower()])


def _proportion(match: re.Match[str]) -> str:
    first, joint, second = match.groups()[:3] if match[1] else match.groups()[3:]
    return f"{_number(first)}{joint.replace('-', ' ')}{_number(second)}"


def canonical(text: str) -> str:
    """Text with dotted abbreviations closed up and spelled-out proportions and compounds as
    digits: "The I.R.S. says one-in-three" -> "The IRS says 1 in 3"."""
    if "." in text:
        text = _INITIALISM.sub(lambda m: m.group().replace(".", ""), text)
    if "-" in text:
        text = _COMPOUND.sub(lambda m: str(_TENS[m[1].lower()] + _UNITS[m[2].lower()]), text)
    if " in " in text or "-in-" in text or "out" in text:
        text = _PROPORTION.sub(_proportion, text)
    return text


def archive_normalize(text: str) -> str:
    """The normalised form archive matching compares (see `canonical`)."""
    return normalize(canonical(text))


def archive_normalize_many(texts: Iterable[str]) -> tuple[list[str], list[list[str]]]:
    return normalize_many(canonical(text) for text in texts)


def coverage(query_terms: set[str], normalized_claim: str) -> float:
    """Share of a fact-check claim's distinct content terms the query holds (0-1): an absolute
    measure of how much of what was checked the new sentence says."""
    # Remembered: a fact-check is a candidate for many queries (a tenth of a bulk run went here).
    terms = term_set(normalized_claim)
    return len(terms & query_terms) / len(terms) if terms else 0.0


def _rank(
    text: str,
    query: str,
    candidates: Sequence[tuple[float, str, str, date | None]],
    top: int,
    claim_date: date | None,
    factchecks: Callable[[list[str]], Mapping[str, FactCheck]],
) -> list[ArchiveMatch]:
    """Rescore BM25 candidates (bm25, fact-check id, normalised claim, date checked), best first;
    `factchecks` gives the records of the few that are returned.

    The order comes from BM25 relative to the best candidate, blended with rapidfuzz and the
    date: it ranks well (MAP@5 above). But relative to the best, the best candidate always earns
    the BM25 half in full, however little it shares with the claim (a workspace with one verdict
    flagged an unrelated sentence at 98.7), and a fact-check dated the day of the claim earned 20
    points more: every verdict given in a workspace is dated the day its articles arrive. The
    score reported, which the "checked before" threshold reads, puts in that half the share of
    the fact-check's terms the claim holds, and leaves the date out: it may reorder, never flag."""
    if claim_date is None:
        claim_date = tail_date(text)
    best_bm25 = candidates[0][0]
    similarity = archive_similarities(query, [normalized for _, _, normalized, _ in candidates])
    query_terms = set(content_terms(query))
    scored = []
    for (bm25, key, normalized, checked), similar in zip(candidates, similarity):
        closeness = date_closeness(claim_date, checked)
        text_score = BM25_WEIGHT * 100 * bm25 / best_bm25 + (1 - BM25_WEIGHT) * similar
        rank = text_score + DATE_WEIGHT * 100 * closeness
        absolute = (
            BM25_WEIGHT * 100 * coverage(query_terms, normalized) + (1 - BM25_WEIGHT) * similar
        )
        reported = absolute * (1 + DATE_WEIGHT * closeness)
        scored.append((rank, key, reported))
    scored.sort(key=itemgetter(0), reverse=True)
    found = factchecks([key for _, key, _ in scored[:top]])
    # A fact-check that denies what the claim asserts (or the reverse) is still the right one to
    # show, marked opposite.
    return [
        ArchiveMatch(fc, round(min(100.0, reported), 2), relation(text, fc.claim) == "opposite")
        for reported, fc in (
            (reported, found[key]) for _, key, reported in scored[:top] if key in found
        )
    ]


def checked_before(matches: Sequence[ArchiveMatch], threshold: float) -> ArchiveMatch | None:
    """The match that makes a claim "checked before": the best one not of the opposite claim, if
    it clears the threshold."""
    same = next((m for m in matches if not m.opposite), None)
    return same if same is not None and same.score >= threshold else None


@dataclass(frozen=True)
class _Entry:
    factcheck: FactCheck
    normalized: str
    checked: date | None


class ArchiveMatcher:
    """An in-memory index of a few entries (this workspace's verdicts, tests). Build once, then
    call `match` per claim. The published archive lives in the workspace: see StoredArchive."""

    def __init__(self, factchecks: Iterable[FactCheck]) -> None:
        self._index = TermIndex()
        self._entries: dict[str, _Entry] = {}
        factchecks = list(factchecks)
        # The headline often names what the claim only implies ("Does Video Show ...?").
        claims, claim_terms = archive_normalize_many([fc.claim for fc in factchecks])
        _, title_terms = archive_normalize_many([fc.title for fc in factchecks])
        for factcheck, normalized, terms, more in zip(factchecks, claims, claim_terms, title_terms):
            self._entries[factcheck.id] = _Entry(factcheck, normalized, find_date(factcheck.date))
            self._index.add(factcheck.id, terms + more)

    def __len__(self) -> int:
        return len(self._entries)

    def match(self, text: str, top: int = 5, claim_date: date | None = None) -> list[ArchiveMatch]:
        """The `top` best archive entries for a claim, best first, each scored 0-100."""
        query = archive_normalize(text)
        found = self._index.search(content_terms(query), max(CANDIDATES, top))
        if not found:
            return []
        entries = self._entries
        candidates = [(bm25, str(key), entries[str(key)].normalized, entries[str(key)].checked)
                      for key, bm25 in found]  # fmt: skip
        return _rank(text, query, candidates, top, claim_date,
                     lambda keys: {key: entries[key].factcheck for key in keys})  # fmt: skip


# Bump when the stored layout or what is indexed changes: the index is then rebuilt once.
INDEX_LAYOUT = "archive-index-1"
_PROBE = (
    "The I.R.S. said one-in-three of 4,300 U.S. voters didn't pay $2.5m in taxes, said Sen. O'Neil "
    "\u2014 Ann Lee (@annlee) May 2, 2020 #TaxDay https://t.co/x running parties"
)
WEIGHT_CACHE_POSTINGS = 2_000_000  # decoded weights kept between queries (bulk `triage match`)
ROWS_KEPT = 100_000  # candidate rows and fact-checks kept between queries


def index_fingerprint() -> str:
    """Changes whenever normalising or stemming changes what would be stored: the stored index
    is then rebuilt once instead of silently disagreeing with the queries."""
    norm = archive_normalize(_PROBE)
    return hashlib.sha1(
        f"{INDEX_LAYOUT}|{norm}|{' '.join(content_terms(norm))}".encode()
    ).hexdigest()[:16]


def _best(docs: Any, scores: Any, k: int) -> Any:
    """The k documents of highest score, best first, ties to the lower document number: a
    partition keeps the sort to the few that can make the cut."""
    import numpy as np

    if len(docs) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    return docs[np.lexsort((docs, -scores))[:k]]


def _indexed_docs(factchecks: Sequence[FactCheck], first: int) -> list[IndexedDoc]:
    claims, claim_terms = archive_normalize_many([fc.claim for fc in factchecks])
    _, title_terms = archive_normalize_many([fc.title for fc in factchecks])
    docs = []
    rows = zip(factchecks, claims, claim_terms, title_terms)
    for number, (fc, norm, terms, more) in enumerate(rows, first):
        checked = find_date(fc.date)
        iso = checked.isoformat() if checked else ""
        docs.append(IndexedDoc(number, fc.id, norm, " ".join(terms + more), iso))
    return docs


class StoredArchive:
    """The published archive, ranked through the index stored in the workspace.

    Opening reads one state row; a query reads the postings of its own terms and its candidates'
    rows. The index is brought up to date only when the archive changed since it was written
    (`triage factchecks import` does that at once), so `triage match` and article imports open
    it and never rebuild it.
    """

    def __init__(self, store: Store) -> None:
        self._index = ArchiveIndexStore(store)
        self._state: IndexState | None = None
        self._weighted: dict[str, tuple[Any, Any]] = {}
        self._absent: set[str] = set()
        self._cached = 0
        # Rows read for earlier queries: an article's claims, or a bulk run, meet the same
        # candidates again. Dropped with the weights whenever the index changes.
        self._rows: dict[int, tuple[str, str, date | None]] = {}
        self._records: dict[str, FactCheck] = {}
        self._searched = False
        self.indexed = 0  # documents this object (re)indexed: 0 when it only opened the index

    @classmethod
    def open(cls, store: Store) -> StoredArchive:
        archive = cls(store)
        archive.refresh()
        return archive

    def __len__(self) -> int:
        return self._state.docs if self._state else 0

    def refresh(self, imported: bool = False) -> int:
        """Bring the stored index up to date with the archive; returns the documents indexed.

        New or changed fact-checks are found by their import stamp, so an import of a few entries
        indexes only those. A changed normaliser (see `index_fingerprint`) or an archive that lost
        entries rebuilds the index once. `imported`: the caller just imported fact-checks, so
        look for them even if the archive's version looks unchanged (two imports can share a
        millisecond stamp and an entry count)."""
        version = self._index.archive_version()
        state = self._index.state()
        fingerprint = index_fingerprint()
        self._forget()
        current = state is not None and (state.archive_count, state.archive_stamp) == version
        if state and state.fingerprint == fingerprint and current and not imported:
            self._state = state
            return 0
        with self._index.store.writing():  # one snapshot: read what changed, write the index
            version = self._index.archive_version()
            state = self._index.state()
            rebuild = state is None or state.fingerprint != fingerprint
            factchecks = self._index.factchecks_since(
                "" if rebuild or state is None else state.archive_stamp
            )
            removed: list[IndexedDoc] = []
            if rebuild or state is None:
                added = _indexed_docs(factchecks, 1)
                docs, total = 0, 0
            else:
                stored = self._index.docs_of(fc.id for fc in factchecks)
                changed = []
                for doc in _indexed_docs(factchecks, 0):
                    old = stored.get(doc.factcheck_id)
                    same = old is not None and (old.norm, old.terms, old.checked) == (
                        doc.norm, doc.terms, doc.checked)  # fmt: skip
                    if same:
                        continue  # imported again unchanged
                    if old is not None:
                        removed.append(old)
                    changed.append(doc)
                # Numbered above every stored document, so postings stay ascending when appended.
                added = [IndexedDoc(n, d.factcheck_id, d.norm, d.terms, d.checked)
                         for n, d in enumerate(changed, self._index.next_doc())]  # fmt: skip
                docs, total = state.docs, state.total_length
            docs += len(added) - len(removed)
            total += sum(len(d.terms.split()) for d in added) - sum(
                len(d.terms.split()) for d in removed
            )
            if docs != version[0] and not rebuild:  # entries were deleted: start again
                added, removed, rebuild = (
                    _indexed_docs(self._index.factchecks_since(""), 1),
                    [],
                    True,
                )
                docs, total = len(added), sum(len(d.terms.split()) for d in added)
            self._state = IndexState(docs, total, fingerprint, version[0], version[1])
            self._index.write(removed, added, self._state, rebuild=rebuild)
        self.indexed = len(added)
        return len(added)

    # -- ranking -----------------------------------------------------------------------------------

    def _forget(self) -> None:
        self._weighted.clear()
        self._absent.clear()
        self._cached = 0
        self._rows.clear()
        self._records.clear()

    def _weights(self, terms: Sequence[str]) -> dict[str, tuple[Any, Any]]:
        """(document numbers, BM25 weights) of each indexed query term, as numpy arrays; read
        once per term and kept, so a bulk run reads a common term's postings once."""
        state = self._state
        assert state is not None
        weighted, absent = self._weighted, self._absent
        found = {t: known for t in terms if (known := weighted.get(t)) is not None}
        wanted = [t for t in terms if t not in found and t not in absent]
        if wanted:
            n, average = state.docs, state.total_length / max(1, state.docs)
            base, slope = K1 * (1 - B), K1 * B / average
            for term, postings in self._index.postings(wanted, as_numpy=True).items():
                df = len(postings)
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                counts = postings.counts.astype(float)
                weights = idf * (K1 + 1) * counts / (counts + base + slope * postings.lengths)
                found[term] = (postings.docs, weights)
            if self._cached > WEIGHT_CACHE_POSTINGS:
                self._forget()
            # Kept for later queries; what this query uses is `found`, whatever another thread
            # does to the cache meanwhile.
            for term in wanted:
                if term in found:
                    weighted[term] = found[term]
                    self._cached += len(found[term][0])
                else:
                    absent.add(term)
        return found

    def _search(self, terms: Iterable[str], limit: int) -> list[tuple[int, float]]:
        """The `limit` best documents by BM25, ranked as TermIndex.search ranks them: rare terms
        first; a very common term, or any term once CANDIDATE_POOL documents matched, only
        re-scores the RESCORED best documents found so far. Sums run in numpy (a Python loop
        over the postings was most of the cost of ranking); ties go to the older entry.

        The first query, while numpy is not loaded, is ranked in Python instead (`_search_once`):
        importing numpy takes longer than `triage match` with one query takes without it."""
        first, self._searched = not self._searched, True
        if first and "numpy" not in sys.modules:
            return self._search_once(sorted(set(terms)), limit)
        import numpy as np

        state = self._state
        assert state is not None
        weighted = self._weights(sorted(set(terms)))
        if not weighted:
            return []
        common = max(COMMON_MIN, int(COMMON_SHARE * state.docs))
        ordered = sorted(weighted, key=lambda t: (len(weighted[t][0]), t))
        scores = np.zeros(max(int(docs[-1]) for docs, _ in weighted.values()) + 1)
        seen = 0
        later = []
        for term in ordered:
            docs, weights = weighted[term]
            if seen and (seen >= CANDIDATE_POOL or len(docs) > common):
                later.append(term)
                continue
            seen += int(np.count_nonzero(scores[docs] == 0))  # weights are > 0
            scores[docs] += weights  # a term lists each document once
        found = np.flatnonzero(scores)  # every document a walked term lists, ascending
        if later:
            found = _best(found, scores[found], RESCORED)
            rescored = scores[found]
            for term in later:
                docs, weights = weighted[term]
                at = np.minimum(np.searchsorted(docs, found), len(docs) - 1)
                hit = docs[at] == found
                rescored[hit] += weights[at[hit]]
            scores = np.zeros(scores.shape)
            scores[found] = rescored
        best = _best(found, scores[found], limit)
        return [(int(doc), float(scores[doc])) for doc in best]

    def _search_once(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        """What `_search` finds, found in Python: the same weights and the same sums in the same
        order, so the same documents with the same scores (a test compares the two). Weights are
        not kept: this is for a single query."""
        state = self._state
        assert state is not None
        postings = self._index.postings(terms)
        if not postings:
            return []
        n, average = state.docs, state.total_length / max(1, state.docs)
        base, slope = K1 * (1 - B), K1 * B / average

        def weights(term: str) -> dict[int, float]:
            found = postings[term]
            df = len(found)
            scale = math.log(1 + (n - df + 0.5) / (df + 0.5)) * (K1 + 1)
            return {doc: scale * count / (count + base + slope * length)
                    for doc, count, length in zip(found.docs, found.counts, found.lengths)}  # fmt: skip

        def best(docs: Iterable[int], scores: Mapping[int, float], k: int) -> list[int]:
            return sorted(docs, key=lambda doc: (-scores[doc], doc))[:k]

        common = max(COMMON_MIN, int(COMMON_SHARE * state.docs))
        scores: dict[int, float] = {}
        later = []
        for term in sorted(postings, key=lambda t: (len(postings[t]), t)):
            if scores and (len(scores) >= CANDIDATE_POOL or len(postings[term]) > common):
                later.append(term)
                continue
            for doc, weight in weights(term).items():
                scores[doc] = scores.get(doc, 0.0) + weight
        if later:
            scores = {doc: scores[doc] for doc in best(scores, scores, RESCORED)}
            for term in later:
                extra = weights(term)
                for doc in scores:
                    if doc in extra:
                        scores[doc] += extra[doc]
        return [(doc, scores[doc]) for doc in best(scores, scores, limit)]

    def match(self, text: str, top: int = 5, claim_date: date | None = None) -> list[ArchiveMatch]:
        """The `top` best archive entries for a claim, best first, each scored 0-100."""
        if not len(self):
            return []
        query = archive_normalize(text)
        found = self._search(content_terms(query), max(CANDIDATES, top))
        if not found:
            return []
        rows = self._candidate_rows([doc for doc, _ in found])
        candidates = [(bm25, *rows[doc]) for doc, bm25 in found if doc in rows]
        return (
            _rank(text, query, candidates, top, claim_date, self._factchecks) if candidates else []
        )

    def _candidate_rows(self, docs: list[int]) -> dict[int, tuple[str, str, date | None]]:
        """Document -> (fact-check id, normalised claim, date checked), read once and kept."""
        kept = self._rows
        found = {doc: row for doc in docs if (row := kept.get(doc)) is not None}
        missing = [doc for doc in docs if doc not in found]
        if missing:
            for doc, (key, norm, checked) in self._index.docs(missing).items():
                found[doc] = (key, norm, date.fromisoformat(checked) if checked else None)
            if len(kept) > ROWS_KEPT:
                kept.clear()
            kept.update((doc, found[doc]) for doc in missing if doc in found)
        return found

    def _factchecks(self, ids: list[str]) -> dict[str, FactCheck]:
        kept = self._records
        found = {key: fc for key in ids if (fc := kept.get(key)) is not None}
        missing = [key for key in ids if key not in found]
        if missing:
            found.update(self._index.factchecks(missing))
            if len(kept) > ROWS_KEPT:
                kept.clear()
            kept.update((key, found[key]) for key in missing if key in found)
        return found


class CombinedArchive:
    """Several indexed archives ranked as one: the published archive, which changes rarely, and
    this workspace's verdicts, which change all day, are indexed apart so a new verdict does not
    re-index tens of thousands of fact-checks."""

    def __init__(self, parts: Sequence[ArchiveMatcher | StoredArchive]) -> None:
        self.parts = [part for part in parts if len(part)]

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)

    def match(self, text: str, top: int = 5, claim_date: date | None = None) -> list[ArchiveMatch]:
        if len(self.parts) == 1:
            return self.parts[0].match(text, top, claim_date)
        found = [m for part in self.parts for m in part.match(text, top, claim_date)]
        return sorted(found, key=lambda m: m.score, reverse=True)[:top]
