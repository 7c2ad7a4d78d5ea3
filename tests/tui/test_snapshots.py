"""Snapshots of every screen at 80x24 and 140x40 (review the SVG diffs when Textual changes)."""

from __future__ import annotations

import pytest

from triage.config import Config
from triage.models import Article

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 40), id="140x40")]


async def _ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _app(make_app):
    return make_app(Config(user="tester"))


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, make_app, size):
    async def decide(pilot):
        await _ready(pilot)
        await pilot.press("2", "space")
        await _ready(pilot)

    assert snap_compare(_app(make_app), terminal_size=size, run_before=decide)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, size):
    async def open_help(pilot):
        await _ready(pilot)
        await pilot.press("question_mark")
        await _ready(pilot)

    assert snap_compare(_app(make_app), terminal_size=size, run_before=open_help)


@pytest.mark.parametrize("size", SIZES)
def test_article_list(snap_compare, make_app, size):
    async def open_list(pilot):
        await _ready(pilot)
        await pilot.press("1", "o")
        await _ready(pilot)

    assert snap_compare(_app(make_app), terminal_size=size, run_before=open_list)


LONG_ARTICLE = Article(
    title="Harbour inquiry, day three",
    outlet="Northern Wire",
    published="2025-06-04",
    text="\n\n".join(
        f"Witness {n} said the harbour lost {n * 40} tonnes of cargo in week {n}. "
        "The hearing then moved on to other matters."
        for n in range(1, 25)
    ),
)


def test_long_article_scrolled_to_its_last_claim(snap_compare, make_app, workspace_of):
    """The article pane keeps its scrollbar and wraps inside it when scrolled far down."""
    path = workspace_of((LONG_ARTICLE,))

    async def to_last(pilot):
        await _ready(pilot)
        await pilot.press("G")
        await _ready(pilot)

    app = make_app(Config(user="tester"), path=path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_last)


@pytest.mark.parametrize("size", SIZES)
def test_claims_best_first_with_the_maybe_band(
    snap_compare, make_app, scored_workspace, scored_config, size
):
    """Claims by score, then the dimmed maybe band; one claim decided, the cursor moved on."""

    async def decide(pilot):
        await _ready(pilot)
        await pilot.press("2")
        await _ready(pilot)

    app = make_app(scored_config(), path=scored_workspace)
    assert snap_compare(app, terminal_size=size, run_before=decide)


@pytest.mark.parametrize("size", SIZES)
def test_workspace_queue(snap_compare, make_app, scored_workspace, scored_config, size):
    async def open_queue(pilot):
        await _ready(pilot)
        await pilot.press("w")
        await _ready(pilot)
        await pilot.press("2", "x")
        await _ready(pilot)

    app = make_app(scored_config(), path=scored_workspace)
    assert snap_compare(app, terminal_size=size, run_before=open_queue)
