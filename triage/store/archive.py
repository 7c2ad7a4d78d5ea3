"""SQL for the fact-check archive's retrieval index, kept in the workspace.

The index is built when fact-checks are imported and read, never rebuilt, by `triage match` and by
article imports. It is stored postings, not FTS5, chosen by measurement on the politifact archive
(19,250 entries, its 591 queries, the same normalised and stemmed terms in both): an FTS5 table
ranked with bm25() and OR queries took 3.6-4.1 ms per query for its top 50 and shared 95% of them
with the ranking the matcher was tuned with; these postings give that ranking exactly (MAP@5
unchanged) in 0.4 ms. One row per term holds the term's packed postings: one B-tree lookup per
query term.

Postings of a term are packed as three little-endian arrays: document numbers (uint32, ascending),
the term's count in each document and each document's length in terms (uint16 each), so BM25
weights are computed from the row alone.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from triage.models import FactCheck
from triage.store.workspace import Store, _workspace_errors, chunks

_BIG_ENDIAN = sys.byteorder == "big"
U16_MAX = 65_535


@dataclass(frozen=True)
class Postings:
    """The documents holding one term: ascending document numbers, term counts, document lengths
    (arrays of the standard library, or numpy views when read with `as_numpy`)."""

    docs: Any
    counts: Any
    lengths: Any

    def __len__(self) -> int:
        return len(self.docs)


@dataclass(frozen=True)
class IndexedDoc:
    """One indexed fact-check: its normalised claim (rapidfuzz compares it), its terms (with
    repeats, claim then headline), and the ISO date it was checked ('' when unknown)."""

    doc: int
    factcheck_id: str
    norm: str
    terms: str
    checked: str


@dataclass(frozen=True)
class IndexState:
    """What the stored index covers: the archive version it was built from and the normaliser's
    fingerprint; a mismatch with the workspace means the index needs bringing up to date."""

    docs: int
    total_length: int
    fingerprint: str
    archive_count: int
    archive_stamp: str


def pack(docs: Sequence[int], counts: Sequence[int], lengths: Sequence[int]) -> bytes:
    parts = [array("I", docs), array("H", counts), array("H", lengths)]
    if _BIG_ENDIAN:
        for part in parts:
            part.byteswap()
    return b"".join(part.tobytes() for part in parts)


def unpack(blob: bytes, df: int) -> Postings:
    docs, counts, lengths = array("I"), array("H"), array("H")
    docs.frombytes(blob[: 4 * df])
    counts.frombytes(blob[4 * df : 6 * df])
    lengths.frombytes(blob[6 * df : 8 * df])
    if _BIG_ENDIAN:
        for part in (docs, counts, lengths):
            part.byteswap()
    return Postings(docs, counts, lengths)


def unpack_numpy(blob: bytes, df: int) -> Postings:
    """The same, as read-only numpy views of the row (no copy): what ranking sums over."""
    import numpy as np  # imported here: a single query is ranked without numpy

    return Postings(
        np.frombuffer(blob, dtype="<u4", count=df),
        np.frombuffer(blob, dtype="<u2", count=df, offset=4 * df),
        np.frombuffer(blob, dtype="<u2", count=df, offset=6 * df),
    )


def _marks(items: Sequence) -> str:
    return ",".join("?" * len(items))


class ArchiveIndexStore:
    """The archive index tables of one workspace. Shares the Store's connection and lock."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path  # for _workspace_errors messages

    # -- what the index covers ----------------------------------------------------------------

    @_workspace_errors
    def archive_version(self) -> tuple[int, str]:
        """(entries, latest import stamp) of the fact-check archive; both come from indexes."""
        with self.store.lock:
            count, stamp = self.store.conn.execute(
                "SELECT COUNT(*), MAX(imported_at) FROM factchecks"
            ).fetchone()
        return count, stamp or ""

    @_workspace_errors
    def state(self) -> IndexState | None:
        with self.store.lock:
            values = dict(
                self.store.conn.execute("SELECT key, value FROM archive_index_state").fetchall()
            )
        if "fingerprint" not in values:
            return None
        return IndexState(
            docs=int(values["docs"]),
            total_length=int(values["total_length"]),
            fingerprint=values["fingerprint"],
            archive_count=int(values["archive_count"]),
            archive_stamp=values["archive_stamp"],
        )

    # -- reading the archive to index it --------------------------------------------------------

    @_workspace_errors
    def factchecks_since(self, stamp: str) -> list[FactCheck]:
        """Fact-checks imported at or after `stamp` (all of them for ''), in import order."""
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT id, claim, rating, url, date, title, author, publisher FROM factchecks "
                "WHERE imported_at >= ? ORDER BY rowid",
                [stamp],
            ).fetchall()
        return [FactCheck(*(value or "" for value in row)) for row in rows]

    @_workspace_errors
    def docs_of(self, factcheck_ids: Iterable[str]) -> dict[str, IndexedDoc]:
        ids = list(factcheck_ids)
        found: dict[str, IndexedDoc] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for row in self.store.conn.execute(
                    "SELECT doc, factcheck_id, norm, terms, checked FROM archive_docs "
                    f"WHERE factcheck_id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[row[1]] = IndexedDoc(*row)
        return found

    @_workspace_errors
    def next_doc(self) -> int:
        with self.store.lock:
            return self.store.conn.execute(
                "SELECT COALESCE(MAX(doc), 0) + 1 FROM archive_docs"
            ).fetchone()[0]

    # -- reading the index ------------------------------------------------------------------------

    @_workspace_errors
    def postings(self, terms: Iterable[str], as_numpy: bool = False) -> dict[str, Postings]:
        """Term -> its postings, for the terms that are indexed."""
        terms = list(set(terms))
        found: dict[str, Postings] = {}
        decode = unpack_numpy if as_numpy else unpack
        with self.store.lock:
            for chunk in chunks(terms):
                for term, df, blob in self.store.conn.execute(
                    f"SELECT term, df, postings FROM archive_terms WHERE term IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[term] = decode(blob, df)
        return found

    @_workspace_errors
    def docs(self, numbers: Iterable[int]) -> dict[int, tuple[str, str, str]]:
        """Document number -> (fact-check id, normalised claim, ISO date checked)."""
        numbers = list(numbers)
        found: dict[int, tuple[str, str, str]] = {}
        with self.store.lock:
            for chunk in chunks(numbers):
                for doc, factcheck_id, norm, checked in self.store.conn.execute(
                    "SELECT doc, factcheck_id, norm, checked FROM archive_docs "
                    f"WHERE doc IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[doc] = (factcheck_id, norm, checked)
        return found

    @_workspace_errors
    def factchecks(self, ids: Iterable[str]) -> dict[str, FactCheck]:
        ids = list(ids)
        found: dict[str, FactCheck] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for row in self.store.conn.execute(
                    "SELECT id, claim, rating, url, date, title, author, publisher FROM factchecks "
                    f"WHERE id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[row[0]] = FactCheck(*(value or "" for value in row))
        return found

    # -- writing the index ------------------------------------------------------------------------

    @_workspace_errors
    def write(
        self,
        removed: Sequence[IndexedDoc],
        added: Sequence[IndexedDoc],
        state: IndexState,
        rebuild: bool = False,
    ) -> None:
        """Apply one update in one transaction: drop `removed` documents, add `added` ones (numbered
        above every stored document, so appending keeps postings ascending), record `state`.
        `rebuild` empties the index first. A document's length is its number of terms."""
        with self.store.writing() as conn:
            if rebuild:
                conn.execute("DELETE FROM archive_docs")
                conn.execute("DELETE FROM archive_terms")
            gone: dict[str, set[int]] = {}
            for doc in removed:
                for term in set(doc.terms.split()):
                    gone.setdefault(term, set()).add(doc.doc)
            # One (document, count, length) tuple per new posting: the fewest Python steps per
            # posting, which is what indexing 50,000 fact-checks spends its time on.
            fresh: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
            for doc in added:
                terms = doc.terms.split()
                length = len(terms)
                for term, count in Counter(terms).items():
                    if length > U16_MAX:
                        count = min(count, U16_MAX)
                    fresh[term].append((doc.doc, count, min(length, U16_MAX)))
            touched = set(gone) | set(fresh)
            stored = {} if rebuild else self.postings(touched)
            changed: dict[str, tuple[Sequence[int], Sequence[int], Sequence[int]]] = {}
            for term in touched:
                old = stored.get(term)
                rows = list(zip(old.docs, old.counts, old.lengths)) if old else []
                if term in gone:
                    rows = [row for row in rows if row[0] not in gone[term]]
                rows += fresh.get(term, [])
                changed[term] = tuple(zip(*rows)) if rows else ((), (), ())  # type: ignore[assignment]
            if removed:
                for chunk in chunks([doc.doc for doc in removed]):
                    conn.execute(
                        f"DELETE FROM archive_docs WHERE doc IN ({_marks(chunk)})", list(chunk)
                    )
            conn.executemany(
                "INSERT INTO archive_docs (doc, factcheck_id, norm, terms, checked) VALUES (?, ?, ?, ?, ?)",
                [(d.doc, d.factcheck_id, d.norm, d.terms, d.checked) for d in added],
            )
            empty = [term for term, lists in changed.items() if not lists[0]]
            for chunk in chunks(empty):
                conn.execute(
                    f"DELETE FROM archive_terms WHERE term IN ({_marks(chunk)})", list(chunk)
                )
            conn.executemany(
                "INSERT OR REPLACE INTO archive_terms (term, df, postings) VALUES (?, ?, ?)",
                [
                    (term, len(lists[0]), pack(*lists))
                    for term, lists in changed.items()
                    if lists[0]
                ],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO archive_index_state (key, value) VALUES (?, ?)",
                [
                    ("docs", str(state.docs)),
                    ("total_length", str(state.total_length)),
                    ("fingerprint", state.fingerprint),
                    ("archive_count", str(state.archive_count)),
                    ("archive_stamp", state.archive_stamp),
                ],
            )
