"""The command palette offers only what applies where it is opened; bad key names are reported."""

from __future__ import annotations

from click.testing import CliRunner

from triage.cli.keys import keys_command
from triage.config import Config
from triage.tui import actions
from triage.tui.screens.confirm import ConfirmScreen
from triage.tui.screens.search import SearchScreen

SIZE = (110, 32)


def palette_titles(app) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


async def test_palette_on_the_claim_list_leaves_out_other_screens_actions(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = palette_titles(app)
        assert "Dismiss as not check-worthy" in titles  # claim list
        assert "Verdict: Mostly false" in titles
        assert "Open the article list" in titles
        # The repeats view's, the article pane's and the article list's actions do nothing here.
        assert "Accept the link under the cursor: same claim" not in titles
        assert "Make the sentence under the cursor a claim" not in titles
        assert not any(title.startswith("Remove the article") for title in titles)
        assert "Verdict 8 (not in the scale)" not in titles
        await pilot.press("tab")  # the article pane: promote/demote instead of tag/dismiss
        await settle(pilot)
        titles = palette_titles(app)
        assert "Make the sentence under the cursor a claim" in titles
        assert "Dismiss as not check-worthy" not in titles


async def test_palette_in_the_article_list_offers_remove_and_no_verdicts(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        titles = palette_titles(app)
        assert not any(title.startswith("Verdict") for title in titles)
        assert "Search claims in the workspace" not in titles  # the app's screens open from main
        await pilot.press("ctrl+p", *"Remove")
        await settle(pilot)
        assert "Remove the article with its claims and links" in screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove “Council budget under pressure”" in screen(app)


async def test_palette_runs_an_app_action_from_the_main_screen(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Search claims in the workspace")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)


async def test_repeats_are_not_offered_on_a_maybe_sentence(
    scored_workspace, scored_config, make_app, settle
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        repeats = "Show the claim's repeats in other articles and its past fact-checks"
        assert repeats in palette_titles(app)
        await pilot.press("G")  # the last row: a maybe sentence, never linked
        await settle(pilot)
        assert not app.main.claim_list.current.is_claim
        assert repeats not in palette_titles(app)


async def test_an_impossible_key_in_the_config_is_reported_by_action_and_key(make_app, settle):
    config = Config(user="tester", keys={"save_edit": "ctrl+shift+zz,f2", "filter": "F,f5"})
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    bad = [m for m in messages if "not a key a terminal can send" in m]
    assert len(bad) == 1
    assert "save_edit" in bad[0] and "'ctrl+shift+zz'" in bad[0]


def test_key_names_are_checked_against_what_textual_reports():
    for key in ("ctrl+s", "f2", "shift+tab", "question_mark", "J", "slash", "pagedown", "+"):
        assert actions.valid_key(key), key
    for key in ("ctrl+shift+zz", "zz", "f25", "ctrl+", "ctrl+ctrl+a", "super+hyper+qq"):
        assert not actions.valid_key(key), key
    assert all(actions.valid_key(k) for a in actions.ACTIONS for k in a.keys.split(","))
    assert actions.invalid_keys({"undo": "u, ctrl+zz", "redo": "ctrl+r"}) == [("undo", "ctrl+zz")]


def test_triage_keys_warns_about_an_impossible_key(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nundo = "u,ctrl+shift+zz"\n', encoding="utf-8")
    result = CliRunner().invoke(keys_command, ["--config", str(config)])
    assert result.exit_code == 0
    assert "[keys] undo = 'ctrl+shift+zz' is not a key a terminal can send" in result.output


async def test_palette_in_the_queue_decides_there(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        titles = palette_titles(app)
        assert "Verdict: Mostly false" in titles and "Back" in titles
        assert "Open the article list" not in titles  # opens from the main screen only
        assert "Cycle the filter: undecided, checking, decided, dismissed, all" not in titles
        first = app.screen.queue_list.current
        await pilot.press("ctrl+p", *"Mostly false")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert next(c for c in reader.claims(first.article_id) if c.id == first.id).verdict == (
            "Mostly false"
        )
