"""Watched arrivals in a running app, and the new-repeats view (N), driven by keys."""

from __future__ import annotations

from triage.config import Config
from triage.models import AUTOMATIC, Article, Link
from triage.pipeline import import_article
from triage.store.links import LinkStore
from triage.store.workspace import Store
from triage.tui.screens.new_repeats import NewRepeatsScreen
from triage.tui.widgets.claim_list import ClaimList
from triage.tui.widgets.new_repeat_list import NewRepeatList
from triage.watch.runner import Watcher, WatchOptions

SIZE = (120, 30)
REPEATED = "The harbour board said landing fees rose by 12 percent in 2024."
FIRST = Article(
    title="Harbour fees",
    text=(
        f"{REPEATED} Fishermen said the board had promised a freeze until 2026. "
        "The board declined to comment on the promise."
    ),
)
SECOND = (
    "Fishing fleet shrinks\n\n"
    "The fleet lost 14 boats in 2024, the fishermen's association said. "
    f"{REPEATED} Skippers blamed the fees for the losses."
)


def reader_verdict(path, claim_id: int) -> str | None:
    """The verdict as committed, read on a connection of its own."""
    store = Store.open(path, "reader")
    try:
        return store.claim(claim_id).verdict
    finally:
        store.close()


async def wait_until(pilot, condition, steps: int = 100) -> bool:
    for _ in range(steps):
        await pilot.pause(0.05)
        if condition():
            return True
    return False


async def test_n_lists_repeats_of_rated_claims_and_enter_opens_the_claim(
    make_app, workspace_of, settle
):
    old = Article(title="Old story", text="Fees rose by 12 percent. Nobody was surprised.")
    new = Article(title="New story", text="It was a quiet week. Fees went up by 12 percent.")
    path = workspace_of((old, new))
    store = Store.open(path, "tester")
    rated = store.claims(1)[0]
    repeat = store.claims(2)[0]
    store.set_verdict([rated.id], "Mostly false")
    LinkStore(store).add_links([Link(repeat.id, rated.id, 93.0, AUTOMATIC)])
    store.close()

    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, NewRepeatsScreen)
        rows = app.screen.query_one(NewRepeatList)
        assert [(r.claim.text, r.earlier.verdict) for r in rows.rows] == [
            ("Fees went up by 12 percent.", "Mostly false")
        ]
        shown = rows.render_row(0, 120).plain
        assert "Mostly false" in shown and "New story" in shown and "93" in shown
        detail = str(app.screen.query_one("#queue-detail").render())
        assert "rated Mostly false in Old story: Fees rose by 12 percent." in detail

        await pilot.press("6")  # False, as the desk would after reading the earlier verdict
        await settle(pilot)
        assert reader_verdict(path, repeat.id) == "False"
        assert rows.rows[0].claim.verdict == "False"  # the row stays, showing the decision
        assert rows.render_row(0, 120).plain.startswith(" False")
        await pilot.press("u")
        await settle(pilot)
        assert reader_verdict(path, repeat.id) is None
        assert rows.rows[0].claim.status == "undecided"

        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.article.title == "New story"
        assert app.main.query_one(ClaimList).current.text == "Fees went up by 12 percent."


async def test_a_watched_arrival_shows_live_in_the_app_and_in_new_repeats(
    make_app, tmp_path, settle
):
    """The app is open; `triage watch` (here its Watcher, on its own connection, as the command
    runs it) imports an article repeating a rated claim: within the poll the main screen counts
    the new article and the open new-repeats view lists the claim with its verdict."""
    path = tmp_path / "live.db"
    store = Store.open(path, "tester")
    import_article(store, FIRST)
    rated = next(c for c in store.claims(1) if c.text == REPEATED)
    store.set_verdict([rated.id], "False")
    store.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()

    app = make_app(Config(user="tester"), path=path, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main.article_ids == [1]
        await pilot.press("N")
        await settle(pilot)
        rows = app.screen.query_one(NewRepeatList)
        assert rows.rows == []

        (inbox / "fleet.txt").write_text(SECOND)
        watch_store = Store.open(path, "watcher")
        lines: list[str] = []
        try:
            Watcher(
                watch_store, [inbox], [], WatchOptions(once=True), lines.append, lines.append
            ).run()
        finally:
            watch_store.close()
        assert len(lines) == 1 and "1 repeat found" in lines[0]

        assert await wait_until(pilot, lambda: len(rows.rows) == 1)
        assert rows.rows[0].claim.text == REPEATED
        assert rows.rows[0].earlier.verdict == "False"
        assert rows.rows[0].article_title == "Fishing fleet shrinks"
        # The main screen counted the arrival too (its reload is a worker of its own).
        assert await wait_until(pilot, lambda: app.main.article_ids == [1, 2])

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main


def test_the_new_repeats_key_is_registered_with_an_id():
    from triage.tui import actions

    action = actions.ACTIONS_BY_ID["new_repeats"]
    assert action.keys == "N" and action.action == "app.new_repeats"
    assert actions.clashes({}) == []
