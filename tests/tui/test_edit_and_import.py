"""Editing a claim's text in a multi-line editor; what the import dialog says when it is done."""

from __future__ import annotations

import threading

from textual.widgets import TextArea

from triage.models import Article
from triage.store.workspace import Store
from triage.tui.screens.edit import EditScreen

SIZE = (110, 32)
LONG = (
    "The council said it spent 12 million pounds on resurfacing roads across the northern "
    "districts last year, more than twice the sum it had set aside in its spring budget plan."
)


def stored_text(path) -> str:
    """The first claim's text as committed (read through a second connection)."""
    store = Store.open(path, "tester")
    try:
        return store.claims(1)[0].text
    finally:
        store.close()


def long_claim_workspace(workspace_of):
    return workspace_of((Article(title="Roads", text=LONG + " Residents were unhappy."),))


async def test_e_opens_the_whole_claim_wrapped_with_the_cursor_at_the_end(
    workspace_of, make_app, settle, screen
):
    path = long_claim_workspace(workspace_of)
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        dialog = [row for row in screen(app).splitlines() if "█" in row]
        # The whole claim is in sight, over several lines: its first and last words too.
        assert any("The council said it spent" in row for row in dialog)
        assert any("spring budget plan." in row for row in dialog)
        assert sum(any(w in row for w in ("council", "districts", "spring")) for row in dialog) > 1
        assert app.screen.query_one(TextArea).selected_text == ""
        await pilot.press(*" (ONS)", "ctrl+s")  # typed at the end: nothing was replaced
        await settle(pilot)
    assert stored_text(path) == LONG + " (ONS)"


async def test_a_line_break_typed_in_the_claim_text_is_saved_as_a_space(
    workspace_of, make_app, settle
):
    path = long_claim_workspace(workspace_of)
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "enter", *"Source: ONS", "f2")
        await settle(pilot)
        await pilot.press("e", *"ignored", "escape")  # Esc cancels
        await settle(pilot)
    assert stored_text(path) == LONG + " Source: ONS"


def write_story(path, number: int) -> None:
    path.write_text(
        f"Story {number}\n\nPrices rose by {number} percent in 2024, officials said.\n",
        encoding="utf-8",
    )


async def test_escape_after_a_finished_import_says_what_was_imported(
    make_app, settle, tmp_path, screen
):
    folder = tmp_path / "incoming"
    folder.mkdir()
    write_story(folder / "one.txt", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(folder), "enter")
        await settle(pilot)
        assert "Import finished: 1 articles imported" in screen(app)
        await pilot.press("escape")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Imported: 1 articles imported, 1 claims found") for m in messages)
        assert not any("ancel" in m for m in messages)
        assert "ancel" not in screen(app)


async def test_escape_while_the_last_file_is_read_cancels_nothing(
    make_app, settle, tmp_path, screen, monkeypatch
):
    import triage.read_ahead

    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    write_story(first, 4)
    write_story(last, 6)
    gate = threading.Event()
    read = triage.read_ahead.read_source

    def read_slowly(source, **kwargs):
        if source == str(last):
            gate.wait(timeout=30)
        return read(source, **kwargs)

    monkeypatch.setattr(triage.read_ahead, "read_source", read_slowly)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *f"{first} {last}", "enter")
        await pilot.press("escape")  # the last file is in hand: there is nothing left to skip
        assert "Cancelling" in screen(app)
        gate.set()
        await settle(pilot)
        shown = screen(app)
        assert "Import finished: 2 articles imported" in shown
        assert "ancelled" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.main.article_ids) == 5
        assert any(n.message.startswith("Imported: 2 articles") for n in app._notifications)
