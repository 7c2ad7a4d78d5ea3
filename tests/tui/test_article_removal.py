"""The article list removes an article (x, after a confirm), as `triage articles rm` does."""

from __future__ import annotations

from triage.tui.screens.articles import ArticleListScreen
from triage.tui.screens.confirm import ConfirmScreen

SIZE = (110, 32)


async def test_x_in_the_article_list_removes_the_article_after_a_confirm(
    make_app, settle, reader, screen
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "j", "x")  # the second article: Hospital waiting lists
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove “Hospital waiting lists” with its 3 claims" in screen(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        shown = screen(app)
        assert "Hospital waiting lists" not in shown.split("Removed")[0]  # the toast names it
        assert "Articles: 2" in shown
        assert [a.title for a in reader.articles()] == [
            "Council budget under pressure",
            "Exports and the harbour",
        ]
        events = reader.db.execute("SELECT kind, old FROM events WHERE kind = 'remove'").fetchall()
        assert events == [("remove", "Hospital waiting lists")]
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.article.title == "Council budget under pressure"
        assert "Article 1/2" in screen(app)


async def test_escape_on_the_confirm_removes_nothing(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "x", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        assert len(reader.articles()) == 3


async def test_removing_the_open_article_opens_its_neighbour(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main.article.title == "Council budget under pressure"
        await pilot.press("o", "x", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        shown = screen(app)
        assert app.main.article.title == "Hospital waiting lists"
        assert "Council budget" not in shown and "12 million pounds" not in shown
        assert "Article 1/2" in shown
