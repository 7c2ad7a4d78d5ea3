"""Palette, import, NO_COLOR, undo across articles, markers, virtual lists, `triage keys`."""

from __future__ import annotations

import re
import threading

from click.testing import CliRunner

from triage.cli.keys import keys_command
from triage.config import Config
from triage.models import DECIDED, Article
from triage.tui.screens.articles import ArticleListScreen
from triage.tui.widgets.article_table import ArticleTable
from triage.tui.widgets.claim_list import ClaimList

SIZE = (110, 32)


async def test_command_palette_lists_and_runs_every_action(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Mostly false")
        await settle(pilot)
        assert "verdict_5" in screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert reader.claims(1)[0].verdict == "Mostly false"
        commands = [c.title for c in app.get_system_commands(app.main)]
        for title in (
            "Verdict: True",
            "Search claims in the workspace",
            "Undo your last change",
            "Cycle the filter: undecided, checking, decided, dismissed, all",
        ):
            assert title in commands


async def test_import_from_inside_the_app(make_app, submit_import, settle, tmp_path, screen):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "budget.txt").write_text(
        "Harbour fees doubled\n\nThe harbour authority raised fees by 40 percent in 2024. "
        "Ships now pay 3,000 pounds a day, the report said.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, str(folder))
        await settle(pilot)
        assert "1 articles imported" in screen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.main.article_ids) == 4
        assert "Article 1/4" in screen(app)


async def test_import_is_cancelled_with_escape(
    make_app, submit_import, settle, tmp_path, screen, monkeypatch
):
    """A slow source holds the import on its second file until Esc has been pressed.

    (Reading waits on a gate: a named pipe would do, but pipes are now refused at once.)"""
    import triage.read_ahead

    story = "Story {}\n\nPrices rose by {} percent in 2024, officials said.\n"
    first, slow, last = tmp_path / "first.txt", tmp_path / "slow.txt", tmp_path / "last.txt"
    for number, (path, figure) in enumerate(((first, 5), (slow, 7), (last, 9)), start=1):
        path.write_text(story.format(number, figure), encoding="utf-8")
    gate = threading.Event()
    read = triage.read_ahead.read_source

    def read_slowly(source, **kwargs):
        if source == str(slow):
            gate.wait(timeout=30)
        return read(source, **kwargs)

    monkeypatch.setattr(triage.read_ahead, "read_source", read_slowly)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await submit_import(pilot, f"{first} {slow} {last}")
        await pilot.press("escape")  # the import waits on the slow file: Esc arrives mid-import
        assert "Cancelling" in screen(app)
        gate.set()
        await settle(pilot)
        shown = screen(app)
        assert "2 articles imported" in shown and "Cancelled, 1 file not read" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.main.article_ids) == 5  # the last file was never imported


async def test_no_color_still_shows_every_state_in_words(make_app, settle, monkeypatch, screen):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("1", "c")
        shown = screen(app)
        assert "True" in shown and "checking" in shown


async def test_undo_goes_back_to_the_article_it_changed(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "J")
        await settle(pilot)
        assert app.main.article.id == 2
        await pilot.press("u")
        await settle(pilot)
        assert app.main.article.id == 1
        assert reader.claims(1)[0].status != DECIDED
        assert app.screen.query_one(ClaimList).current.id == reader.claims(1)[0].id


async def test_duplicate_markers_get_their_own_column(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = reader.claims(1)[0]
        app.main.set_markers({first.id: "≡2"})
        await pilot.pause()
        assert "≡2" in screen(app)


async def test_lists_are_virtual(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(ClaimList).children  # rows are drawn, not mounted
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        assert not app.screen.query_one(ArticleTable).children


def test_keys_command_prints_ids_current_keys_and_descriptions(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('verdicts = ["Correct", "Wrong"]\n[keys]\nverdict_1 = "t"\nnope = "z"\n')
    result = CliRunner().invoke(keys_command, ["--config", str(config)])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert lines["verdict_1"].split()[1] == "t" and "Verdict: Correct" in lines["verdict_1"]
    assert "Verdict: Wrong" in lines["verdict_2"]
    assert "verdict_3" not in lines  # the scale has two verdicts
    assert lines["undo"].split()[1] == "u"
    assert "nope" in result.output  # unknown ids are reported (on stderr)
    toml = CliRunner().invoke(keys_command, ["--config", str(config), "--toml"]).output
    assert toml.startswith("[keys]\n") and 'verdict_1 = "t"' in toml


def test_every_option_of_keys_has_help():
    assert keys_command.help
    assert all(option.help for option in keys_command.params)


async def test_config_theme_and_ansi_themes(make_app, settle):
    app = make_app(Config(user="tester", theme="ansi-light"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-light"
        assert app.animation_level == "none"


async def test_keymap_clash_is_reported_and_the_remap_wins(make_app, settle, reader):
    app = make_app(Config(user="tester", keys={"undo": "c"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "c")  # c is now undo, not "checking"
        await settle(pilot)
        assert reader.claims(1)[0].verdict is None
        assert all(c.status != "checking" for c in reader.claims(1))
        messages = " ".join(n.message for n in app._notifications)
        assert "c is given to checking and undo (in the claim list, article pane)" in messages


async def test_the_footer_fits_an_80_column_terminal(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen(app).splitlines()[-1]
        for shown in ("space Tag", "x Dismiss", "w Queue", "? Help", "o Articles", "/ Search"):
            assert shown in footer


async def test_article_list_of_plain_text_imports_has_no_empty_columns(
    make_app, settle, workspace_of
):
    path = workspace_of((
        Article(title="Pier to reopen", text="The pier will reopen in May, the council said."),
        Article(title="Rents up", text="Rents rose by 8 percent since 2020, the agency said."),
    ))  # fmt: skip
    app = make_app(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        row = table.render_row(table.cursor, table.size.width).plain
        # progress, then the title: no blank date and outlet columns in between
        assert re.fullmatch(r" +\d+/\d+ +Pier to reopen", row.rstrip())
        assert row.index("Pier") < 15
