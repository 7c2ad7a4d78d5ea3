"""The workspace: the only code that speaks SQL about articles, claims, events and UI state.

One connection is shared by the UI thread and worker threads, so every public method holds
`lock`. Writes that belong together run in one `writing()` transaction.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from triage.models import (
    CHECKING,
    DECIDED,
    DISMISSED,
    STATUSES,
    UNDECIDED,
    Article,
    ArticleSummary,
    Change,
    Claim,
    Event,
    Sentence,
    TriageError,
    WorkspaceError,
)
from triage.store import events as event_log
from triage.store import search as search_index
from triage.store.schema import (
    APPLICATION,
    MIGRATIONS_TABLE,
    applied_migrations,
    known_migrations,
    migrations,
)

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_S = 5.0
WAL_CHECKPOINT_PAGES = 4_000
CLAIM_COLUMNS = (
    "id, article_id, position, start, end, text, score, kind, speaker, is_claim, "
    "status, verdict, note, updated_at"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _claim(row: dict[str, Any]) -> Claim:
    return Claim(
        id=row["id"],
        article_id=row["article_id"],
        position=row["position"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        score=row["score"] or 0.0,
        kind=row["kind"] or "other",
        speaker=row["speaker"] or "",
        is_claim=bool(row["is_claim"]),
        status=row["status"],
        verdict=row["verdict"],
        note=row["note"] or "",
        updated_at=row["updated_at"] or "",
    )


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        outlet=row["outlet"] or "",
        url=row["url"] or "",
        published=row["published"] or "",
        source=row["source"] or "",
    )


SQLITE_MAGIC = b"SQLite format 3\x00"


def damaged(path: Path | str) -> str:
    return f"{path}: damaged; restore from backup"


def _is_sqlite_file(path: Path | str) -> bool:
    """The file starts with SQLite's header (or a truncated piece of it): a database, maybe broken."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return bool(head) and SQLITE_MAGIC.startswith(head)


def describe_sqlite_error(path: Path | str, error: sqlite3.Error) -> str:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return f"{path}: workspace is read-only (check the file's permissions)"
    if "locked" in message or "busy" in message:
        return f"{path}: workspace is locked by another program (try again in a moment)"
    if "full" in message:
        return f"{path}: the disk is full (free some space and try again)"
    if "malformed" in message or "corrupt" in message:
        return damaged(path)
    if "not a database" in message:
        if str(path) != ":memory:" and _is_sqlite_file(path):
            return damaged(path)
        return f"{path}: not a triage workspace (the file is not an SQLite database)"
    if "unable to open" in message:
        return f"{path}: cannot open the workspace (does its folder exist and is it writable?)"
    return f"{path}: database error: {message}"


def _no_workspace(path: Path) -> bool:
    """Nothing there yet: no file, or an empty one with no write-ahead log beside it."""
    if not path.exists():
        return True
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0)


def _retry_busy(step: Callable[[], object]) -> None:
    """Run a step of opening, again while another session holds the lock. SQLite fails at once,
    without waiting out the busy timeout, in a few cases that creating a workspace meets: changing
    the journal mode, recovering a WAL, upgrading a read transaction to a write."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or time.monotonic() > deadline:
                raise
        time.sleep(0.02)


P = ParamSpec("P")
R = TypeVar("R")


def _workspace_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite failures into one line naming the workspace; the transaction is rolled back."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            store = args[0]
            raise WorkspaceError(describe_sqlite_error(store.path, error)) from error  # type: ignore[attr-defined]

    return wrapper


READER_POOL = 4  # idle read-only connections kept for worker threads
CHUNK = 500  # ids bound in one statement: well under SQLite's bound-parameter limit


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """`items` in slices of `size`, for statements that bind one parameter per item."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def query(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()
) -> Iterator[dict[str, Any]]:
    """Rows as dicts keyed by column, as sqlite-utils' `query` gives them (see `Store.db`)."""
    cursor = conn.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row))


VALUES_ROWS = 128  # rows in one multi-row INSERT: 13 columns stay far under the parameter limit


def insert_rows(conn: sqlite3.Connection, head: str, rows: Sequence[Sequence[Any]]) -> None:
    """`head` (an INSERT up to its VALUES keyword) for every row, as multi-row statements: a
    statement per row cost more in calls (bind, step, reset) than in writing the rows. The rows
    go in chunks of VALUES_ROWS and then of falling powers of two, so an article of any length
    reuses a few cached statements instead of preparing one of its own length."""
    if not rows:
        return
    one = "(" + ",".join("?" * len(rows[0])) + ")"
    start, total = 0, len(rows)
    while start < total:
        left = total - start
        size = VALUES_ROWS if left >= VALUES_ROWS else 1 << (left.bit_length() - 1)
        chunk = rows[start : start + size]
        conn.execute(
            f"{head} VALUES {','.join([one] * size)}",
            [value for row in chunk for value in row],
        )
        start += size


class Store:
    """A triage workspace in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str, user: str) -> None:
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.path = Path(path) if str(path) != ":memory:" else path
        self.user = user
        self.lock = threading.RLock()
        self._linking: dict[int, int] = {}  # thread -> article whose mark its next commit clears
        self._checked = threading.Event()  # the damage check has finished (see _start_check)
        self._checked.set()
        self._damage: str | None = None
        self._check_conn: sqlite3.Connection | None = None
        self._readers: list[Store] = []  # idle read-only views, handed out by reader()
        self._readers_lock = threading.Lock()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, made on first use: it creates and migrates the
        schema. Reads and writes are plain SQL on `conn`, so opening an up-to-date workspace and
        working in it never import sqlite-utils, which with numpy and dateutil costs ~0.15 s:
        more than all of `triage --help` (`triage match`), and the app's first screen sooner."""
        if self._db is None:
            import sqlite_utils  # outside the lock: other threads read meanwhile

            with self.lock:
                if self._db is None:
                    self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        user: str = "triage",
        create: bool = True,
        wait_for_check: bool = True,
        check: bool = True,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Store:
        """Open a workspace, migrating it to the current schema. With create (the default) a
        missing workspace and its folder are made; reading commands pass create=False so that a
        mistyped path creates nothing.

        The file is checked for damage (PRAGMA quick_check) on a second connection in a thread;
        nothing is written before it passes. With wait_for_check (the default) a damaged file
        raises here; without it reads start at once and the first write waits for the verdict
        (the app: the check, 0.15-0.3 s for 100k claims, runs while the screen is built).
        check=False skips it, for a caller that has just checked the same file. `on_upgrade` is
        called before an existing workspace is migrated (a new search index takes seconds per
        100k claims), so a command can say why it pauses."""
        if str(path) != ":memory:":
            path = Path(path)
            if path.is_dir():
                raise TriageError(f"{path}: is a folder, not a workspace file")
            if not create and _no_workspace(path):
                raise WorkspaceError(f"no workspace at {path}")
            if not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
        conn: sqlite3.Connection | None = None
        store: Store | None = None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            store = cls(conn, path, user)
            if str(path) != ":memory:" and check:
                store._start_check()
            if wait_for_check:
                store.wait_for_check()
            store._prepare(on_upgrade)
        except BaseException as error:
            if store is not None:
                store.close()
            elif conn is not None:
                conn.close()
            if isinstance(error, sqlite3.Error):
                raise WorkspaceError(describe_sqlite_error(path, error)) from error
            raise
        return store

    def _prepare(self, on_upgrade: Callable[[], None] | None = None) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it (it loads later)
        on_disk = str(self.path) != ":memory:"
        pending = self._inspect()  # refuse another program's database before changing anything
        if on_disk and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.wait_for_check()  # never write into a damaged file
            _retry_busy(self.db.enable_wal)
        # In WAL mode NORMAL keeps every commit across a killed process or terminal (the commit
        # is in the WAL file before the call returns); only a power cut or kernel crash can lose
        # the last commits. FULL adds an fsync per keystroke, 4-20 ms: over a key's frame budget.
        conn.execute("PRAGMA synchronous = NORMAL")
        # A checkpoint (copy the WAL into the database, two fsyncs) every 16 MiB of WAL instead of
        # SQLite's 4 MiB: an import rewrites the same index pages article after article, and each
        # checkpoint copies a page once however often it changed. Keystrokes write a page or two,
        # so they almost never pay for one. A fifth less commit time per imported article.
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        if pending:
            self.wait_for_check()
            if on_upgrade is not None and "meta" in self._table_names():
                on_upgrade()
            _retry_busy(self._migrate)

    def _start_check(self) -> None:
        """PRAGMA quick_check (every page and b-tree, not the index contents) in a thread: SQLite
        releases the GIL while it reads, so the check overlaps whatever the caller does next."""
        assert isinstance(self.path, Path)
        # Read-only: were it the last connection to close, a writable one would checkpoint the
        # WAL into the file it has just found damaged.
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_S, check_same_thread=False)  # fmt: skip
        self._check_conn = conn
        self._checked.clear()
        threading.Thread(
            target=self._run_check, args=(conn,), name="triage-quick-check", daemon=True
        ).start()

    def _run_check(self, conn: sqlite3.Connection) -> None:
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
            if rows != [("ok",)]:
                self._damage = damaged(self.path)
        except sqlite3.Error as error:
            message = describe_sqlite_error(self.path, error)
            if message.startswith(damaged(self.path)):
                self._damage = message
            # Anything else (interrupted by close(), a lock, not a database at all) is for the
            # main connection to meet and report.
        finally:
            conn.close()
            self._checked.set()

    def wait_for_check(self) -> None:
        """Block until the damage check has finished; WorkspaceError if the file is damaged."""
        if damage := self.damage():
            raise WorkspaceError(damage)

    def damage(self) -> str | None:
        """What the damage check found wrong, once it has finished; None for an intact file. A
        command that read before the check finished names the damage, not what the read met."""
        self._checked.wait()
        return self._damage

    def _table_names(self) -> set[str]:
        return {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }

    def _inspect(self) -> bool:
        """Raise unless the file is a triage workspace or still empty; True if it needs migrating.
        Plain SQL: an up-to-date workspace opens without loading sqlite-utils (see `db`)."""
        tables = self._table_names()
        if "meta" not in tables:
            if tables - {MIGRATIONS_TABLE}:
                raise WorkspaceError(f"{self.path}: not a triage workspace (it holds other tables)")
            if MIGRATIONS_TABLE in tables and applied_migrations(self.conn):
                raise WorkspaceError(damaged(self.path) + " (its table 'meta' is missing)")
            return True  # new, or its creation stopped before the first migration committed
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if not row or row[0] != APPLICATION:
            raise WorkspaceError(f"{self.path}: not a triage workspace")
        if MIGRATIONS_TABLE not in tables:
            raise WorkspaceError(
                damaged(self.path)
                + f" (its record of schema versions, table {MIGRATIONS_TABLE}, is missing)"
            )
        applied = set(applied_migrations(self.conn))
        newer = applied - known_migrations()
        if newer:
            raise WorkspaceError(
                f"{self.path}: written by a newer triage (schema {sorted(newer)[-1]}); "
                "upgrade triage to open it"
            )
        return bool(known_migrations() - applied)

    def _migrate(self) -> None:
        """Create or upgrade the schema in one IMMEDIATE transaction: sessions opening a new
        workspace at the same moment queue on the write lock, and the later ones find the work
        done (a read-then-write check would let two of them create the same tables)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if self._inspect():
                migrations().apply(db)
        except BaseException:
            db.conn.rollback()
            raise
        db.execute("COMMIT")

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only view of the workspace on a connection of its own, for a worker thread:
        WAL lets it read while the writer commits, so a slow read never holds `lock` and a
        keystroke never waits for it. Connections are pooled (opening one and reading the schema
        costs about a millisecond). An in-memory workspace has one connection: itself."""
        if not isinstance(self.path, Path):
            with self.lock:
                yield self
            return
        with self._readers_lock:
            view = self._readers.pop() if self._readers else None
        if view is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            view = Store(conn, self.path, self.user)
        try:
            yield view
        finally:
            with self._readers_lock:
                if len(self._readers) < READER_POOL:
                    self._readers.append(view)
                    view = None
            if view is not None:
                view.conn.close()

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[Store]:
        """The workspace on a second writable connection, for a long job on a worker thread (an
        in-app import): its transactions queue in SQLite, not on `lock`, so a keystroke's write
        waits at most for one of them to commit, and other sessions see its commits as they land.
        An in-memory workspace has one connection: itself."""
        if not isinstance(self.path, Path):
            yield self
            return
        other = Store.open(self.path, self.user, create=False, check=False)
        try:
            yield other
        finally:
            other.close()

    def close(self) -> None:
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for view in readers:
            view.conn.close()
        if self._check_conn is not None and not self._checked.is_set():
            with contextlib.suppress(sqlite3.ProgrammingError):  # it closed in between
                self._check_conn.interrupt()
        with self.lock:
            if not (self._damage and isinstance(self.path, Path)):
                self.conn.close()
                return
            # The last connection to close copies the WAL into the database file and deletes it:
            # not into a damaged file. A read-only connection open meanwhile stops that (SQLite
            # checkpoints only when it gets the file to itself), and cannot checkpoint itself.
            guard = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                with contextlib.suppress(sqlite3.Error):
                    guard.execute("PRAGMA schema_version").fetchone()  # joins the WAL readers
                self.conn.close()
            finally:
                guard.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """Lock, then one write transaction, taken IMMEDIATE so two sessions queue on the busy
        timeout instead of failing: a deferred read-then-write transaction gets SQLITE_BUSY at
        once when another connection committed in between. Nested use becomes a savepoint.
        Failing to begin or commit raises WorkspaceError naming the workspace. Writes are plain
        SQL on the connection: sqlite-utils is for creating and migrating the schema."""
        self.wait_for_check()  # outside the lock: readers on other threads go on meanwhile
        with self.lock:
            if self.conn.in_transaction:
                with self._savepoint():
                    yield self.conn
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise WorkspaceError(describe_sqlite_error(self.path, error)) from error
            try:
                yield self.conn
                linked = self._linking.pop(threading.get_ident(), None)
                if linked is not None:  # see linking(): cleared in the linker's own commit
                    self.conn.execute(
                        "DELETE FROM unlinked_articles WHERE article_id = ?", [linked]
                    )
                self.conn.execute("COMMIT")
            except BaseException as error:
                self.conn.rollback()
                if isinstance(error, sqlite3.Error):
                    raise WorkspaceError(describe_sqlite_error(self.path, error)) from error
                raise

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A nested write: undone alone if it fails, committed with the outer transaction."""
        self.conn.execute("SAVEPOINT nested_write")
        try:
            yield
        except BaseException:
            # An error that ended the whole transaction took the savepoint with it.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO SAVEPOINT nested_write")
                self.conn.execute("RELEASE SAVEPOINT nested_write")
            raise
        self.conn.execute("RELEASE SAVEPOINT nested_write")

    # -- backups -----------------------------------------------------------------------------

    def backup(self, target: Path | None = None) -> Path:
        """Copy the workspace with SQLite's online backup API: one read transaction, so the copy is
        the workspace as of one commit while other sessions keep reading and writing (WAL). The
        copy is a single self-contained file (rollback journal), written under a temporary name
        and renamed, so a file under the final name is always complete. Returns where it went.

        target: a file, or a folder for the default name; by default beside the workspace,
        `<name>-backup-<local date and time>.db`."""
        if not isinstance(self.path, Path):
            raise TriageError("an in-memory workspace cannot be backed up")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-backup-{stamp}{self.path.suffix or '.db'}"
        target = self.path.with_name(name) if target is None else target
        if target.is_dir():
            target = target / name
        if target.exists():
            raise TriageError(f"{target}: already exists (choose another name or remove it)")
        if not target.parent.is_dir():
            raise TriageError(f"{target.parent}: no such folder")
        self.wait_for_check()  # a damaged workspace is refused, not copied
        partial = target.with_name(target.name + ".partial")
        try:
            copy = sqlite3.connect(str(partial))
            try:
                with self.lock:
                    self.conn.backup(copy)  # all pages in one step: one consistent snapshot
                copy.execute("PRAGMA journal_mode = DELETE")
                intact = copy.execute("PRAGMA quick_check(1)").fetchall() == [("ok",)]
            finally:
                copy.close()
            if not intact:
                raise TriageError(f"{target}: the copy failed its check; nothing was kept")
            partial.replace(target)
        except sqlite3.Error as error:
            partial.unlink(missing_ok=True)
            raise WorkspaceError(describe_sqlite_error(target, error)) from error
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise TriageError(f"{target}: cannot write ({error.strerror or error})") from error
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target

    # -- articles waiting to be linked -------------------------------------------------------

    @contextlib.contextmanager
    def linking(self, article_id: int) -> Iterator[None]:
        """Around linking one article (stored with link_pending=True): its mark is cleared in
        the first commit this thread makes inside the block, which is the linker's commit of the
        article's index and links, so a kill or error leaves either both or neither. Without a
        commit (an article with no claims) the mark is cleared after the block."""
        me = threading.get_ident()
        self._linking[me] = article_id
        try:
            yield
        finally:
            pending = self._linking.pop(me, None)
        if pending is not None:
            self.mark_linked(article_id)

    @_workspace_errors
    def mark_linked(self, article_id: int) -> None:
        with self.writing() as db:
            db.execute("DELETE FROM unlinked_articles WHERE article_id = ?", [article_id])

    def unlinked_article_ids(self) -> list[int]:
        """Articles stored by an import whose linking never finished (killed, disk full, lock)."""
        with self.lock:
            return [row[0] for row in self.conn.execute(
                "SELECT article_id FROM unlinked_articles ORDER BY article_id"
            )]  # fmt: skip

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live refresh."""
        with self.lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- articles ----------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        with self.lock:
            row = self.conn.execute(
                "SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]
            ).fetchone()
            return row is not None

    @_workspace_errors
    def add_article(
        self, article: Article, sentences: Sequence[Sentence], link_pending: bool = False
    ) -> int | None:
        """Store an article and its sentences in one transaction; None if already stored.
        With link_pending the article is marked unlinked in the same transaction (see linking())."""
        with self.writing():
            if self.has_article(article.content_hash):
                return None
            stamp = now()
            # Plain statements: sqlite-utils' insert helpers look the table up on every call.
            conn = self.conn
            article_id = conn.execute(
                "INSERT INTO articles (title, outlet, url, published, text, content_hash, source, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article.title, article.outlet, article.url, article.published, article.text,
                 article.content_hash, article.source, stamp),
            ).lastrowid  # fmt: skip
            assert article_id is not None  # set by every INSERT
            insert_rows(
                conn,
                "INSERT INTO claims (article_id, position, start, end, text, score, kind, speaker, "
                "is_claim, status, verdict, note, updated_at)",
                [
                    (article_id, position, sentence.start, sentence.end, sentence.text,
                     round(sentence.score, 4), sentence.kind, sentence.speaker, int(sentence.claim),
                     UNDECIDED, None, "", stamp)
                    for position, sentence in enumerate(sentences)
                ],
            )  # fmt: skip
            search_index.index_article(conn, article_id)
            if link_pending:
                conn.execute("INSERT INTO unlinked_articles (article_id) VALUES (?)", (article_id,))
            assert article_id is not None  # sqlite3 sets lastrowid after every INSERT
            return article_id

    def article(self, article_id: int) -> Article:
        with self.lock:
            rows = list(query(self.conn, "SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise TriageError(f"no article with id {article_id}")
        return _article(rows[0])

    def article_ids(self) -> list[int]:
        with self.lock:
            return [row[0] for row in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def articles(self) -> list[ArticleSummary]:
        """Every article with its claim progress, in import order."""
        sql = """
            SELECT a.id, a.title, a.outlet, a.published,
                   COUNT(c.id) AS claims,
                   COALESCE(SUM(c.status IN (?, ?)), 0) AS decided
            FROM articles a LEFT JOIN claims c ON c.article_id = a.id AND c.is_claim = 1
            GROUP BY a.id ORDER BY a.id
        """
        with self.lock:
            rows = list(query(self.conn, sql, [DECIDED, DISMISSED]))
        return [ArticleSummary(**row) for row in rows]

    def first_article_id(self) -> int | None:
        """The first article in import order (None for an empty workspace)."""
        with self.lock:
            row = self.conn.execute("SELECT MIN(id) FROM articles").fetchone()
        return row[0] if row else None

    def has_article_id(self, article_id: int) -> bool:
        with self.lock:
            row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def article_count(self) -> int:
        with self.lock:
            return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    # -- claims ------------------------------------------------------------------------------

    def claims(self, article_id: int, include_sentences: bool = False) -> list[Claim]:
        """An article's claims in reading order; with include_sentences, every sentence."""
        where = "article_id = ?" + ("" if include_sentences else " AND is_claim = 1")
        with self.lock:
            rows = query(
                self.conn,
                f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {where} ORDER BY position",
                [article_id],
            )
            return [_claim(row) for row in rows]

    def claim(self, claim_id: int) -> Claim:
        with self.lock:
            rows = list(
                query(self.conn, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?", [claim_id])
            )
        if not rows:
            raise TriageError(f"no claim with id {claim_id}")
        return _claim(rows[0])

    def claims_by_id(self, claim_ids: Iterable[int]) -> list[Claim]:
        ids = list(claim_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = query(
                self.conn,
                f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id IN ({marks}) ORDER BY id",
                ids,
            )
            return [_claim(row) for row in rows]

    @_workspace_errors
    def search(self, query: str, limit: int = 200) -> search_index.SearchResult:
        """Sentences of every article matching `query` (words in any order, "phrases"), with
        their article's title: the best `limit`, claims first (triage/store/search.py)."""
        with self.reader() as view:
            return search_index.search(view.conn, query, limit)

    def progress(self) -> tuple[int, int]:
        """(decided, total) claims over the whole workspace."""
        with self.lock:
            row = self.conn.execute(
                "SELECT COALESCE(SUM(status IN (?, ?)), 0), COUNT(*) FROM claims WHERE is_claim = 1",
                [DECIDED, DISMISSED],
            ).fetchone()
        return int(row[0]), int(row[1])

    def iter_claims(
        self, status: str | None = None, verdict: str | None = None, verdict_only: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Stream claims joined with their article, for export. Constant memory."""
        clauses, params = ["c.is_claim = 1"], []
        if status:
            clauses.append("c.status = ?")
            params.append(status)
        if verdict:
            clauses.append("c.verdict = ? COLLATE NOCASE")
            params.append(verdict)
        if verdict_only:
            clauses.append("c.verdict IS NOT NULL AND c.verdict != ''")
        sql = f"""
            SELECT c.id, c.article_id, c.position, c.start, c.end, c.text, c.score, c.kind,
                   c.speaker, c.status, c.verdict, c.note, c.updated_at,
                   a.title AS article_title, a.url AS article_url, a.outlet AS article_outlet,
                   a.published AS article_published
            FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE {" AND ".join(clauses)} ORDER BY c.article_id, c.position
        """
        # A reader connection, so a long export never holds the writer's lock between rows.
        with self.reader() as view:
            yield from query(view.conn, sql, params)

    def stats(self) -> dict[str, Any]:
        with self.lock:
            articles = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            claims_sql = "SELECT COUNT(*) FROM claims WHERE is_claim = 1"
            claims = self.conn.execute(claims_sql).fetchone()[0]
            by_status = {status: 0 for status in STATUSES}
            by_status.update(
                dict(
                    self.conn.execute(
                        "SELECT status, COUNT(*) FROM claims WHERE is_claim = 1 GROUP BY status"
                    ).fetchall()
                )
            )
            by_verdict = dict(
                self.conn.execute(
                    "SELECT verdict, COUNT(*) FROM claims WHERE is_claim = 1 "
                    "AND verdict IS NOT NULL GROUP BY verdict ORDER BY verdict"
                ).fetchall()
            )
        per_article = [
            {"id": a.id, "title": a.title, "claims": a.claims, "decided": a.decided}
            for a in self.articles()
        ]
        return {
            "articles": articles,
            "claims": claims,
            "by_status": by_status,
            "by_verdict": by_verdict,
            "per_article": per_article,
        }

    # -- edits, logged as events ---------------------------------------------------------------

    @_workspace_errors
    def apply(self, changes: Sequence[Change]) -> list[int]:
        """Apply one user action (possibly many claims) atomically; returns the claims touched."""
        with self.writing():
            return event_log.record_action(self.conn, self.user, changes, now())

    def set_verdict(self, claim_ids: Iterable[int], verdict: str | None) -> list[int]:
        status = DECIDED if verdict else UNDECIDED
        changes: list[Change] = []
        for claim_id in claim_ids:
            changes += [Change(claim_id, "verdict", verdict), Change(claim_id, "status", status)]
        return self.apply(changes)

    def set_status(self, claim_ids: Iterable[int], status: str) -> list[int]:
        if status not in STATUSES:
            raise TriageError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        changes: list[Change] = []
        for claim_id in claim_ids:
            changes.append(Change(claim_id, "status", status))
            if status in (UNDECIDED, CHECKING, DISMISSED):
                changes.append(Change(claim_id, "verdict", None))
        return self.apply(changes)

    def set_note(self, claim_id: int, note: str) -> list[int]:
        return self.apply([Change(claim_id, "note", note)])

    def set_text(self, claim_id: int, text: str) -> list[int]:
        return self.apply([Change(claim_id, "text", text)])

    def promote(self, claim_id: int) -> list[int]:
        return self.apply([Change(claim_id, "is_claim", 1)])

    def demote(self, claim_id: int) -> list[int]:
        return self.apply([Change(claim_id, "is_claim", 0)])

    @_workspace_errors
    def undo(self) -> list[int]:
        """Undo this user's latest action still in effect; [] when there is none."""
        with self.writing():
            return event_log.undo(self.conn, self.user, now())

    @_workspace_errors
    def redo(self) -> list[int]:
        with self.writing():
            return event_log.redo(self.conn, self.user, now())

    def events(self, claim_id: int | None = None) -> list[Event]:
        with self.lock:
            return event_log.events(self.conn, claim_id)

    # -- UI state (resume where the journalist left off) -------------------------------------------

    def get_state(self, key: str, default: str | None = None) -> str | None:
        with self.lock:
            row = self.conn.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    @_workspace_errors
    def set_states(self, values: dict[str, str]) -> None:
        """Several state keys in one commit (the resume point is saved often, in the background)."""
        with self.writing():
            self.conn.executemany(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    @_workspace_errors
    def set_state(self, key: str, value: str) -> None:
        self.set_states({key: value})

    # -- the workspace queue: undecided claims of every article, best first --------------------
    # Its reads scan every claim (100-300 ms at 100k claims), so they run on a reader(): holding
    # `lock` that long would stall the keystrokes that write meanwhile.

    @_workspace_errors
    def undecided_count(self) -> int:
        """How many claims in the whole workspace wait for a decision."""
        with self.reader() as view:
            row = view.conn.execute(
                "SELECT COUNT(*) FROM claims WHERE is_claim = 1 AND status = ?", [UNDECIDED]
            ).fetchone()
        return int(row[0])

    @_workspace_errors
    def undecided_claims(self, limit: int, after: Claim | None = None) -> list[tuple[Claim, str]]:
        """Undecided claims of every article with their article's title, best score first
        (ties in reading order), `limit` at a time: pass the last claim of a page as `after`
        for the next one (keyset paging, so decisions made meanwhile never shift a page)."""
        where = "c.is_claim = 1 AND c.status = ?"
        params: list[object] = [UNDECIDED]
        if after is not None:
            where += " AND (c.score < ? OR (c.score = ? AND (c.article_id, c.position) > (?, ?)))"
            params += [after.score, after.score, after.article_id, after.position]
        columns = ", ".join(f"c.{name.strip()}" for name in CLAIM_COLUMNS.split(","))
        sql = (
            f"SELECT {columns}, a.title AS article_title FROM claims c "
            f"JOIN articles a ON a.id = c.article_id WHERE {where} "
            "ORDER BY c.score DESC, c.article_id, c.position LIMIT ?"
        )
        with self.reader() as view:
            rows = list(query(view.conn, sql, [*params, limit]))
        return [(_claim(row), row["article_title"]) for row in rows]
