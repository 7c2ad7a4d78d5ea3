"""Workspace schema, evolved only by appending migrations (never edit one that has shipped)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION = "triage"
MIGRATION_SET = "triage"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records the migrations applied
_KNOWN: list[Callable[[sqlite_utils.Database], None]] = []


def migration(fn):
    """Register a migration under its function name; append new ones at the end of this file."""
    _KNOWN.append(fn)
    return fn


def known_migrations() -> frozenset[str]:
    return frozenset(fn.__name__ for fn in _KNOWN)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of this schema's migrations applied to a workspace, oldest first. Plain SQL, so that
    opening an up-to-date workspace need not load sqlite-utils."""
    return [row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )]  # fmt: skip


@functools.cache
def migrations() -> sqlite_utils.Migrations:
    """The migrations in sqlite-utils' runner, built on the first upgrade."""
    import sqlite_utils

    runner = sqlite_utils.Migrations(MIGRATION_SET)
    for fn in _KNOWN:
        runner(name=fn.__name__)(fn)
    return runner


@migration
def m001_core(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("meta").insert({"key": "application", "value": APPLICATION})
    db.table("articles").create(
        {
            "id": int,
            "title": str,
            "outlet": str,
            "url": str,
            "published": str,
            "text": str,
            "content_hash": str,
            "source": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"title", "text", "content_hash"},
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("claims").create(
        {
            "id": int,
            "article_id": int,
            "position": int,
            "start": int,
            "end": int,
            "text": str,
            "score": float,
            "kind": str,
            "speaker": str,
            "is_claim": int,
            "status": str,
            "verdict": str,
            "note": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "text", "status"},
        defaults={"status": "undecided", "note": "", "speaker": "", "kind": "other", "is_claim": 1},
    )
    db.table("claims").create_index(["article_id", "position"], unique=True)
    db.table("claims").create_index(["status"])
    db.table("claims").create_index(["verdict"])
    # Append-only: undo and redo are new rows, so history is never rewritten.
    db.table("events").create(
        {
            "id": int,
            "batch": int,
            "kind": str,
            "target": int,
            "at": str,
            "user": str,
            "claim_id": int,
            "field": str,
            "old": str,
            "new": str,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"batch", "kind", "at", "user", "claim_id", "field"},
    )
    db.table("events").create_index(["claim_id"])
    db.table("events").create_index(["user", "batch"])
    db.table("state").create({"key": str, "value": str}, pk="key")


@migration
def m_links_001(db: sqlite_utils.Database) -> None:
    """Repeated claims: the fact-check archive, claim links, archive matches, and the term index."""
    db.table("factchecks").create(
        {
            "id": str,
            "claim": str,
            "rating": str,
            "url": str,
            "date": str,
            "title": str,
            "author": str,
            "publisher": str,
            "source": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"claim"},
    )
    # One row per linked pair, claim_a < claim_b; rejected links stay so they are not re-suggested.
    db.table("claim_links").create(
        {
            "claim_a": int,
            "claim_b": int,
            "score": float,
            "state": str,
            "differing": str,
            "updated_at": str,
        },
        pk=("claim_a", "claim_b"),
        not_null={"score", "state"},
    )
    db.table("claim_links").create_index(["claim_b"])
    db.table("claim_matches").create(
        {"claim_id": int, "rank": int, "factcheck_id": str, "score": float},
        pk=("claim_id", "rank"),
        not_null={"factcheck_id", "score"},
    )
    # Inverted index of each claim's normalised terms: candidate retrieval without scanning claims.
    db.execute("CREATE TABLE claim_terms (term TEXT NOT NULL, claim_id INTEGER NOT NULL)")
    db.execute("CREATE INDEX idx_claim_terms_term ON claim_terms(term, claim_id)")
    db.table("term_counts").create({"term": str, "claims": int}, pk="term")


@migration
def m_links_002(db: sqlite_utils.Database) -> None:
    """Each claim's normalised text, kept so relinking need not normalise the workspace again."""
    db.table("claim_norms").create({"claim_id": int, "norm": str}, pk="claim_id")


@migration
def m_links_003(db: sqlite_utils.Database) -> None:
    """The term index as WITHOUT ROWID tables keyed by what is looked up: each table is its own
    index, so indexing an article's claims writes about half as many pages as a rowid table plus
    an index did (the commit of an article's links is mostly those pages)."""
    db.execute(
        "CREATE TABLE claim_terms_new (term TEXT NOT NULL, claim_id INTEGER NOT NULL, "
        "PRIMARY KEY (term, claim_id)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT OR IGNORE INTO claim_terms_new (term, claim_id) "
        "SELECT term, claim_id FROM claim_terms ORDER BY term, claim_id"
    )
    db.execute("DROP TABLE claim_terms")  # and its index idx_claim_terms_term
    db.execute("ALTER TABLE claim_terms_new RENAME TO claim_terms")
    db.execute("CREATE TABLE term_counts_new (term TEXT PRIMARY KEY, claims INTEGER) WITHOUT ROWID")
    db.execute("INSERT INTO term_counts_new (term, claims) SELECT term, claims FROM term_counts")
    db.execute("DROP TABLE term_counts")
    db.execute("ALTER TABLE term_counts_new RENAME TO term_counts")


@migration
def m_store_001_unlinked_articles(db: sqlite_utils.Database) -> None:
    """Articles an import stored but has not linked yet: the import that stores an article marks
    it, the commit of its links clears the mark, and the next import or app start links whatever
    is still marked (after a kill, a full disk or a lock between storing and linking). Articles
    stored before are not marked: a workspace from before linking existed would be linked one
    article at a time at start-up; `triage factchecks relink --reindex` does that in one pass."""
    db.execute("CREATE TABLE unlinked_articles (article_id INTEGER PRIMARY KEY)")


@migration
def m_workspace_001_event_log_records_removals(db: sqlite_utils.Database) -> None:
    """`triage articles rm` records each removed article in the event log (kind "remove",
    claim_id NULL): the log's claim_id loses its NOT NULL and its reference to claims, whose
    rows are gone by then. SQLite cannot drop a constraint, so the table is copied."""
    db.execute(
        "CREATE TABLE events_new (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, "
        "kind TEXT NOT NULL, target INTEGER, at TEXT NOT NULL, user TEXT NOT NULL, "
        "claim_id INTEGER, field TEXT NOT NULL, old TEXT, new TEXT)"
    )
    db.execute(
        "INSERT INTO events_new (id, batch, kind, target, at, user, claim_id, field, old, new) "
        "SELECT id, batch, kind, target, at, user, claim_id, field, old, new FROM events"
    )
    db.execute("DROP TABLE events")
    db.execute("ALTER TABLE events_new RENAME TO events")
    db.execute("CREATE INDEX idx_events_claim_id ON events(claim_id)")
    db.execute("CREATE INDEX idx_events_user_batch ON events(user, batch)")


@migration
def m_links_004(db: sqlite_utils.Database) -> None:
    """Links by meaning: a link's relation ("same", or "opposite" when one side negates the other),
    and for each indexed sentence a digest of its normalised text, the cluster member it joined
    when it is a copy (wire copy: copies are not indexed term by term, so they cost nothing later),
    and its embedding."""
    db.execute("ALTER TABLE claim_links ADD COLUMN relation TEXT NOT NULL DEFAULT 'same'")
    db.execute("ALTER TABLE claim_norms ADD COLUMN digest INTEGER")
    db.execute("ALTER TABLE claim_norms ADD COLUMN joined INTEGER")
    db.execute("CREATE INDEX idx_claim_norms_digest ON claim_norms(digest)")
    # The sentence's static embedding, 256 int8 (triage/link/linker.py packs it), so a candidate's
    # vector is read, not computed again, each time another article meets it.
    db.execute("ALTER TABLE claim_norms ADD COLUMN vector BLOB")


@migration
def m_archive_001(db: sqlite_utils.Database) -> None:
    """The fact-check archive's retrieval index, kept in the workspace so `triage match` and
    article imports open it instead of rebuilding it (triage/store/archive.py has the layout)."""
    db.execute(
        "CREATE TABLE archive_docs (doc INTEGER PRIMARY KEY, factcheck_id TEXT NOT NULL UNIQUE, "
        "norm TEXT NOT NULL, terms TEXT NOT NULL, checked TEXT NOT NULL DEFAULT '')"
    )
    # A rowid table, not WITHOUT ROWID: a common term's postings run to hundreds of kilobytes, and
    # SQLite advises WITHOUT ROWID only for rows well under a page.
    db.execute(
        "CREATE TABLE archive_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, postings BLOB NOT NULL)"
    )
    db.execute("CREATE TABLE archive_index_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # Whether the index is current is read from MAX(imported_at) on every open: keep it a lookup.
    db.execute("CREATE INDEX idx_factchecks_imported_at ON factchecks(imported_at)")


@migration
def m_search_001(db: sqlite_utils.Database) -> None:
    """Full-text search over every sentence (triage/store/search.py), filled from the sentences
    already stored: 1M claims' workspace of 1.5M sentences in about a minute, once."""
    from triage.store import search

    db.execute(search.CREATE)
    search.rebuild(db.conn)


@migration
def m_watch_001(db: sqlite_utils.Database) -> None:
    """`triage watch`: what it has seen, so a restart imports nothing twice. A feed entry is
    keyed by its id (else its link), a file by its path and a digest of its bytes (a changed file
    is new); `state` says what came of it (imported, duplicate, refused, failed: retried a few
    times). Each feed's ETag and Last-Modified are kept, so the first poll after a restart is a
    conditional request too."""
    db.execute(
        "CREATE TABLE watch_seen (kind TEXT NOT NULL, key TEXT NOT NULL, "
        "version TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', "
        "link TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, "
        "article_id INTEGER, attempts INTEGER NOT NULL DEFAULT 1, "
        "problem TEXT NOT NULL DEFAULT '', first_seen TEXT NOT NULL, updated_at TEXT NOT NULL, "
        "PRIMARY KEY (kind, key, version))"
    )
    db.execute(
        "CREATE TABLE watch_feeds (url TEXT PRIMARY KEY, etag TEXT NOT NULL DEFAULT '', "
        "modified TEXT NOT NULL DEFAULT '', checked_at TEXT NOT NULL DEFAULT '', "
        "failures INTEGER NOT NULL DEFAULT 0, problem TEXT NOT NULL DEFAULT '')"
    )


@migration
def m_links_005(db: sqlite_utils.Database) -> None:
    """Wire copies are found by digest among the sentences that are no copy themselves (linker:
    copies_of): an index of those alone, so a sentence repeated by hundreds of copies is one entry
    to read, not hundreds (the lookup grew with the workspace: 0.6 -> 1.7 ms an article over 1,500
    generated articles), and a copy costs no index entry when it is stored."""
    db.execute("DROP INDEX IF EXISTS idx_claim_norms_digest")
    db.execute(
        "CREATE INDEX idx_claim_norms_originals ON claim_norms(digest, claim_id) WHERE joined IS NULL"
    )
