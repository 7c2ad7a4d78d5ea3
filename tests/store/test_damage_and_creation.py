"""Item 8 of issue 13: damaged and half-made workspaces, and creating one from several processes."""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage.models import Article, Sentence, WorkspaceError
from triage.store.workspace import Store

SENTENCE = "The council spent {n} million euros on roads in 2023."


def _open_and_store(path: str, number: int, start, results) -> None:
    """One of several sessions creating the same new workspace at the same moment."""
    start.wait()
    try:
        store = Store.open(path, user=f"user{number}")
        text = SENTENCE.format(n=number + 2)
        store.add_article(Article(title=f"Roads {number}", text=text),
                          [Sentence(0, len(text), text, 0.9, True, "quantity")])  # fmt: skip
        store.close()
        results.put("ok")
    except Exception as error:
        results.put(f"{type(error).__name__}: {error}")


@pytest.mark.parametrize("sessions", [2, 6])
def test_sessions_creating_one_new_workspace_at_once_all_succeed(
    tmp_path: Path, sessions: int
) -> None:
    context = multiprocessing.get_context("fork")
    for attempt in range(4):
        path = str(tmp_path / f"new{attempt}" / "w.db")  # the folder is new too
        start, results = context.Barrier(sessions), context.Queue()
        workers = [context.Process(target=_open_and_store, args=(path, n, start, results))
                   for n in range(sessions)]  # fmt: skip
        for worker in workers:
            worker.start()
        outcomes = sorted(results.get(timeout=60) for _ in workers)
        for worker in workers:
            worker.join()
        assert outcomes == ["ok"] * sessions
        store = Store.open(path)
        assert store.article_count() == sessions
        store.close()


def _workspace(path: Path, articles: int = 40) -> Path:
    store = Store.open(path, user="alice")
    for number in range(articles):
        text = (SENTENCE.format(n=number) + " ") * 30
        store.add_article(Article(title=f"Roads {number}", text=text),
                          [Sentence(0, len(text), text, 0.9, True, "quantity")])  # fmt: skip
    store.close()  # the last connection to close checkpoints the WAL into the file
    return path


def test_garbage_in_the_middle_is_damaged_and_nothing_is_written(tmp_path: Path) -> None:
    original = _workspace(tmp_path / "w.db")
    copy = tmp_path / "copy.db"
    shutil.copy(original, copy)
    size = copy.stat().st_size
    with open(copy, "r+b") as file:
        file.seek(size // 2 // 4096 * 4096)
        file.write(b"\xa5" * 4096)
    before = copy.read_bytes()
    with pytest.raises(WorkspaceError) as error:
        Store.open(copy)
    assert str(error.value) == f"{copy}: damaged; restore from backup"
    assert copy.read_bytes() == before
    assert not Path(f"{copy}-wal").exists() or Path(f"{copy}-wal").stat().st_size == 0


UNCHECKPOINTED_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("INSERT INTO state (key, value) VALUES ('after', 'the last checkpoint')")
conn.commit()
os._exit(0)  # no close: the commit stays in the WAL file, as after a crash
"""


def test_a_damaged_workspace_keeps_its_wal_untouched_too(tmp_path: Path) -> None:
    # Closing the last connection would copy the WAL into the (damaged) file and delete it.
    path = _workspace(tmp_path / "w.db")
    subprocess.run([sys.executable, "-c", UNCHECKPOINTED_WRITE, str(path)], check=True)
    wal = Path(f"{path}-wal")
    with open(path, "r+b") as file:
        file.seek(path.stat().st_size // 2 // 4096 * 4096)
        file.write(b"\xa5" * 4096)
    before, wal_before = path.read_bytes(), wal.read_bytes()
    assert len(wal_before) > 0
    for wait in (True, False):
        with pytest.raises(WorkspaceError, match="damaged; restore from backup"):
            store = Store.open(path, wait_for_check=wait)
            store.set_state("probe", "1")  # the app's path: the first write waits for the check
    assert path.read_bytes() == before and wal.read_bytes() == wal_before


def test_a_truncated_workspace_is_damaged_not_foreign(tmp_path: Path) -> None:
    original = _workspace(tmp_path / "w.db")
    for keep in (original.stat().st_size // 3, 4096 + 100, 60):
        copy = tmp_path / f"cut{keep}.db"
        copy.write_bytes(original.read_bytes()[:keep])
        with pytest.raises(WorkspaceError) as error:
            Store.open(copy)
        assert str(error.value) == f"{copy}: damaged; restore from backup", keep


def test_another_file_is_still_not_a_workspace(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("shopping list\n" * 400)
    with pytest.raises(WorkspaceError, match="not a triage workspace"):
        Store.open(other)


def test_a_missing_migrations_table_is_named(tmp_path: Path) -> None:
    path = _workspace(tmp_path / "w.db", articles=1)
    store = Store.open(path)
    store.db.execute("DROP TABLE _sqlite_migrations")
    store.close()
    with pytest.raises(WorkspaceError) as error:
        Store.open(path)
    assert str(error.value) == (
        f"{path}: damaged; restore from backup "
        "(its record of schema versions, table _sqlite_migrations, is missing)"
    )


def test_reading_a_mistyped_path_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "wrokspace" / "w.db"
    with pytest.raises(WorkspaceError) as error:
        Store.open(typo, create=False)
    assert str(error.value) == f"no workspace at {typo}"
    assert not typo.parent.exists()
