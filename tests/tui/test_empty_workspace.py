"""A new workspace starts empty, and its first screen says how to fill it."""

from __future__ import annotations

from pathlib import Path

from triage.store.workspace import Store


async def test_an_empty_workspace_says_how_to_import_and_i_does(
    make_app, submit_import, settle, screen, tmp_path: Path
):
    empty = tmp_path / "empty.db"
    Store.open(empty, "tester").close()
    (tmp_path / "budget.txt").write_text(
        "Harbour fees doubled\n\nThe harbour authority raised fees by 40 percent in 2024.\n",
        encoding="utf-8",
    )
    for size in ((80, 24), (140, 40)):
        app = make_app(path=empty)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            pane = "".join(line.split("│")[1] for line in screen(app).splitlines()[3:5])
            assert "No articles yet. Press i to import, " in pane, size  # wrapped at 80 columns
            assert "triage import PATH" in pane, size
    app = make_app(path=empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await submit_import(pilot, str(tmp_path / "budget.txt"))
        await settle(pilot)
        assert "1 articles imported" in screen(app)
