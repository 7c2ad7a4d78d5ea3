"""SQL for repeated claims: the fact-check archive, links between claims, archive matches, and
the claim term index. The linker (triage/link/) decides; this module only reads and writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii

from triage.models import (
    ACCEPTED,
    AUTOMATIC,
    REJECTED,
    SUGGESTED,
    FactCheck,
    Link,
)
from triage.store.workspace import (
    CHUNK,
    Store,
    _workspace_errors,
    chunks,
    insert_rows,
    now,
    query,
)

WORKSPACE_PREFIX = "claim:"  # archive ids of verdicts given in this workspace


@dataclass(frozen=True)
class ClaimText:
    id: int
    article_id: int
    text: str


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    outlet: str
    date: str  # published date, else the import date


def _marks(items: Sequence) -> str:
    return ",".join("?" * len(items))


# The values of one JSON array parameter: the lookups linking makes for every article bind their
# ids or terms this way, so each is one cached statement. An IN list of `?` is new SQL for every
# length: prepared again each time (0.2 ms for 300 terms), and it pushed the cached statements of
# the writes out of the connection's statement cache.
_JSON_VALUES = "(SELECT value FROM json_each(?))"


def _factcheck(row: dict) -> FactCheck:
    return FactCheck(
        id=row["id"],
        claim=row["claim"],
        rating=row["rating"] or "",
        url=row["url"] or "",
        date=row["date"] or "",
        title=row["title"] or "",
        author=row["author"] or "",
        publisher=row["publisher"] or "",
    )


def _json_strings(items: Sequence[str]) -> str:
    """json.dumps(list(items)) for strings, byte for byte, without building an encoder per call:
    the same C escaping json.dumps uses, joined with its default separator."""
    return "[" + ", ".join(map(encode_basestring_ascii, items)) + "]"


def digest(norm: str) -> int:
    """A stable 64-bit digest of a normalised text (Python's hash() changes between processes)."""
    return int.from_bytes(
        hashlib.blake2b(norm.encode(), digest_size=8).digest(), "big", signed=True
    )


# An opposite link the journalist judged marks nothing: accepted, it is no repeat (the claim is not
# "linked"); while it is a suggestion it still asks to be reviewed.
_NOT_JUDGED_OPPOSITE = f"NOT (relation = 'opposite' AND state != '{SUGGESTED}')"


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class LinkStore:
    """Linking tables of one workspace. Shares the Store's connection and lock."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path  # for _workspace_errors messages

    @contextlib.contextmanager
    def _joined(self) -> Iterator[sqlite3.Connection]:
        """The caller's open transaction if there is one, else a new one. Linking an article writes
        its index, links and matches inside one transaction that rolls back as a whole; a savepoint
        per write would copy every page it touches to a statement journal first (half the cost)."""
        with self.store.lock:
            if self.store.conn.in_transaction:
                yield self.store.conn
                return
            with self.store.writing() as conn:
                yield conn

    # -- the archive ----------------------------------------------------------------------------

    @_workspace_errors
    def add_factchecks(self, factchecks: Sequence[FactCheck], source: str) -> int:
        """Insert or update archive entries in one transaction; returns how many were new."""
        stamp = now()
        with self.store.writing() as conn:
            before = conn.execute("SELECT COUNT(*) FROM factchecks").fetchone()[0]
            conn.executemany(
                "INSERT INTO factchecks (id, claim, rating, url, date, title, author, publisher, "
                "source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
                "UPDATE SET claim = excluded.claim, rating = excluded.rating, url = excluded.url, "
                "date = excluded.date, title = excluded.title, author = excluded.author, "
                "publisher = excluded.publisher, source = excluded.source, "
                "imported_at = excluded.imported_at",
                [(fc.id, fc.claim, fc.rating, fc.url, fc.date, fc.title, fc.author, fc.publisher,
                  source, stamp) for fc in factchecks],
            )  # fmt: skip
            after = conn.execute("SELECT COUNT(*) FROM factchecks").fetchone()[0]
        return after - before

    def factchecks(self) -> list[FactCheck]:
        with self.store.lock:
            return [_factcheck(row) for row in query(self.store.conn, "SELECT * FROM factchecks")]

    def factchecks_by_id(self, ids: Iterable[str]) -> dict[str, FactCheck]:
        ids = list(ids)
        found: dict[str, FactCheck] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for row in query(
                    self.store.conn,
                    f"SELECT * FROM factchecks WHERE id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[row["id"]] = _factcheck(row)
        return found

    @_workspace_errors
    def workspace_verdicts(self) -> list[FactCheck]:
        """Claims given a verdict in this workspace, as archive entries."""
        sql = """
            SELECT c.id, c.text, c.verdict, a.title, a.outlet, a.url,
                   COALESCE(NULLIF(a.published, ''), substr(a.imported_at, 1, 10)) AS date
            FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE c.verdict IS NOT NULL AND c.verdict != ''
        """
        with self.store.lock:
            rows = self.store.conn.execute(sql).fetchall()
        return [
            FactCheck(
                id=f"{WORKSPACE_PREFIX}{claim_id}",
                claim=text,
                rating=verdict,
                url=url or "",
                date=date or "",
                title=title or "",
                publisher=f"this workspace ({outlet or title})",
            )
            for claim_id, text, verdict, title, outlet, url, date in rows
        ]

    @_workspace_errors
    def factchecks_version(self) -> tuple:
        """Changes whenever fact-checks are imported: a cache key. Linking reads it for every
        article, so it is two index lookups, not a count (3.4 ms for 50k fact-checks): every
        import stamps the rows it adds or updates, and a new one gets the next rowid (nothing
        removes fact-checks)."""
        with self.store.lock:
            return tuple(
                self.store.conn.execute(
                    "SELECT (SELECT MAX(rowid) FROM factchecks), "
                    "(SELECT MAX(imported_at) FROM factchecks)"
                ).fetchone()
            )

    @_workspace_errors
    def verdicts_version(self) -> tuple:
        """Changes whenever a verdict is given or changed in the workspace: a cache key."""
        with self.store.lock:
            return tuple(
                self.store.conn.execute(
                    # `verdict > ''` (not `!= ''`) so SQLite reads the verdict index, not every claim.
                    "SELECT COUNT(*), MAX(updated_at), TOTAL(id) FROM claims WHERE verdict > ''"
                ).fetchone()
            )

    # -- archive matches ------------------------------------------------------------------------

    @_workspace_errors
    def set_matches(self, matches: Mapping[int, Sequence[tuple[str, float]]]) -> None:
        """Replace the stored best archive matches (id, score) of each given claim."""
        with self._joined() as conn:
            ids = list(matches)
            for chunk in chunks(ids):
                conn.execute(
                    f"DELETE FROM claim_matches WHERE claim_id IN ({_marks(chunk)})", list(chunk)
                )
            conn.executemany(
                "INSERT INTO claim_matches (claim_id, rank, factcheck_id, score) VALUES (?, ?, ?, ?)",
                [
                    (claim_id, rank, fc_id, score)
                    for claim_id, ranked in matches.items()
                    for rank, (fc_id, score) in enumerate(ranked)
                ],
            )

    def matches(self, claim_id: int) -> list[tuple[str, float]]:
        with self.store.lock:
            return [
                (row[0], row[1])
                for row in self.store.conn.execute(
                    "SELECT factcheck_id, score FROM claim_matches WHERE claim_id = ? ORDER BY rank",
                    [claim_id],
                )
            ]

    def best_match_scores(self, claim_ids: Sequence[int]) -> dict[int, float]:
        found: dict[int, float] = {}
        with self.store.lock:
            for chunk in chunks(list(claim_ids)):
                for claim_id, score in self.store.conn.execute(
                    f"SELECT claim_id, score FROM claim_matches WHERE rank = 0 "
                    f"AND claim_id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[claim_id] = score
        return found

    # -- the claim term index and normalised texts --------------------------------------------

    @_workspace_errors
    def index_claims(
        self,
        claims: Sequence[tuple[int, str, Iterable[str]]],
        joined: dict[int, int] | None = None,
        vectors: dict[int, bytes] | None = None,
    ) -> None:
        """Add new claims (id, normalised text, terms) to the inverted index. A claim in `joined`
        (a copy of the claim it maps to) keeps its text and digest but gets no postings: later
        claims find the cluster through the one it copies, so a story arriving 20 times costs one."""
        joined, vectors = joined or {}, vectors or {}
        rows = [(term, claim_id) for claim_id, _, terms in claims if claim_id not in joined
                for term in set(terms)]  # fmt: skip
        counts: dict[str, int] = {}
        for term, _ in rows:
            counts[term] = counts.get(term, 0) + 1
        norm_rows = [
            (claim_id, norm, digest(norm), joined.get(claim_id), vectors.get(claim_id))
            for claim_id, norm, _ in claims
        ]
        with self._joined() as conn:
            insert_rows(
                conn,
                "INSERT OR REPLACE INTO claim_norms (claim_id, norm, digest, joined, vector)",
                norm_rows,
            )
            insert_rows(conn, "INSERT OR IGNORE INTO claim_terms (term, claim_id)", rows)
            # One statement for all of an article's terms: a row at a time cost 0.45 ms an
            # article in calls (bind, step, reset), as one JSON object 0.33.
            conn.execute(
                "INSERT INTO term_counts (term, claims) SELECT key, value FROM json_each(?) "
                "WHERE 1 ON CONFLICT(term) DO UPDATE SET claims = claims + excluded.claims",
                (json.dumps(dict(sorted(counts.items()))),),
            )

    def copies_of(self, digests: Iterable[int]) -> dict[int, int]:
        """Digest -> the first indexed claim (itself no copy) with that normalised text."""
        wanted = list(set(digests))
        found: dict[int, int] = {}
        with self.store.lock:
            for value, claim_id in self.store.conn.execute(
                f"SELECT digest, MIN(claim_id) FROM claim_norms WHERE digest IN {_JSON_VALUES} "
                "AND joined IS NULL GROUP BY digest",
                [json.dumps(wanted)],
            ):
                found[value] = claim_id
        return found

    def recent_postings(self, terms: Iterable[str], per_term: int) -> dict[str, list[int]]:
        """Term -> the ids of the `per_term` most recently indexed claims containing it, newest
        first. Reading a bounded slice of the (term, claim_id) key keeps the cost of a lookup the
        same however long the posting list has grown."""
        # One statement for all terms (a query per term cost more in calls than in reading), each
        # term's slice as one JSON array: fetching a row per posting costs more than parsing.
        found: dict[str, list[int]] = {}
        wanted = json.dumps(sorted(set(terms)))
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT t.value, (SELECT json_group_array(claim_id) FROM (SELECT claim_id FROM claim_terms "
                "WHERE term = t.value ORDER BY claim_id DESC LIMIT ?)) FROM json_each(?) t",
                (per_term, wanted),
            ).fetchall()
        loads = json.loads
        for term, array in rows:
            ids = loads(array)
            if ids:
                ids.sort(reverse=True)  # the aggregate promises no order: newest first again
                found[term] = ids
        return found

    def sentence_rows(
        self, claim_ids: Iterable[int]
    ) -> dict[int, tuple[int, str, str, bool, bytes | None]]:
        """Claim id -> (article id, normalised text, text, is a claim, packed embedding or None)
        for indexed sentences."""
        ids = list(claim_ids)
        found: dict[int, tuple[int, str, str, bool, bytes | None]] = {}
        with self.store.lock:
            for claim_id, article_id, norm, text, is_claim, vector in self.store.conn.execute(
                "SELECT n.claim_id, c.article_id, n.norm, c.text, c.is_claim, n.vector FROM claim_norms n "
                f"JOIN claims c ON c.id = n.claim_id WHERE n.claim_id IN {_JSON_VALUES}",
                [json.dumps(ids)],
            ):
                found[claim_id] = (article_id, norm, text, bool(is_claim), vector)
        return found

    def article_sentences(self, article_id: int) -> list[tuple[ClaimText, bool]]:
        """Every sentence of an article (claims and the rest), with whether it is a claim."""
        with self.store.lock:
            return [
                (ClaimText(row[0], row[1], row[2]), bool(row[3]))
                for row in self.store.conn.execute(
                    "SELECT id, article_id, text, is_claim FROM claims WHERE article_id = ? "
                    "ORDER BY position",
                    [article_id],
                )
            ]

    @_workspace_errors
    def mark_claims(self, claim_ids: Iterable[int]) -> int:
        """Make sentences claims (a sentence that repeats another article's claim is worth checking)."""
        ids = sorted(set(claim_ids))
        changed = 0
        with self._joined() as conn:
            for chunk in chunks(ids):
                changed += conn.execute(
                    f"UPDATE claims SET is_claim = 1 WHERE is_claim = 0 AND id IN ({_marks(chunk)})",
                    list(chunk),
                ).rowcount
        return changed

    @_workspace_errors
    def rebuild_index(
        self, claims: Sequence[tuple[int, str, Iterable[str]]], counts: dict[str, int]
    ) -> None:
        """Replace the whole index. Rows are inserted in key order, which fills the term table's
        B-tree page by page: several times faster than indexing claim by claim."""
        with self.store.writing() as conn:
            for table in ("claim_terms", "term_counts", "claim_norms"):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                "INSERT INTO claim_norms (claim_id, norm, digest) VALUES (?, ?, ?)",
                ((claim_id, norm, digest(norm)) for claim_id, norm, _ in claims),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO claim_terms (term, claim_id) VALUES (?, ?)",
                sorted((term, claim_id) for claim_id, _, terms in claims for term in terms),
            )
            conn.executemany(
                "INSERT INTO term_counts (term, claims) VALUES (?, ?)", sorted(counts.items())
            )

    def term_counts(self, terms: Iterable[str]) -> dict[str, int]:
        terms = list(set(terms))
        found: dict[str, int] = {}
        with self.store.lock:
            found.update(
                self.store.conn.execute(
                    f"SELECT term, claims FROM term_counts WHERE term IN {_JSON_VALUES}",
                    [json.dumps(terms)],
                ).fetchall()
            )
        return found

    def all_term_counts(self) -> dict[str, int]:
        with self.store.lock:
            return dict(self.store.conn.execute("SELECT term, claims FROM term_counts").fetchall())

    def postings_by_term(self, terms: Iterable[str]) -> dict[str, list[int]]:
        """Term -> ids (ascending) of the indexed claims containing it. One row per term, not per
        posting: fetching a (term, id) row for each of thousands of postings costs twice as much."""
        terms = list(set(terms))
        found: dict[str, list[int]] = {}
        with self.store.lock:
            for chunk in chunks(terms):
                for term, ids in self.store.conn.execute(
                    f"SELECT term, group_concat(claim_id) FROM claim_terms "
                    f"WHERE term IN ({_marks(chunk)}) GROUP BY term",
                    list(chunk),
                ):
                    # group_concat promises no order; the linker breaks ties by it, so sort.
                    found[term] = sorted(map(int, ids.split(",")))
        return found

    def norms(self, claim_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """Claim id -> (article id, normalised text) for indexed claims."""
        ids = list(claim_ids)
        found: dict[int, tuple[int, str]] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for claim_id, article_id, norm in self.store.conn.execute(
                    "SELECT n.claim_id, c.article_id, n.norm FROM claim_norms n "
                    f"JOIN claims c ON c.id = n.claim_id WHERE n.claim_id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[claim_id] = (article_id, norm)
        return found

    def norms_and_texts(self, claim_ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
        """Claim id -> (article id, normalised text, text) for indexed claims: one query where
        norms() and claim_texts() would take two."""
        ids = list(claim_ids)
        found: dict[int, tuple[int, str, str]] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for claim_id, article_id, norm, text in self.store.conn.execute(
                    "SELECT n.claim_id, c.article_id, n.norm, c.text FROM claim_norms n "
                    f"JOIN claims c ON c.id = n.claim_id WHERE n.claim_id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[claim_id] = (article_id, norm, text)
        return found

    def all_norms(self) -> list[tuple[int, int, str, bool]]:
        """(claim id, article id, normalised text, is a claim) of every indexed sentence."""
        with self.store.lock:
            return [
                (claim_id, article_id, norm, bool(is_claim))
                for claim_id, article_id, norm, is_claim in self.store.conn.execute(
                    "SELECT n.claim_id, c.article_id, n.norm, c.is_claim FROM claim_norms n "
                    "JOIN claims c ON c.id = n.claim_id"
                )
            ]

    def unindexed_claims(self) -> int:
        """Sentences with no normalised text stored (imported before linking existed)."""
        with self.store.lock:
            return self.store.conn.execute(
                "SELECT COUNT(*) FROM claims c LEFT JOIN claim_norms n ON n.claim_id = c.id "
                "WHERE n.claim_id IS NULL"
            ).fetchone()[0]

    # -- claims and articles, as linking needs them ----------------------------------------------

    def claim_texts(self, claim_ids: Iterable[int]) -> dict[int, ClaimText]:
        ids = list(claim_ids)
        found: dict[int, ClaimText] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                for row in self.store.conn.execute(
                    f"SELECT id, article_id, text FROM claims WHERE id IN ({_marks(chunk)})",
                    list(chunk),
                ):
                    found[row[0]] = ClaimText(*row)
        return found

    def article_claim_texts(self, article_id: int) -> list[ClaimText]:
        with self.store.lock:
            return [
                ClaimText(*row)
                for row in self.store.conn.execute(
                    "SELECT id, article_id, text FROM claims WHERE article_id = ? AND is_claim = 1 "
                    "ORDER BY position",
                    [article_id],
                )
            ]

    def iter_claim_texts(self, batch: int = 10_000) -> Iterator[list[ClaimText]]:
        """Every sentence in id order, in batches; the lock is released between batches."""
        last = 0
        while True:
            with self.store.lock:
                rows = self.store.conn.execute(
                    "SELECT id, article_id, text FROM claims WHERE id > ? ORDER BY id LIMIT ?",
                    [last, batch],
                ).fetchall()
            if not rows:
                return
            yield [ClaimText(*row) for row in rows]
            last = rows[-1][0]

    def articles_info(self, article_ids: Iterable[int]) -> dict[int, ArticleInfo]:
        ids = list(set(article_ids))
        found: dict[int, ArticleInfo] = {}
        with self.store.lock:
            for row in self.store.conn.execute(
                "SELECT id, title, outlet, "
                "COALESCE(NULLIF(published, ''), substr(imported_at, 1, 10)) "
                f"FROM articles WHERE id IN {_JSON_VALUES}",
                [json.dumps(ids)],
            ):
                found[row[0]] = ArticleInfo(row[0], row[1], row[2] or "", row[3] or "")
        return found

    # -- links ------------------------------------------------------------------------------------

    @_workspace_errors
    def add_links(self, links: Sequence[Link]) -> None:
        """Store new automatic/suggested links; a pair the journalist judged keeps its judgement."""
        stamp = now()
        with self._joined() as conn:
            conn.executemany(
                "INSERT INTO claim_links (claim_a, claim_b, score, state, differing, updated_at, relation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(claim_a, claim_b) DO UPDATE SET "
                "score = excluded.score, differing = excluded.differing, relation = excluded.relation, "
                "state = CASE WHEN state IN (?, ?) THEN state ELSE excluded.state END",
                [
                    (*_pair(link.claim_id, link.other_id), link.score, link.state,
                     _json_strings(link.differing), stamp, link.relation, ACCEPTED, REJECTED)
                    for link in links
                ],
            )  # fmt: skip

    @_workspace_errors
    def replace_generated_links(self, links: Iterable[Link]) -> int:
        """Relinking: drop every automatic and suggested link, store these; judged pairs stay."""
        with self.store.writing() as conn:
            conn.execute("DELETE FROM claim_links WHERE state IN (?, ?)", [AUTOMATIC, SUGGESTED])
            links = list(links)
            self.add_links(links)
        return len(links)

    def links(self, claim_id: int) -> list[Link]:
        """Every link of a claim, seen from that claim, best first."""
        sql = """
            SELECT claim_b AS other, score, state, differing, relation FROM claim_links WHERE claim_a = ?
            UNION ALL
            SELECT claim_a AS other, score, state, differing, relation FROM claim_links WHERE claim_b = ?
            ORDER BY score DESC
        """
        with self.store.lock:
            rows = self.store.conn.execute(sql, [claim_id, claim_id]).fetchall()
        return [
            Link(claim_id, other, score, state, tuple(json.loads(differing or "[]")), relation)
            for other, score, state, differing, relation in rows
        ]

    @_workspace_errors
    def set_link_state(self, pairs: Iterable[tuple[int, int]], state: str) -> int:
        """The journalist's judgement (accepted/rejected) on links; returns how many changed."""
        stamp = now()
        with self.store.writing() as conn:
            cursor = conn.executemany(
                "UPDATE claim_links SET state = ?, updated_at = ? WHERE claim_a = ? AND claim_b = ?",
                [(state, stamp, *_pair(a, b)) for a, b in pairs],
            )
            return cursor.rowcount

    def linked_neighbours(
        self, claim_ids: Sequence[int], states: Sequence[str]
    ) -> list[tuple[int, int]]:
        """(claim, neighbour) pairs over "same" links in the given states (an opposite claim,
        even accepted, never joins a cluster: its verdict would be the reverse)."""
        found: list[tuple[int, int]] = []
        state_marks = _marks(states)
        with self.store.lock:
            for chunk in chunks(list(claim_ids), CHUNK // 2):
                params = [*chunk, *states, *chunk, *states]
                found += self.store.conn.execute(
                    f"SELECT claim_a, claim_b FROM claim_links WHERE claim_a IN ({_marks(chunk)}) "
                    f"AND state IN ({state_marks}) AND relation = 'same' UNION "
                    f"SELECT claim_b, claim_a FROM claim_links WHERE claim_b IN ({_marks(chunk)}) "
                    f"AND state IN ({state_marks}) AND relation = 'same'",
                    params,
                ).fetchall()
        return found

    def link_states(self, claim_ids: Sequence[int]) -> dict[int, set[str]]:
        """The states of the links each claim has (for marks in the claim list)."""
        found: dict[int, set[str]] = {}
        with self.store.lock:
            for chunk in chunks(list(claim_ids), CHUNK // 2):
                for claim_id, state in self.store.conn.execute(
                    f"SELECT claim_a, state FROM claim_links WHERE claim_a IN ({_marks(chunk)}) "
                    f"AND {_NOT_JUDGED_OPPOSITE} UNION ALL SELECT claim_b, state FROM claim_links "
                    f"WHERE claim_b IN ({_marks(chunk)}) AND {_NOT_JUDGED_OPPOSITE}",
                    [*chunk, *chunk],
                ):
                    found.setdefault(claim_id, set()).add(state)
        return found

    def verdicts(self, claim_ids: Iterable[int]) -> dict[int, str | None]:
        ids = list(claim_ids)
        found: dict[int, str | None] = {}
        with self.store.lock:
            for chunk in chunks(ids):
                found.update(
                    self.store.conn.execute(
                        f"SELECT id, verdict FROM claims WHERE id IN ({_marks(chunk)})", list(chunk)
                    ).fetchall()
                )
        return found

    def iter_links(self) -> Iterator[tuple[int, int, float, str]]:
        with self.store.lock:
            yield from self.store.conn.execute(
                "SELECT claim_a, claim_b, score, state FROM claim_links"
            ).fetchall()

    def export_links(self) -> Iterator[dict]:
        """Every link with both of its sentences and their articles, in (claim_a, claim_b) order,
        for `triage export --format links`. Fetched in pages so the lock is not held throughout."""
        sql = """
            SELECT l.claim_a, l.claim_b, l.score, l.state, l.differing, l.relation,
                   ca.article_id, aa.url, aa.title, ca.start, ca.end, ca.text,
                   cb.article_id, ab.url, ab.title, cb.start, cb.end, cb.text
            FROM claim_links l
            JOIN claims ca ON ca.id = l.claim_a JOIN articles aa ON aa.id = ca.article_id
            JOIN claims cb ON cb.id = l.claim_b JOIN articles ab ON ab.id = cb.article_id
            WHERE (l.claim_a, l.claim_b) > (?, ?) ORDER BY l.claim_a, l.claim_b LIMIT 2000
        """
        last = (-1, -1)
        while True:
            with self.store.lock:
                rows = self.store.conn.execute(sql, list(last)).fetchall()
            if not rows:
                return
            for row in rows:
                yield {
                    "a": _side(row[0], row[6:12]), "b": _side(row[1], row[12:18]),
                    "score": row[2], "state": row[3],
                    "differing": json.loads(row[4] or "[]"), "relation": row[5] or "same",
                }  # fmt: skip
            last = (rows[-1][0], rows[-1][1])

    def cluster_edges(self, states: Sequence[str]) -> list[tuple[int, int]]:
        """Every linked pair in the given states (to build clusters in one pass)."""
        with self.store.lock:
            return self.store.conn.execute(
                f"SELECT claim_a, claim_b FROM claim_links WHERE state IN ({_marks(states)}) "
                "AND relation = 'same'",
                list(states),
            ).fetchall()

    def link_counts(self) -> dict[int, int]:
        """Claim id -> its links that are not rejected."""
        counts: dict[int, int] = {}
        with self.store.lock:
            for a, b in self.store.conn.execute(
                "SELECT claim_a, claim_b FROM claim_links WHERE state != ?", [REJECTED]
            ):
                counts[a] = counts.get(a, 0) + 1
                counts[b] = counts.get(b, 0) + 1
        return counts


def _side(claim_id: int, row: Sequence) -> dict:
    article_id, url, title, start, end, text = row
    return {"claim_id": claim_id, "article_id": article_id, "article_url": url or "",
            "article_title": title or "", "start": start, "end": end, "text": text}  # fmt: skip
