"""SQL for `triage watch` and the "new repeats" view. Shares the Store's connection and lock, as
LinkStore does.

- What a watch has seen (feed entries by id or link, files by path and a digest of their bytes),
  so a restart imports nothing twice, and each feed's ETag and Last-Modified.
- What an arrival brought: its claims that repeat another article's claim, and those checked
  before (their best archive match clears the threshold).
- New repeats: claims not yet decided that repeat a claim this workspace has given a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from triage.models import ACCEPTED, AUTOMATIC, CHECKING, REJECTED, SUGGESTED, UNDECIDED, Claim
from triage.store.workspace import (
    CLAIM_COLUMNS,
    Store,
    _claim,
    _workspace_errors,
    chunks,
    now,
    query,
)

ENTRY = "entry"
FILE = "file"
# What came of a seen entry or file.
IMPORTED = "imported"
DUPLICATE = "duplicate"  # its text was in the workspace already
REFUSED = "refused"  # never worth another try: too large, no article text, not found
FAILED = "failed"  # a timeout or a server error: tried again, up to MAX_ATTEMPTS times
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str = ""
    modified: str = ""
    failures: int = 0


@dataclass(frozen=True)
class Pending:
    """A feed entry whose page failed before; fetched again on the next poll of its feed."""

    key: str
    link: str
    title: str
    attempts: int


@dataclass(frozen=True)
class Arrival:
    """What one imported article brought."""

    repeats: int  # its claims linked to another article's claim (automatic or accepted)
    checked_before: int  # its claims whose best archive match clears the threshold


@dataclass(frozen=True)
class NewRepeat:
    """An undecided claim that repeats a claim given a verdict here, with that verdict."""

    claim: Claim
    article_title: str
    imported_at: str
    earlier: Claim  # the decided claim it repeats (best match)
    earlier_title: str
    score: float  # 0-100: the link's score
    suggested: bool = False  # only a suggestion: the linker saw a difference or too little


def _marks(items: Iterable[object]) -> str:
    return ",".join("?" for _ in items)


class WatchStore:
    """The watch tables of one workspace, and the reads about what arrived."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path  # for _workspace_errors messages

    # -- seen entries and files ----------------------------------------------------------------

    def done_entries(self, keys: Iterable[str]) -> set[str]:
        """The entries among `keys` that need nothing more: imported, refused, or given up on."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self.store.lock:
            for chunk in chunks(wanted):
                found.update(
                    row[0]
                    for row in self.store.conn.execute(
                        f"SELECT key FROM watch_seen WHERE kind = ? AND key IN ({_marks(chunk)}) "
                        "AND (state != ? OR attempts >= ?)",
                        [ENTRY, *chunk, FAILED, MAX_ATTEMPTS],
                    )
                )
        return found

    def pending_entries(self, feed: str) -> list[Pending]:
        """Entries of a feed whose page failed and that have tries left, oldest first."""
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT key, link, title, attempts FROM watch_seen WHERE kind = ? AND source = ? "
                "AND state = ? AND attempts < ? ORDER BY first_seen",
                [ENTRY, feed, FAILED, MAX_ATTEMPTS],
            ).fetchall()
        return [Pending(*row) for row in rows]

    def attempts(self, kind: str, key: str, version: str = "") -> int:
        with self.store.lock:
            row = self.store.conn.execute(
                "SELECT attempts FROM watch_seen WHERE kind = ? AND key = ? AND version = ?",
                [kind, key, version],
            ).fetchone()
        return int(row[0]) if row else 0

    def file_seen(self, path: str, version: str) -> bool:
        """This file with these bytes has been handled (a failed read is tried again)."""
        with self.store.lock:
            row = self.store.conn.execute(
                "SELECT state, attempts FROM watch_seen WHERE kind = ? AND key = ? AND version = ?",
                [FILE, path, version],
            ).fetchone()
        return row is not None and (row[0] != FAILED or row[1] >= MAX_ATTEMPTS)

    @_workspace_errors
    def record(
        self,
        kind: str,
        key: str,
        state: str,
        *,
        version: str = "",
        source: str = "",
        link: str = "",
        title: str = "",
        article_id: int | None = None,
        problem: str = "",
    ) -> None:
        """What came of an entry or a file; a failure seen again counts one more attempt."""
        stamp = now()
        with self.store.writing() as conn:
            conn.execute(
                "INSERT INTO watch_seen (kind, key, version, source, link, title, state, "
                "article_id, attempts, problem, first_seen, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) "
                "ON CONFLICT (kind, key, version) DO UPDATE SET state = excluded.state, "
                "article_id = excluded.article_id, problem = excluded.problem, "
                "title = CASE WHEN excluded.title != '' THEN excluded.title ELSE title END, "
                "attempts = attempts + 1, updated_at = excluded.updated_at",
                [kind, key, version, source, link, title, state, article_id, problem, stamp, stamp],
            )

    # -- feeds -----------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        with self.store.lock:
            row = self.store.conn.execute(
                "SELECT etag, modified, failures FROM watch_feeds WHERE url = ?", [url]
            ).fetchone()
        return FeedState(url, *row) if row else FeedState(url)

    @_workspace_errors
    def save_feed(self, state: FeedState, problem: str = "") -> None:
        with self.store.writing() as conn:
            conn.execute(
                "INSERT INTO watch_feeds (url, etag, modified, checked_at, failures, problem) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "modified = excluded.modified, checked_at = excluded.checked_at, "
                "failures = excluded.failures, problem = excluded.problem",
                [state.url, state.etag, state.modified, now(), state.failures, problem],
            )

    # -- what arrived ------------------------------------------------------------------------------

    def arrival(self, article_id: int, checked_before: float) -> Arrival:
        """An imported article's repeats and claims checked before (`checked_before`: the
        archive match score, 0-100, from which a claim counts as checked before)."""
        linked = (ACCEPTED, AUTOMATIC)
        with self.store.lock:
            repeats = self.store.conn.execute(
                "SELECT COUNT(*) FROM claims c WHERE c.article_id = ? AND c.is_claim = 1 AND ("
                "EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_a = c.id AND l.state IN (?, ?) "
                "AND l.relation = 'same') OR "
                "EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_b = c.id AND l.state IN (?, ?) "
                "AND l.relation = 'same'))",
                [article_id, *linked, *linked],
            ).fetchone()[0]
            checked = self.store.conn.execute(
                "SELECT COUNT(*) FROM claims c JOIN claim_matches m ON m.claim_id = c.id "
                "AND m.rank = 0 WHERE c.article_id = ? AND c.is_claim = 1 AND m.score >= ?",
                [article_id, checked_before],
            ).fetchone()[0]
        return Arrival(int(repeats), int(checked))

    @_workspace_errors
    def new_repeats(self, limit: int = 500) -> list[NewRepeat]:
        """Claims still undecided (or being checked) that repeat a claim given a verdict in this
        workspace, best first: the strongest repeat, then the newest article. One row per claim,
        with the decided claim it repeats best. A repeat is a link of the same claim (not an
        opposite) that the journalist has not rejected: the linker's judgement, which weighs
        numbers, names and negations. Archive matches of the workspace's verdicts are left out:
        with few verdicts the archive ranker scores unrelated sentences high (a one-verdict
        workspace gave 98.7 of 100 to a different claim). Read on a connection of its own."""
        columns = ", ".join(f"c.{name.strip()}" for name in CLAIM_COLUMNS.split(","))
        earlier = ", ".join(
            f"e.{name.strip()} AS e_{name.strip()}" for name in CLAIM_COLUMNS.split(",")
        )
        sql = f"""
            WITH decided AS (SELECT id FROM claims WHERE verdict > ''),
            pairs AS (
                SELECT l.claim_b AS new_id, l.claim_a AS old_id, l.score AS score,
                       l.state AS state
                FROM decided d JOIN claim_links l ON l.claim_a = d.id
                WHERE l.state != ? AND l.relation = 'same'
                UNION ALL
                SELECT l.claim_a, l.claim_b, l.score, l.state
                FROM decided d JOIN claim_links l ON l.claim_b = d.id
                WHERE l.state != ? AND l.relation = 'same'
            ),
            best AS (
                SELECT p.new_id, p.old_id, MAX(p.score) AS score, p.state
                FROM pairs p JOIN claims c ON c.id = p.new_id
                WHERE c.is_claim = 1 AND c.status IN (?, ?)
                GROUP BY p.new_id
            )
            SELECT {columns}, {earlier}, b.score AS link_score, b.state AS link_state,
                   a.title AS article_title, a.imported_at AS imported_at,
                   ea.title AS earlier_title
            FROM best b
            JOIN claims c ON c.id = b.new_id JOIN articles a ON a.id = c.article_id
            JOIN claims e ON e.id = b.old_id JOIN articles ea ON ea.id = e.article_id
            WHERE e.verdict > ''
            ORDER BY b.score DESC, a.imported_at DESC, c.article_id DESC, c.position
            LIMIT ?
        """
        params = [
            REJECTED,
            REJECTED,
            UNDECIDED,
            CHECKING,
            limit,
        ]
        with self.store.reader() as view:
            rows = list(query(view.conn, sql, params))
        found = []
        for row in rows:
            old = {key[2:]: value for key, value in row.items() if key.startswith("e_")}
            found.append(
                NewRepeat(
                    claim=_claim(row),
                    article_title=row["article_title"] or "",
                    imported_at=row["imported_at"] or "",
                    earlier=_claim(old),
                    earlier_title=row["earlier_title"] or "",
                    score=float(row["link_score"] or 0.0),
                    suggested=row["link_state"] == SUGGESTED,
                )
            )
        return found
