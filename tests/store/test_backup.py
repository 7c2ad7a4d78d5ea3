"""`triage backup`: a consistent copy while another process keeps writing (issue 13, Backups)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from triage.models import Article, Sentence, TriageError
from triage.store.workspace import Store

CLAIMS_PER_ARTICLE = 25

WRITER = f"""
import sys
from triage.models import Article, Sentence
from triage.store.workspace import Store
store = Store.open(sys.argv[1], user="writer")
for number in range(int(sys.argv[2]), int(sys.argv[3])):
    sentences, text = [], ""
    for position in range({CLAIMS_PER_ARTICLE}):
        part = f"In {{number}} the council spent {{position}} million euros on roads and bridges. "
        sentences.append(Sentence(len(text), len(text) + len(part) - 1, part.strip(), 0.9, True, "quantity"))
        text += part
    store.add_article(Article(title=f"Roads {{number}}", text=text * 4), sentences)
    print(number + 1, flush=True)  # articles committed so far
store.close()
"""


def _fill(path: Path, articles: int) -> None:
    done = subprocess.run([sys.executable, "-c", WRITER, str(path), "0", str(articles)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_backup_taken_during_writes_is_intact_and_holds_every_commit_before_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.db"
    _fill(db, 300)  # a few MB, so the copy takes a while
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "300", "1300"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert writer.stdout is not None
    committed_before = int(writer.stdout.readline())  # the writer is under way
    store = Store.open(db, wait_for_check=True)
    copy = store.backup(tmp_path / "copy.db")
    store.close()
    rest, errors = writer.communicate(timeout=300)
    assert writer.returncode == 0, errors  # the writer never waited out a lock or failed
    assert int(rest.split()[-1]) == 1300

    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    articles = check.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    per_article = set(check.execute("SELECT COUNT(*) FROM claims GROUP BY article_id").fetchall())
    mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    check.close()
    assert committed_before <= articles < 1300  # every commit before it, taken mid-stream
    assert per_article == {(CLAIMS_PER_ARTICLE,)}  # no half-copied article
    assert mode == "delete"  # one self-contained file: restoring is copying it
    assert not (tmp_path / "copy.db.partial").exists()
    restored = Store.open(copy)  # the copy opens as a workspace
    assert restored.article_count() == articles
    restored.close()


def test_the_default_backup_goes_beside_the_workspace_and_never_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = Store.open(db)
    text = "The council spent 12 million euros on roads."
    store.add_article(
        Article(title="Roads", text=text), [Sentence(0, len(text), text, 0.9, True, "quantity")]
    )
    first = store.backup()
    assert first.parent == tmp_path and first.name.startswith("w-backup-") and first.suffix == ".db"
    with pytest.raises(TriageError, match="already exists"):
        store.backup(first)
    with pytest.raises(TriageError, match="already exists"):
        store.backup(db)  # never over the workspace itself
    store.close()
