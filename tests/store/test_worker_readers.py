"""Worker threads read on connections of their own: a read never waits for the writer."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from triage.models import Article, Sentence, TriageError
from triage.store.workspace import Store


def _one_article(store: Store) -> int:
    text = "Rents rose by 8 percent."
    return store.add_article(
        Article(title="Rents", text=text), [Sentence(0, len(text), text, 0.9, True)]
    )


def test_a_read_goes_on_while_the_writer_is_held(db_path: Path) -> None:
    store = Store.open(db_path)
    article_id = _one_article(store)
    held, release = threading.Event(), threading.Event()

    def hold_the_writer() -> None:
        with store.lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_writer)
    holder.start()
    held.wait(5)
    result: list[list[int]] = []
    reading = threading.Thread(target=lambda: result.append(_ids(store)))
    reading.start()
    reading.join(5)
    finished = not reading.is_alive()
    release.set()
    holder.join()
    store.close()
    assert finished and result == [[article_id]]


def _ids(store: Store) -> list[int]:
    with store.reader() as reader:
        return reader.article_ids()


def test_a_reader_sees_every_commit_and_cannot_write(db_path: Path) -> None:
    store = Store.open(db_path)
    with store.reader() as reader:
        assert reader.article_ids() == []
    article_id = _one_article(store)
    with store.reader() as reader:  # the pooled connection, a new transaction
        assert reader.article_ids() == [article_id]
        claim = reader.claims(article_id)[0]
        with pytest.raises(TriageError):
            reader.set_verdict([claim.id], "True")
    assert store.claims(article_id)[0].verdict is None
    store.close()
