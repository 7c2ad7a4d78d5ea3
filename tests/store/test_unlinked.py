"""Item 2 of issue 13: an article is never left stored but unlinked (kill, full disk, lock)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from triage.models import WorkspaceError
from triage.pipeline import import_paths
from triage.store.links import LinkStore
from triage.store.workspace import Store

CLAIM_A = "The harbour council spent 2.5 million euros repairing the old pier last year."
CLAIM_B = "Last year the harbour council spent 2.5 million euros repairing the old pier."


def write_articles(folder: Path) -> list[str]:
    (folder / "a.txt").write_text(f"Pier story\n\n{CLAIM_A}\n")
    (folder / "b.txt").write_text(f"Pier report\n\n{CLAIM_B}\n")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def repeat_is_linked(store: Store) -> bool:
    """The second article's claim is linked to the first's, as the Duplicates view shows it."""
    second = store.article_ids()[-1]
    [claim] = store.claims(second)
    return bool(LinkStore(store).links(claim.id))


def test_a_failing_linker_leaves_the_article_marked_and_the_next_import_links_it(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from triage.link.linker import Linker

    files = write_articles(tmp_path)
    real = Linker.link_article

    def full_disk_on_the_second(self: Linker, article_id: int):
        if article_id == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, article_id)

    monkeypatch.setattr(Linker, "link_article", full_disk_on_the_second)
    with pytest.raises(WorkspaceError) as stopped:
        import_paths(store, files)
    assert str(stopped.value) == (
        f"{store.path}: the disk is full (free some space and try again); 1 article was imported "
        "before it stopped (importing the same files again adds the rest)"
    )
    assert store.article_count() == 2 and store.unlinked_article_ids() == [2]
    assert not repeat_is_linked(store)

    monkeypatch.setattr(Linker, "link_article", real)
    summary = import_paths(store, files)  # both are duplicates now; the second still gets linked
    assert (summary.imported, summary.duplicates) == (0, 2)
    assert store.unlinked_article_ids() == []
    assert repeat_is_linked(store)


def test_the_mark_is_cleared_by_the_commit_of_the_links(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stopped just after the linker committed: the mark went with that commit, so the article
    # is not linked a second time (which would count its terms twice in the index).
    from triage.link.linker import Linker

    files = write_articles(tmp_path)
    real = Linker.link_article

    def stopped_after_commit(self: Linker, article_id: int):
        report = real(self, article_id)
        if article_id == 2:
            raise KeyboardInterrupt
        return report

    monkeypatch.setattr(Linker, "link_article", stopped_after_commit)
    with pytest.raises(KeyboardInterrupt):
        import_paths(store, files)
    assert store.unlinked_article_ids() == [] and repeat_is_linked(store)


KILLED_WHILE_LINKING = """
import os, sys
from triage.link import linker
real = linker.Linker.link_article
def killed(self, article_id):
    if article_id == 2:
        os._exit(9)  # as a kill -9 between storing the article and committing its links
    return real(self, article_id)
linker.Linker.link_article = killed
from triage.cli import main
sys.argv = ["triage", *sys.argv[1:]]
main()
"""


def test_a_killed_import_run_again_ends_with_every_article_linked(tmp_path: Path) -> None:
    files = write_articles(tmp_path)
    db = tmp_path / "w.db"
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_LINKING, "import", "--db", str(db),
                             *files], capture_output=True, text=True, check=False)  # fmt: skip
    assert killed.returncode == 9
    again = subprocess.run([sys.executable, "-m", "triage.cli", "import", "--db", str(db), *files],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "2 duplicates skipped" in again.stdout
    store = Store.open(db)
    try:
        assert store.unlinked_article_ids() == []
        assert repeat_is_linked(store)
    finally:
        store.close()


def test_a_full_disk_stops_the_import_with_the_count_and_a_later_import_finishes(
    tmp_path: Path, store: Store
) -> None:
    # A real SQLITE_FULL: the workspace may not grow past its current size plus a few pages.
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        claims = " ".join(f"The council spent {number * 100 + k} million euros on road {k} in 2023."
                          for k in range(12))  # fmt: skip
        (folder / f"{number:02}.txt").write_text(f"Roads {number}\n\n{claims}\n")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 12}")
    with pytest.raises(WorkspaceError) as stopped:
        import_paths(store, [str(folder)])
    message = str(stopped.value)
    imported = store.article_count()
    linked = imported - len(store.unlinked_article_ids())  # the one being linked when it filled
    assert 0 < linked < 40
    done = "1 article was" if linked == 1 else f"{linked} articles were"
    assert message == (
        f"{store.path}: the disk is full (free some space and try again); {done} imported before "
        "it stopped (importing the same files again adds the rest)"
    )

    store.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    summary = import_paths(store, [str(folder)])
    assert summary.imported + imported == 40 and store.unlinked_article_ids() == []
    assert LinkStore(store).unindexed_claims() == 0


def test_a_commit_from_another_thread_while_linking_leaves_the_mark(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app saves verdicts on the UI thread while its import worker links: those commits must
    # not clear the mark of the article the worker is linking.
    import threading

    from triage.link.linker import Linker

    files = write_articles(tmp_path)

    def verdict_then_kill(self: Linker, article_id: int):
        ui = threading.Thread(target=store.set_state, args=("resume", "claim 1"))
        ui.start()
        ui.join()
        raise KeyboardInterrupt  # killed before the linker's own commit

    monkeypatch.setattr(Linker, "link_article", verdict_then_kill)
    with pytest.raises(KeyboardInterrupt):
        import_paths(store, files[:1])
    assert store.get_state("resume") == "claim 1"
    assert store.unlinked_article_ids() == [1]
