"""Fixtures: the local HTTP server of watch_site.py, and a Watcher on a throwaway workspace."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from watch_site import Site, running_site

from triage.store.workspace import Store
from triage.watch.runner import Watcher, WatchOptions


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as site:
        yield site


@dataclass
class Run:
    lines: list[str]
    warnings: list[str]
    watcher: Watcher


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "watch.db"


@pytest.fixture
def run_watch(workspace_path: Path) -> Callable[..., Run]:
    """`run_watch(targets..., **options)`: one Watcher on its own connection to the workspace,
    run once (unless once=False and a stop event is given); returns its lines."""

    def run(*targets: str | Path, stop: threading.Event | None = None, **options) -> Run:
        options.setdefault("once", True)
        options.setdefault("timeout", 2.0)
        options.setdefault("retry", 0.1)
        options.setdefault("interval", 60.0)
        store = Store.open(workspace_path, "tester")
        lines: list[str] = []
        warnings: list[str] = []
        folders = [Path(t) for t in targets if not str(t).startswith("http")]
        feeds = [str(t) for t in targets if str(t).startswith("http")]
        watcher = Watcher(store, folders, feeds, WatchOptions(**options), lines.append,
                          warnings.append, stop)  # fmt: skip
        try:
            watcher.run()
        finally:
            store.close()
        return Run(lines, warnings, watcher)

    return run


@pytest.fixture
def reader(workspace_path: Path) -> Iterator[Callable[[], Store]]:
    opened: list[Store] = []

    def open_reader() -> Store:
        store = Store.open(workspace_path, "tester")
        opened.append(store)
        return store

    yield open_reader
    for store in opened:
        store.close()
