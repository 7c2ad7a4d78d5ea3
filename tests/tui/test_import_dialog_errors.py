"""Item 7 of issue 13: the import dialog ends on any error with its message, and Esc closes it."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from triage.tui.screens.import_files import ImportScreen

SIZE = (110, 32)
STORY = (
    "Harbour fees\n\nThe harbour authority raised fees by {} percent in 2024, the report said.\n"
)


def dialog_text(shown: str) -> str:
    """The screen's words without the dialog's frame, so wrapped lines read as one."""
    return " ".join(shown.replace("█", " ").replace("│", " ").split())


def stories(folder, count: int) -> str:
    folder.mkdir()
    for number in range(count):
        (folder / f"s{number}.txt").write_text(STORY.format(number + 10), encoding="utf-8")
    return str(folder)


async def test_a_full_disk_while_linking_ends_the_import_with_its_message(
    make_app, submit_import, settle, tmp_path, screen, monkeypatch: pytest.MonkeyPatch
):
    from triage.link.linker import Linker

    def full(self, article_id):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Linker, "link_article", full)
    folder = stories(tmp_path / "incoming", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, folder)
        await settle(pilot)
        shown = dialog_text(screen(app))
        assert "Import stopped:" in shown and "the disk is full" in shown
        assert "0 articles were imported before it stopped" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)


async def test_a_bug_anywhere_in_the_import_ends_it_too(
    make_app, submit_import, settle, tmp_path, screen, monkeypatch: pytest.MonkeyPatch
):
    from triage.link.linker import Linker

    def broken(self, article_id):
        raise ValueError("could not convert string to float: 'high'")

    monkeypatch.setattr(Linker, "link_article", broken)
    folder = stories(tmp_path / "incoming", 2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, folder)
        await settle(pilot)
        shown = dialog_text(screen(app))
        assert "Import stopped: ValueError: could not convert string to float: 'high'" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)


async def test_escape_twice_closes_the_dialog_while_an_article_is_still_linking(
    make_app, submit_import, settle, tmp_path, screen, reader, monkeypatch: pytest.MonkeyPatch
):
    from triage.link.linker import Linker

    real, entered, release = Linker.link_article, threading.Event(), threading.Event()

    def slow(self, article_id):
        entered.set()
        release.wait(30)
        return real(self, article_id)

    monkeypatch.setattr(Linker, "link_article", slow)
    folder = stories(tmp_path / "incoming", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, folder)
        while not entered.wait(0.01):
            await pilot.pause()
        await pilot.press("escape")
        assert "Cancelling" in screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        release.set()
        await settle(pilot)
    assert reader.article_count() == 4  # the article in hand was finished, the rest not started
    assert reader.unlinked_article_ids() == []


async def test_the_dialog_keeps_the_configured_size_limit(
    make_app, submit_import, settle, tmp_path, screen
):
    from triage.config import Config

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "big.txt").write_text(STORY.format(12) * 200, encoding="utf-8")  # about 17 KB
    app = make_app(Config(user="tester", max_article_mb=0.01))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, str(folder))
        await settle(pilot)
        shown = dialog_text(screen(app))
        assert "too large: 17.6 KB, the limit is 10.0 KB" in shown


async def test_the_dialog_shows_the_warning_about_replaced_bytes(
    make_app, submit_import, settle, tmp_path, screen
):
    folder = tmp_path / "incoming"
    folder.mkdir()
    story = "Café prices\n\nCafé owners said prices rose 12 percent in 2023.\n"
    (folder / "bytes.txt").write_bytes(story.encode() + b"\xff")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, str(folder))
        await settle(pilot)
        shown = dialog_text(screen(app)).replace(" ", "")
        assert "1articlesimported" in shown
        assert "1bytethatisnotvalidUTF-8" in shown
