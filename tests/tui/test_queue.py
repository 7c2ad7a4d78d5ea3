"""The claim order, the maybe band, dismiss-the-rest and the workspace queue, driven by keys."""

from __future__ import annotations

import pytest

from triage.extract import DEFAULT_THRESHOLD
from triage.models import CHECKING, DECIDED, DISMISSED, UNDECIDED
from triage.tui import claim_queue
from triage.tui.screens.confirm import ConfirmScreen
from triage.tui.screens.queue import QueueScreen
from triage.tui.widgets.claim_list import ClaimList
from triage.tui.widgets.queue_list import QueueList

SIZE = (100, 30)
BEST_FIRST = [
    "Cargo volumes rose by 12 percent in 2024.",  # 0.91
    "The harbour master said 300 jobs were created.",  # 0.77
    "The port spent 40 million pounds on dredging.",  # 0.62
    "Fees will double by 2026, the board said.",  # 0.55
]
MAYBE_BEST_FIRST = [
    "Some residents think the works were noisy.",  # 0.44
    "The board may revisit the plan.",  # 0.38
]
READING = [
    "The port spent 40 million pounds on dredging.",
    "Cargo volumes rose by 12 percent in 2024.",
    "The harbour master said 300 jobs were created.",
    "Fees will double by 2026, the board said.",
]
QUEUE = [
    "Ticket sales fell to 2 million in March.",  # 0.95, rail
    "Cargo volumes rose by 12 percent in 2024.",  # 0.91, harbour
    "Bus journeys grew by 7 percent.",  # 0.88, bus
    "Rail fares rose by 5 percent in January.",  # 0.83, rail
    "The harbour master said 300 jobs were created.",  # 0.77
    "Drivers went on strike for 3 days.",  # 0.66
    "The port spent 40 million pounds on dredging.",  # 0.62
    "The operator blamed the weather for 40 cancellations.",  # 0.58
    "Fees will double by 2026, the board said.",  # 0.55
]


def rows(app) -> list[str]:
    return [c.text for c in app.main.query_one(ClaimList).claims]


def current(app) -> str:
    return app.screen.query_one(ClaimList).current.text


def harbour(reader) -> dict[str, object]:
    return {c.text: c for c in reader.claims(1, include_sentences=True)}


async def test_claims_best_first_with_the_maybe_band_below(
    make_app, settle, screen, scored_workspace, scored_config
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(app) == BEST_FIRST + MAYBE_BEST_FIRST
        assert current(app) == BEST_FIRST[0]  # the journalist starts on the strongest claim
        shot = screen(app)
        assert "Claims: all (4) · best first" in shot
        assert "2 maybe below the threshold" in shot
        band = [line for line in shot.splitlines() if "maybe " in line and "Some residents" in line]
        assert band and "44" in band[0]  # badge and score of the maybe sentence
        assert "It rained on the day." not in rows(app)  # too far under the threshold
        await pilot.press("f")  # undecided: the band stays
        assert rows(app)[-2:] == MAYBE_BEST_FIRST
        await pilot.press("f")  # checking: no claims and no band
        assert rows(app) == []


async def test_a_verdict_moves_on_in_list_order(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert harbour(scored_reader)[BEST_FIRST[0]].verdict == "True"
        assert current(app) == BEST_FIRST[1]  # the next best, not the next in reading order
        await pilot.press("j", "6")
        assert current(app) == BEST_FIRST[3]
        await pilot.press("6")  # the last claim: wraps to the first undecided
        assert current(app) == BEST_FIRST[1]


async def test_the_order_toggle_is_remembered_across_restarts(
    make_app, settle, scored_workspace, scored_config, screen
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # on the 0.77 claim
        await pilot.press("s")
        assert rows(app) == READING + [
            "Some residents think the works were noisy.",
            "The board may revisit the plan.",
        ]
        assert current(app) == BEST_FIRST[1]  # the cursor stays on its claim
        assert "· reading order" in screen(app)
        await pilot.press("q")
    again = make_app(scored_config(), path=scored_workspace)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(again)[:4] == READING
        await pilot.press("s")
        assert rows(again)[:4] == BEST_FIRST
        await pilot.press("q")
    third = make_app(scored_config(), path=scored_workspace)
    async with third.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(third)[:4] == BEST_FIRST


async def test_a_maybe_sentence_is_promoted_from_the_claim_list(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # the last row: the weakest maybe sentence
        assert current(app) == "The board may revisit the plan."
        await pilot.press("1")  # not a claim yet: no verdict
        assert harbour(scored_reader)["The board may revisit the plan."].verdict is None
        await pilot.press("a")
        assert harbour(scored_reader)["The board may revisit the plan."].is_claim
        assert rows(app) == [*BEST_FIRST, "The board may revisit the plan.", MAYBE_BEST_FIRST[0]]
        assert current(app) == "The board may revisit the plan."  # now the last claim
        await pilot.press("4")
        assert harbour(scored_reader)["The board may revisit the plan."].verdict == "Misleading"


async def test_dismiss_the_rest_after_a_confirm_and_undo_in_one_step(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "X")  # cursor on the second best
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 undecided claims" in app.screen.question
        await pilot.press("escape")
        assert all(c.status == UNDECIDED for c in scored_reader.claims(1))
        await pilot.press("X", "y")
        await settle(pilot)
        stored = harbour(scored_reader)
        assert [stored[t].status for t in BEST_FIRST] == [
            UNDECIDED,
            UNDECIDED,
            DISMISSED,
            DISMISSED,
        ]
        assert stored[MAYBE_BEST_FIRST[0]].status == UNDECIDED  # the band is not touched
        assert current(app) == BEST_FIRST[1]
        assert scored_reader.claims(2)[0].status == UNDECIDED  # nor is another article
        await pilot.press("u")
        await settle(pilot)
        assert all(c.status == UNDECIDED for c in scored_reader.claims(1))  # one u: all back


async def test_dismiss_the_rest_follows_the_order_and_skips_decided_claims(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "g")  # reading order, first row: the 0.62 claim
        await pilot.press("j", "c")  # the 0.91 claim is being checked
        await pilot.press("g", "X")
        assert "2 undecided claims" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        stored = harbour(scored_reader)
        assert stored[READING[0]].status == UNDECIDED
        assert stored[READING[1]].status == CHECKING  # decided already: left alone
        assert stored[READING[2]].status == DISMISSED
        assert stored[READING[3]].status == DISMISSED
        await pilot.press("G", "X")  # nothing undecided below the last row
        assert not isinstance(app.screen, ConfirmScreen)


async def test_workspace_queue_decides_best_first_and_moves_on(
    make_app, settle, scored_workspace, scored_config, scored_reader, screen
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        queue = app.screen.query_one(QueueList)
        assert [c.text for c in queue.claims] == QUEUE
        assert "Queue: 9 undecided" in screen(app)
        assert "Rail fares" in screen(app)  # each row names its article
        await pilot.press("2")
        ticket = scored_reader.claims(2)[1]  # committed when the key returns
        assert (ticket.status, ticket.verdict) == (DECIDED, "Mostly true")
        assert queue.current.text == QUEUE[1]
        await pilot.press("c", "x")
        assert harbour(scored_reader)[QUEUE[1]].status == CHECKING
        assert scored_reader.claims(3)[0].status == DISMISSED
        assert queue.current.text == QUEUE[3]
        await settle(pilot)
        assert "Queue: 6 undecided" in screen(app)
        assert "Mostly true" in screen(app)  # decided rows stay, with their verdict
        await pilot.press("u")
        assert scored_reader.claims(3)[0].status == UNDECIDED
        assert queue.current.text == QUEUE[2]  # back on the claim undone
        await pilot.press("k", "k", "0")  # the ticket sales claim, back to undecided
        ticket = scored_reader.claims(2)[1]
        assert (ticket.status, ticket.verdict) == (UNDECIDED, None)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QueueScreen)
        assert "Overall 0/9" in screen(app)


async def test_enter_in_the_queue_opens_the_claim_in_its_article(
    make_app, settle, scored_workspace, scored_config
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("j", "j", "j", "enter")  # rail fares, 0.83
        await settle(pilot)
        assert app.main.article.title == "Rail fares"
        assert current(app) == "Rail fares rose by 5 percent in January."


async def test_the_queue_pages_through_a_big_workspace(
    make_app, settle, scored_workspace, scored_config, monkeypatch
):
    monkeypatch.setattr("triage.tui.screens.queue.PAGE", 2)
    monkeypatch.setattr("triage.tui.screens.queue.PREFETCH", 1)
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert queue.row_count < len(QUEUE)
        for _ in range(len(QUEUE)):
            await pilot.press("j")
            await settle(pilot)
        assert [c.text for c in queue.claims] == QUEUE
        assert queue.current.text == QUEUE[-1]


async def test_remapped_verdict_keys_work_in_the_queue(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(keys={"verdict_1": "t", "queue": "b"}), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("1")
        assert scored_reader.claims(2)[1].verdict is None
        await pilot.press("t")
        assert scored_reader.claims(2)[1].verdict == "True"


async def test_the_footer_names_the_new_keys_when_there_is_room(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = screen(app).splitlines()[-1]
        for shown in ("w Queue", "s Sort", "X Dismiss rest", "? Help", "/ Search"):
            assert shown in footer
        assert len(footer.rstrip()) <= 100


# -- the ordering rules, without the app ---------------------------------------------------------


def test_the_band_sits_within_its_width_under_the_threshold(scored_reader, scored_config):
    threshold = scored_config().claim_threshold
    sentences = scored_reader.claims(1, include_sentences=True)
    band = claim_queue.maybe_band(sentences, threshold, claim_queue.SCORE_ORDER)
    assert [s.text for s in band] == MAYBE_BEST_FIRST
    wider = claim_queue.maybe_band(sentences, threshold, claim_queue.READING_ORDER, width=0.25)
    assert [s.text for s in wider] == [
        MAYBE_BEST_FIRST[0],
        *MAYBE_BEST_FIRST[1:],
        "It rained on the day.",
    ]


@pytest.mark.parametrize("configured", [None, 0.4])
def test_the_threshold_is_the_configs_else_the_extractors(configured):
    expected = DEFAULT_THRESHOLD if configured is None else configured
    assert claim_queue.claim_threshold(configured) == expected


def test_next_undecided_follows_the_list_and_wraps(scored_reader):
    claims = claim_queue.in_order(scored_reader.claims(1), claim_queue.SCORE_ORDER)
    best, second, third, last = claims
    assert claim_queue.next_undecided(claims, second, claim_queue.SCORE_ORDER) == third
    assert claim_queue.next_undecided(claims, last, claim_queue.SCORE_ORDER) == best  # wraps
    # the anchor may have left the list (the undecided filter hides it once decided)
    assert claim_queue.next_undecided([best, third, last], second, "score") == third
    assert claim_queue.rest_below(claims, 1) == [third.id, last.id]
    assert claim_queue.rest_below(claims, 3) == []


async def test_dismiss_the_rest_keeps_what_another_session_decided_meanwhile(
    make_app, settle, scored_workspace, scored_config, scored_reader
):
    app = make_app(scored_config(), path=scored_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("X")  # the three below the best claim
        assert "3 undecided claims" in app.screen.question
        scored_reader.set_verdict([harbour(scored_reader)[BEST_FIRST[2]].id], "Mixed")
        await pilot.press("y")
        await settle(pilot)
        stored = harbour(scored_reader)
        assert (stored[BEST_FIRST[2]].status, stored[BEST_FIRST[2]].verdict) == (DECIDED, "Mixed")
        assert [stored[t].status for t in (BEST_FIRST[1], BEST_FIRST[3])] == [DISMISSED] * 2
