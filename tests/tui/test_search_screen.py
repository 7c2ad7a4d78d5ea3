"""`/` search driven by keys: typed as a journalist would, whatever the article's spelling."""

from __future__ import annotations

from triage.models import Article
from triage.tui.screens.search import SearchScreen
from triage.tui.widgets.claim_list import ClaimList
from triage.tui.widgets.search_results import SearchResults

SIZE = (100, 30)
ARTICLES = (
    Article(
        title="Council budget",
        text="The council spent 12 million pounds on roads. Residents were unhappy.",
    ),
    Article(
        title="Allies",
        text="Trump’s calls to 12 allies went unanswered. The allies were silent.",
    ),
    Article(
        title="Defence",
        text="Europe will host 4,300 more troops by 2026. The troops landed in Europe late.",
    ),
)


def results(app) -> SearchResults:
    return app.screen.query_one(SearchResults)


async def test_straight_apostrophe_finds_the_curly_one_and_enter_opens_the_claim(
    make_app, workspace_of, settle, screen
):
    app = make_app(path=workspace_of(ARTICLES))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main.article.title == "Council budget"
        await pilot.press("slash", *"trump's calls")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "Trump’s calls to 12 allies" in screen(app) and "1 claims" in screen(app)
        await pilot.press("enter", "enter")  # into the results, then open the first
        await settle(pilot)
        assert app.main.article.title == "Allies"
        current = app.screen.query_one(ClaimList).current
        assert current.text == "Trump’s calls to 12 allies went unanswered."


async def test_words_in_any_order_and_numbers_without_separators(
    make_app, workspace_of, settle, screen
):
    app = make_app(path=workspace_of(ARTICLES))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"troops europe")
        await settle(pilot)
        shown = [claim.text for claim in results(app).claims]
        # The claim first, then the article's plain sentence, marked as text.
        assert shown == [
            "Europe will host 4,300 more troops by 2026.",
            "The troops landed in Europe late.",
        ]
        assert "1 claims, 1 other sentences" in screen(app)
        assert "text" in screen(app)
        await pilot.press(*["backspace"] * len("troops europe"), *"4300")
        await settle(pilot)
        assert [claim.text for claim in results(app).claims] == [
            "Europe will host 4,300 more troops by 2026."
        ]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.article.title == "Defence"


async def test_fts5_syntax_typed_is_harmless(make_app, workspace_of, settle, screen):
    app = make_app(path=workspace_of(ARTICLES))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"allies NEAR( * -')
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SearchScreen)
        assert "0 claims" in screen(app)
        await pilot.press("escape")
        assert app.main.article.title == "Council budget"
