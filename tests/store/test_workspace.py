from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from triage.models import CHECKING, DECIDED, DISMISSED, UNDECIDED, Article, Sentence, WorkspaceError
from triage.store.workspace import Store

TEXT = "The city spent $4 million on roads. Nobody noticed. The mayor said it was 20% less."


def sentences(text: str = TEXT) -> list[Sentence]:
    out, start = [], 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        begin = text.index(part, start)
        out.append(
            Sentence(begin, begin + len(part), part, 0.8, part != "Nobody noticed.", "quantity")
        )
        start = begin + len(part)
    return out


def add(store: Store, text: str = TEXT, title: str = "Roads") -> int:
    article_id = store.add_article(Article(title=title, text=text), sentences(text))
    assert article_id is not None
    return article_id


def test_spans_point_into_the_article_text(store: Store) -> None:
    article_id = add(store)
    article = store.article(article_id)
    for claim in store.claims(article_id, include_sentences=True):
        assert article.text[claim.start : claim.end] == claim.text


def test_only_claims_are_listed_but_every_sentence_is_kept(store: Store) -> None:
    article_id = add(store)
    assert [c.text for c in store.claims(article_id)] == [
        "The city spent $4 million on roads.",
        "The mayor said it was 20% less.",
    ]
    assert len(store.claims(article_id, include_sentences=True)) == 3


def test_same_text_twice_is_a_duplicate(store: Store) -> None:
    add(store)
    again = store.add_article(Article(title="Other title", text="  " + TEXT + "\n"), sentences())
    assert again is None
    assert store.article_count() == 1


def test_verdict_is_logged_with_user_old_and_new(store: Store) -> None:
    claim = store.claims(add(store))[0]
    store.set_verdict([claim.id], "False")
    stored = store.claim(claim.id)
    assert (stored.verdict, stored.status) == ("False", DECIDED)
    logged = {(e.field, e.old, e.new, e.user) for e in store.events(claim.id)}
    assert ("verdict", None, "False", "alice") in logged
    assert ("status", UNDECIDED, DECIDED, "alice") in logged


def test_undo_and_redo_survive_reopening(db_path: Path) -> None:
    store = Store.open(db_path, user="alice")
    claim = store.claims(add(store))[0]
    store.set_verdict([claim.id], "True")
    store.set_note(claim.id, "source: budget report")
    store.close()

    store = Store.open(db_path, user="alice")
    assert store.undo() == [claim.id]
    assert store.claim(claim.id).note == ""
    assert store.undo() == [claim.id]
    assert store.claim(claim.id).verdict is None
    assert store.undo() == []
    store.close()

    store = Store.open(db_path, user="alice")
    store.redo()
    assert store.claim(claim.id).verdict == "True"
    store.redo()
    assert store.claim(claim.id).note == "source: budget report"
    assert store.redo() == []
    store.close()


def test_a_new_edit_clears_the_redo_stack(store: Store) -> None:
    claim = store.claims(add(store))[0]
    store.set_verdict([claim.id], "True")
    store.undo()
    store.set_status([claim.id], DISMISSED)
    assert store.redo() == []
    assert store.claim(claim.id).status == DISMISSED


def test_undo_is_per_user(db_path: Path) -> None:
    alice = Store.open(db_path, user="alice")
    claim = alice.claims(add(alice))[0]
    alice.set_verdict([claim.id], "True")
    bob = Store.open(db_path, user="bob")
    assert bob.undo() == []
    assert bob.claim(claim.id).verdict == "True"
    alice.close()
    bob.close()


def test_bulk_verdict_is_one_undo_step(store: Store) -> None:
    ids = [c.id for c in store.claims(add(store))]
    store.set_verdict(ids, "Mixed")
    store.undo()
    assert [store.claim(i).verdict for i in ids] == [None, None]


def test_promote_and_demote_are_undoable(store: Store) -> None:
    article_id = add(store)
    sentence = store.claims(article_id, include_sentences=True)[1]
    store.promote(sentence.id)
    assert len(store.claims(article_id)) == 3
    store.undo()
    assert len(store.claims(article_id)) == 2


def test_migrations_applied_once_and_recorded(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    rows = sqlite3.connect(db_path).execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert ("m001_core",) in rows
    assert len(rows) == len(set(rows))


def test_wal_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not a database " * 100)
    with pytest.raises(WorkspaceError, match="not a triage workspace"):
        Store.open(path)
    assert path.read_text().startswith("just some notes")


def test_another_apps_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE invoices (id INTEGER)").connection.commit()
    with pytest.raises(WorkspaceError, match="not a triage workspace"):
        Store.open(path)


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('triage', 'm999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="newer triage"):
        Store.open(db_path)


def test_read_only_workspace_fails_cleanly_and_keeps_data(db_path: Path) -> None:
    store = Store.open(db_path)
    claim = store.claims(add(store))[0]
    store.close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    read_only = Store(conn, db_path, "alice")
    with pytest.raises(WorkspaceError, match="read-only"):
        read_only.set_verdict([claim.id], "False")
    conn.close()
    assert Store.open(db_path).claim(claim.id).verdict is None


def test_locked_workspace_fails_cleanly(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("triage.store.workspace.BUSY_TIMEOUT_S", 0.1)
    store = Store.open(db_path)
    store.db.execute("PRAGMA busy_timeout = 100")
    locker = sqlite3.connect(db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceError, match="locked"):
            add(store)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert store.article_count() == 0


def test_writes_from_another_connection_are_seen(db_path: Path) -> None:
    first = Store.open(db_path, user="alice")
    second = Store.open(db_path, user="bob")
    claim = first.claims(add(first))[0]
    before = second.data_version()
    first.set_verdict([claim.id], "Misleading")
    assert second.data_version() != before
    assert second.claim(claim.id).verdict == "Misleading"


def test_stats_count_by_status_verdict_and_article(store: Store) -> None:
    ids = [c.id for c in store.claims(add(store))]
    store.set_verdict([ids[0]], "False")
    stats = store.stats()
    assert stats["articles"] == 1 and stats["claims"] == 2
    assert stats["by_status"][DECIDED] == 1 and stats["by_status"][UNDECIDED] == 1
    assert stats["by_verdict"] == {"False": 1}
    assert stats["per_article"][0]["decided"] == 1


def test_two_sessions_writing_at_once_never_hit_locked(db_path: Path) -> None:
    import threading

    setup = Store.open(db_path, user="setup")
    ids = [c.id for c in setup.claims(add(setup))]
    setup.close()
    errors: list[Exception] = []

    def journalist(name: str, verdict: str) -> None:
        store = Store.open(db_path, user=name)
        try:
            for turn in range(40):
                store.claim(ids[0])  # a read first opens a snapshot: the classic upgrade trap
                store.set_verdict(ids, verdict)
                store.set_note(ids[0], f"{name} turn {turn}")
        except Exception as error:  # collected so the assertion shows it
            errors.append(error)
        finally:
            store.close()

    threads = [
        threading.Thread(target=journalist, args=(n, v))
        for n, v in (("alice", "True"), ("bob", "False"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = Store.open(db_path)
    notes = [e.new for e in check.events(ids[0]) if e.field == "note"]
    assert len(notes) == 80  # every write of both sessions landed


def test_term_index_of_an_older_workspace_is_migrated_without_loss(db_path: Path) -> None:
    # A workspace as written before m_links_003: rowid tables, the term index beside them.
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.executescript(
        """
        DROP TABLE claim_terms; DROP TABLE term_counts;
        CREATE TABLE claim_terms (term TEXT NOT NULL, claim_id INTEGER NOT NULL);
        CREATE INDEX idx_claim_terms_term ON claim_terms(term, claim_id);
        CREATE TABLE term_counts (term TEXT PRIMARY KEY, claims INTEGER);
        INSERT INTO claim_terms VALUES ('road', 2), ('road', 1), ('mayor', 1);
        INSERT INTO term_counts VALUES ('road', 2), ('mayor', 1);
        DELETE FROM _sqlite_migrations WHERE name = 'm_links_003';
        """
    )
    conn.commit()
    conn.close()
    store = Store.open(db_path)
    rows = store.db.execute(
        "SELECT term, claim_id FROM claim_terms ORDER BY term, claim_id"
    ).fetchall()
    assert rows == [("mayor", 1), ("road", 1), ("road", 2)]
    assert dict(store.db.execute("SELECT term, claims FROM term_counts").fetchall()) == {
        "road": 2,
        "mayor": 1,
    }
    schema = " ".join(
        row[0]
        for row in store.db.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name NOT LIKE 'sentence_search%'"
        )
    )
    assert schema.count("WITHOUT ROWID") == 2
    assert "idx_claim_terms_term" not in schema
    store.close()


def test_working_in_a_workspace_leaves_sqlite_utils_unloaded(db_path: Path) -> None:
    """Reads and writes are plain SQL: sqlite-utils (numpy and dateutil with it, ~0.15 s, more
    than `triage --help`) loads only to create or migrate a workspace, never when the app opens
    one, decides a claim or undoes it, nor for `triage match`."""
    import subprocess
    import sys

    store = Store.open(db_path)
    article_id = add(store)
    store.close()
    script = f"""
import sys
from triage.store.workspace import Store
store = Store.open({str(db_path)!r})
first = store.first_article_id()
print(store.article(first).title, len(store.claims(first, include_sentences=True)),
      store.progress(), store.article_ids(), store.get_state("resume"), len(store.articles()))
print("sqlite_utils" in sys.modules)
store.set_state("resume", "1")
claim = store.claims(first)[0].id
store.set_verdict([claim], "False")
print(store.claim(claim).verdict, store.undo() == [claim], store.claim(claim).verdict)
print("sqlite_utils" in sys.modules, store.get_state("resume"))
store.close()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Roads 3 (0, 2) [{article_id}] None 1",
        "False",
        "False True None",
        "False 1",
    ]


def test_a_failed_nested_write_is_undone_alone_and_the_rest_commits(store: Store) -> None:
    first, second = (claim.id for claim in store.claims(add(store)))
    with store.writing():
        store.set_verdict([first], "False")  # a nested write: a savepoint inside this one
        with pytest.raises(RuntimeError), store.writing() as conn:
            conn.execute("UPDATE claims SET note = 'half-written' WHERE id = ?", [second])
            raise RuntimeError("stopped")
        store.set_status([second], CHECKING)
    assert store.claim(first).verdict == "False"
    assert (store.claim(second).note, store.claim(second).status) == ("", CHECKING)
