"""Fixtures of the serve tests: the workspace (served.ARTICLES) and servers started on it."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from served import ARTICLES, Server, sentences_of, session_pids

from triage.store.workspace import Store


@pytest.fixture
def served_db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    store = Store.open(path, "tester")
    for article in ARTICLES:
        store.add_article(article, sentences_of(article.text))
    store.close()
    return path


@pytest.fixture
def serve(served_db: Path, tmp_path: Path) -> Iterator:
    """serve(*args) starts a server on the test workspace; every one is stopped afterwards."""
    started: list[Server] = []

    def start(*args: str) -> Server:
        server = Server(served_db, tmp_path / "config.toml", *args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
    with contextlib.suppress(ProcessLookupError):
        for pid in session_pids(served_db):  # never leave one behind, even when a test failed
            os.kill(pid, signal.SIGKILL)
