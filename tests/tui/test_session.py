"""The triage session without Textual: what the keys do to the claims and the list."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.models import CHECKING, DECIDED, DISMISSED, UNDECIDED
from triage.store.workspace import Store
from triage.tui.session import NotSaved, TriageSession, read_resume

THRESHOLD = 0.5  # the scored workspace's (tests/tui/conftest.py)
VERDICTS = ("True", "Mostly true", "Mixed", "Mostly false", "False")


@pytest.fixture
def session(workspace: Path):
    store = Store.open(workspace, "tester")
    session = TriageSession(store, VERDICTS, THRESHOLD)
    with store.reader() as reader:
        first = read_resume(reader)
        assert first.article_id is not None
        session.show_article(
            reader.article(first.article_id), reader.claims(first.article_id, True)
        )
        session.set_totals(reader.article_ids(), reader.progress())
    yield session
    store.close()


def texts(claims) -> list[str]:
    return [c.text for c in claims]


def test_a_verdict_is_stored_and_the_next_undecided_claim_follows(session: TriageSession) -> None:
    first = session.shown()[0]
    session.set_verdict([first.id], 2)
    assert session.store.claim(first.id).verdict == "Mostly true"  # on disk already
    assert session.article_progress() == (1, 4)
    assert session.overall == (1, 9)
    target, all_decided = session.next_undecided(first)
    assert target is not None and target.text == "Rents rose by 8 percent since 2020."
    assert not all_decided


def test_undo_and_redo_bring_the_claim_back_and_forth(session: TriageSession) -> None:
    first = session.shown()[0]
    session.set_status([first.id], DISMISSED)
    undone = session.replay(undo=True)
    assert [c.id for c in undone] == [first.id]
    assert session.shown()[0].status == UNDECIDED
    assert session.overall == (0, 9)
    session.replay(undo=False)
    assert session.shown()[0].status == DISMISSED
    session.replay(undo=True)
    assert session.replay(undo=True) == []  # nothing left to undo


def test_filters_cycle_and_hide_what_they_do_not_match(session: TriageSession) -> None:
    first = session.shown()[0]
    session.set_status([first.id], CHECKING)
    assert session.cycle_filter() == "undecided"
    assert first.text not in texts(session.shown())
    assert session.cycle_filter() == "checking"
    assert texts(session.shown()) == [first.text]
    assert session.cycle_filter() == "decided"
    assert session.shown() == []
    # A claim opened from search that the filter hides switches the filter so it shows.
    assert session.show_claim(session.store.claim(first.id)) == "all"
    assert first.text in texts(session.shown())


def test_every_claim_decided_is_said_once_the_last_one_goes(session: TriageSession) -> None:
    ids = [c.id for c in session.shown()]
    session.set_verdict(ids, 1)
    target, all_decided = session.next_undecided(session.shown()[-1])
    assert all_decided and target is not None
    assert {c.status for c in session.shown()} == {DECIDED}


def test_bulk_acts_only_on_tagged_claims_the_filter_shows(session: TriageSession) -> None:
    first, second = session.shown()[:2]
    session.toggle_tag(first)
    session.toggle_tag(second)
    session.set_status([first.id], CHECKING)
    session.cycle_filter()  # undecided: the checking claim is hidden
    assert session.tagged_shown() == [second.id]


def test_next_article_stops_at_the_ends(session: TriageSession) -> None:
    assert session.neighbour_article(-1) is None
    second = session.neighbour_article(+1)
    assert second == session.article_ids[1]


def test_a_refused_write_says_not_saved_and_changes_nothing(session: TriageSession) -> None:
    first = session.shown()[0]
    session.store.close()  # a closed workspace refuses every write
    with pytest.raises(NotSaved, match="Not saved"):
        session.set_verdict([first.id], 1)
    assert session.shown()[0].status == UNDECIDED
    assert session.overall == (0, 9)


def test_maybe_band_and_order(scored_workspace: Path) -> None:
    store = Store.open(scored_workspace, "tester")
    session = TriageSession(store, VERDICTS, THRESHOLD)
    session.show_article(store.article(1), store.claims(1, True))
    assert [c.score for c in session.shown()] == [0.91, 0.77, 0.62, 0.55]  # best first
    assert [c.score for c in session.band()] == [0.44, 0.38]
    session.toggle_order()
    assert [c.score for c in session.shown()] == [0.62, 0.91, 0.77, 0.55]  # reading order
    session.cycle_filter()
    session.cycle_filter()  # checking: no undecided shown, so no maybe band
    assert session.band() == []
    store.close()
