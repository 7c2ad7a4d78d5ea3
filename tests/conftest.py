"""Shared fixtures: a throwaway workspace and config so tests never touch the user's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.store.workspace import Store


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_DB", str(tmp_path / "workspace.db"))
    monkeypatch.setenv("TRIAGE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def store(db_path: Path):
    workspace = Store.open(db_path, user="alice")
    yield workspace
    workspace.close()
