"""Drive the app by keys only; assert what the journalist sees and what is stored."""

from __future__ import annotations

from triage.config import Config
from triage.models import CHECKING, DECIDED, DISMISSED, UNDECIDED
from triage.tui.screens.articles import ArticleListScreen
from triage.tui.screens.confirm import ConfirmScreen
from triage.tui.screens.help import HelpScreen
from triage.tui.widgets.article_view import ArticleView
from triage.tui.widgets.claim_list import ClaimList

SIZE = (100, 30)


def claim_list(app) -> ClaimList:
    return app.screen.query_one(ClaimList)


def current_text(app) -> str:
    return claim_list(app).current.text


def stored(reader, article_id: int = 1):
    return reader.claims(article_id)


async def test_first_screen_shows_article_claims_and_progress(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is claim_list(app)
        assert [c.text for c in claim_list(app).claims][:2] == [
            "The council spent 12 million pounds on roads last year.",
            "Rents rose by 8 percent since 2020.",
        ]
        shot = screen(app)
        assert "Council budget under pressure" in shot
        assert "Article 1/3: " in shot and "0/4" in shot
        assert "Overall " in shot and "0/9" in shot


async def test_verdict_key_saves_and_moves_to_next_undecided(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        first = stored(reader)[0]
        assert (first.status, first.verdict) == (DECIDED, "Mostly true")
        assert current_text(app) == "Rents rose by 8 percent since 2020."
        assert "Mostly true" in screen(app)
        await pilot.press("j", "6")  # skip one, decide the third
        third = stored(reader)[2]
        assert third.verdict == "False"
        # the cursor went to the next undecided: the fourth claim
        assert current_text(app) == "Crime fell by 4 percent."
        await pilot.press("1")  # the last one; next undecided wraps to the second
        assert current_text(app) == "Rents rose by 8 percent since 2020."


async def test_checking_and_dismiss(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.press("x")
        claims = stored(reader)
        assert claims[0].status == CHECKING
        assert claims[1].status == DISMISSED
        assert "checking" in screen(app)


async def test_undo_and_redo_restore_and_survive_restart(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "1")
        assert [c.status for c in stored(reader)[:2]] == [DECIDED, DECIDED]
        await pilot.press("u")
        await settle(pilot)
        assert stored(reader)[1].status == UNDECIDED
        assert current_text(app) == "Rents rose by 8 percent since 2020."
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert stored(reader)[1].verdict == "True"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u", "u")
        await settle(pilot)
        assert [c.status for c in stored(reader)[:2]] == [UNDECIDED, UNDECIDED]
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo" in str([n.message for n in again._notifications])


async def test_filter_hides_what_it_does_not_match(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")  # first claim decided
        await pilot.press("f")  # undecided
        texts = [c.text for c in claim_list(app).claims]
        assert "The council spent 12 million pounds on roads last year." not in texts
        assert len(texts) == 3
        assert "Claims: undecided (3)" in screen(app)
        await pilot.press("f")  # checking: none
        assert claim_list(app).claims == []
        assert "No claims match the filter." in screen(app)
        await pilot.press("f")  # decided
        assert [c.verdict for c in claim_list(app).claims] == ["Mixed"]


async def test_tagged_claims_take_one_verdict_after_confirming(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "space")  # tag the first two
        assert "2 tagged" in screen(app)
        await pilot.press("6")
        assert isinstance(app.screen, ConfirmScreen)
        assert [c.status for c in stored(reader)] == [UNDECIDED] * 4  # nothing before yes
        await pilot.press("y")
        await settle(pilot)
        assert [c.verdict for c in stored(reader)] == ["False", "False", None, None]
        await pilot.press("u")  # one bulk action is one undo step
        assert [c.verdict for c in stored(reader)] == [None] * 4


async def test_cancelled_bulk_change_saves_nothing(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "space")  # tag the first three
        await pilot.press("c")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert [c.status for c in stored(reader)] == [UNDECIDED] * 4
        await pilot.press("g", "space", "space")  # untag the first two (space moves down)
        await pilot.press("5", "y")  # only the third is still tagged
        await settle(pilot)
        assert [c.verdict for c in stored(reader)] == [None, None, "Mostly false", None]


async def test_bulk_skips_tagged_claims_the_filter_hides(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "space")  # tag claims 1 and 2
        await pilot.press("f")  # undecided
        # another session marks claim 1 as checking: the undecided filter now hides it
        reader.set_status([stored(reader)[0].id], CHECKING)
        app.main.refresh_from_store()
        for _ in range(40):  # the reload runs in a worker; give a loaded machine 2 s
            await settle(pilot)
            if len(claim_list(app).claims) == 3:
                break
            await pilot.pause(0.05)
        assert len(claim_list(app).claims) == 3
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        claims = stored(reader)
        assert claims[0].status == CHECKING and claims[0].verdict is None  # hidden: untouched
        assert claims[1].verdict == "True"


async def test_next_and_previous_article(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert app.main.article.title == "Hospital waiting lists"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.main.article.title == "Exports and the harbour"
        await pilot.press("K", "left_square_bracket")
        await settle(pilot)
        assert app.main.article.title == "Council budget under pressure"
        assert "Council budget under pressure" in screen(app)


async def test_first_last_and_tab_between_panes(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        assert current_text(app) == "Crime fell by 4 percent."
        await pilot.press("g")
        assert claim_list(app).cursor == 0
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(app.focused, ClaimList)


async def test_promote_a_sentence_and_demote_a_claim(make_app, settle, reader):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # article pane: the sentence cursor starts on claim 1
        await pilot.press("j")  # "Residents were unhappy."
        view = app.screen.query_one(ArticleView)
        assert view.current_sentence.text == "Residents were unhappy."
        await pilot.press("a")
        sentences = reader.claims(1, include_sentences=True)
        assert sentences[1].is_claim
        assert "Residents were unhappy." in [c.text for c in claim_list(app).claims]
        await pilot.press("k", "x")  # demote the first claim
        assert not reader.claims(1, include_sentences=True)[0].is_claim
        assert len(claim_list(app).claims) == 4
        await pilot.press("1")  # a verdict on a plain sentence is refused
        assert reader.claims(1, include_sentences=True)[0].verdict is None


async def test_note_and_text_edits_are_saved(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.press(*"ONS table 4 [link]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored(reader)[0].note == "ONS table 4 [link]"
        assert "ONS table 4 [link]" in screen(app)
        await pilot.press("e")
        await pilot.press(*" (roads)", "ctrl+s")
        assert stored(reader)[0].text.endswith("last year. (roads)")
        await pilot.press("n", "x", "escape")  # Esc cancels
        assert stored(reader)[0].note == "ONS table 4 [link]"


async def test_article_list_opens_an_article(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        shot = screen(app)
        assert "Hospital waiting lists" in shot and "The Courier" in shot
        assert "1/4" in shot
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert app.main.article.title == "Exports and the harbour"


async def test_search_jumps_to_a_claim_in_another_article(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"quit")  # letters go to the search box, not to the app
        await settle(pilot)
        assert app.is_running and "0 claims" in screen(app)
        await pilot.press(*["backspace"] * 4, *"billion")
        await settle(pilot)
        assert "Funding doubled" in screen(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.article.title == "Hospital waiting lists"
        assert current_text(app) == "Funding doubled to 2 billion pounds."


async def test_help_lists_live_keys(make_app, settle, screen):
    app = make_app(Config(user="tester", keys={"verdict_1": "t"}))
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shot = screen(app)
        assert "Verdict: True" in shot and "verdict_1" in shot
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_remapped_keys_work_and_old_ones_do_not(make_app, settle, reader, screen):
    config = Config(user="tester", keys={"verdict_1": "t", "undo": "z", "cursor_down": "s"})
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert stored(reader)[0].verdict is None
        await pilot.press("t")
        assert stored(reader)[0].verdict == "True"
        await pilot.press("z")
        assert stored(reader)[0].verdict is None
        await pilot.press("g", "s")
        assert claim_list(app).cursor == 1
        assert "t True" in screen(app)


async def test_reopening_resumes_on_the_same_article_and_claim(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        await pilot.press("j", "j")
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.main.article.title == "Hospital waiting lists"
        assert current_text(again) == "Only 40 percent of patients were seen within 18 weeks."


async def test_change_from_another_session_appears_within_two_seconds(
    make_app, settle, reader, screen
):
    app = make_app(poll_interval=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = stored(reader)[0]
        reader.set_verdict([first.id], "Misleading")  # the other journalist
        for _ in range(20):
            await pilot.pause(0.1)
            await settle(pilot)
            if claim_list(app).claims[0].verdict == "Misleading":
                break
        assert claim_list(app).claims[0].verdict == "Misleading"
        assert "Misleading" in screen(app)


async def test_keys_restyle_only_what_changed_and_the_pane_matches_a_full_redraw(make_app, settle):
    """A key repaints the lines of the sentences it touched (a 10 MB article stays responsive);
    what the pane then shows is exactly what drawing the whole article again would show."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        for keys in (["1"], ["j", "j"], ["x"], ["tab", "j", "a"], ["u"], ["k", "c"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert view._lines == view._lines_between(0, len(view._ranges) - 1)


async def test_tab_moves_to_the_article_when_the_filter_shows_no_claims(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", "f")  # checking: none
        assert "No claims match the filter." in screen(app)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert app.focused is claim_list(app)


async def test_search_result_the_filter_hides_switches_the_filter(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", "f", "f")  # decided: nothing decided yet, so nothing shown
        assert claim_list(app).claims == []
        await pilot.press("slash", *"billion")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.article.title == "Hospital waiting lists"
        assert current_text(app) == "Funding doubled to 2 billion pounds."
        assert "Claims: all" in screen(app)
        said = " ".join(n.message for n in app._notifications)
        assert "Filter switched to “all” to show that claim." in said


async def test_first_frame_already_shows_the_article_and_its_claims(make_app):
    app = make_app()
    async with app.run_test(size=SIZE):
        # No pause: what the first frame holds, before any worker has reported.
        assert app.main.article is not None
        assert app.main.article.title == "Council budget under pressure"
        assert claim_list(app).claims[0].text == (
            "The council spent 12 million pounds on roads last year."
        )


async def test_reset_key_takes_a_claim_back_to_undecided_and_stays_on_it(
    make_app, settle, reader, screen
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "k")  # decide the first claim, go back up to it
        assert stored(reader)[0].verdict == "Misleading"
        await pilot.press("0")
        first = stored(reader)[0]
        assert (first.status, first.verdict) == (UNDECIDED, None)
        assert current_text(app) == first.text  # the cursor stays, to decide it again
        await pilot.press("c", "k", "backspace")  # backspace does the same
        assert stored(reader)[0].status == UNDECIDED
        await pilot.press("u")  # one undo step brings the checking mark back
        assert stored(reader)[0].status == CHECKING


def article_pane_text(shot: str) -> str:
    """The article pane's lines joined as one text (the pane is the first bordered column)."""
    lines = []
    for line in shot.splitlines():
        parts = line.split("│")
        if len(parts) >= 3:
            lines.append(parts[1].strip())
    return " ".join(" ".join(lines).split())


async def test_article_is_laid_out_again_when_the_terminal_shrinks(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        # Every word is still there, wrapped to the narrower pane, none cut at its old width.
        text = article_pane_text(screen(app))
        assert "The council spent 12 million pounds on roads last year." in text
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert "Rents rose by 8 percent since 2020." in article_pane_text(screen(app))


async def test_a_plain_sentence_from_search_opens_in_the_article_pane(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"residents unhappy")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        assert app.focused.current_sentence.text == "Residents were unhappy."
        await pilot.press("a")  # promoted from where search landed
        await settle(pilot)
        assert "Residents were unhappy." in [c.text for c in claim_list(app).claims]


async def test_rows_end_in_an_ellipsis_before_the_scrollbar_of_a_long_list(
    make_app, settle, screen
):
    app = make_app()
    async with app.run_test(size=(80, 10)) as pilot:  # four claims, room for three: a scrollbar
        await settle(pilot)
        assert claim_list(app).show_vertical_scrollbar
        rows = [line.split("90 ", 1)[1].split("│")[0] for line in screen(app).splitlines()
                if "90 The council spent" in line or "90 Rents rose" in line]  # fmt: skip
        assert len(rows) == 2
        for row in rows:  # shortened where the text ends, not cut off by the scrollbar
            assert row.rstrip("▁▂▃▄▅▆▇█ ").endswith("…"), row
