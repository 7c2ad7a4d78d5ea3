"""The watch tables and the "new repeats" query (triage/store/watch.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.models import (
    ACCEPTED,
    AUTOMATIC,
    OPPOSITE,
    REJECTED,
    SUGGESTED,
    Article,
    Link,
    Sentence,
)
from triage.store.links import WORKSPACE_PREFIX, LinkStore
from triage.store.watch import ENTRY, FAILED, FILE, IMPORTED, MAX_ATTEMPTS, FeedState, WatchStore
from triage.store.workspace import Store

THRESHOLD = 85.0


def add(store: Store, title: str, *sentences: str) -> list[int]:
    """An article of claims; returns their ids in order."""
    text, spans = "", []
    for body in sentences:
        text += (" " if text else "") + body
        spans.append(Sentence(len(text) - len(body), len(text), body, 0.9, True))
    article_id = store.add_article(Article(title=title, text=text), spans)
    return [claim.id for claim in store.claims(article_id)]


@pytest.fixture
def store(tmp_path: Path):
    store = Store.open(tmp_path / "w.db", "tester")
    yield store
    store.close()


def test_seen_entries_failures_and_feeds_survive_a_reopen(tmp_path: Path):
    path = tmp_path / "w.db"
    store = Store.open(path, "tester")
    seen = WatchStore(store)
    seen.record(ENTRY, "urn:1", IMPORTED, source="http://f", link="http://p/1", article_id=1)
    seen.record(ENTRY, "urn:2", FAILED, source="http://f", link="http://p/2", title="Two")
    seen.record(FILE, "/in/a.txt", IMPORTED, version="abc")
    seen.save_feed(FeedState("http://f", '"e1"', "Tue, 14 Nov 2023 22:13:20 GMT"))
    store.close()

    store = Store.open(path, "tester")
    seen = WatchStore(store)
    assert seen.done_entries(["urn:1", "urn:2", "urn:3"]) == {"urn:1"}
    assert [(p.key, p.link, p.title) for p in seen.pending_entries("http://f")] == [
        ("urn:2", "http://p/2", "Two")
    ]
    assert seen.file_seen("/in/a.txt", "abc")
    assert not seen.file_seen("/in/a.txt", "changed")
    assert seen.feed_state("http://f").etag == '"e1"'
    for _ in range(MAX_ATTEMPTS - 1):
        seen.record(ENTRY, "urn:2", FAILED, source="http://f", link="http://p/2")
    assert seen.attempts(ENTRY, "urn:2") == MAX_ATTEMPTS
    assert seen.done_entries(["urn:2"]) == {"urn:2"}  # given up on
    assert seen.pending_entries("http://f") == []
    assert seen.done_entries([]) == set()
    store.close()


def test_new_repeats_lists_undecided_repeats_of_rated_claims_best_first(store: Store):
    rated = add(store, "Old story", "Fees rose by 12 percent.", "Exports fell to 9 tonnes.")
    store.set_verdict([rated[0]], "False")
    store.set_verdict([rated[1]], "Mostly true")
    unrated = add(store, "Unrated story", "Rents rose by 8 percent.")
    new = add(
        store,
        "New story",
        "Fees went up 12 percent.",  # automatic link to a rated claim, 91
        "Exports dropped to 9 tonnes.",  # suggested link to a rated claim, 64
        "Rents went up 8 percent.",  # linked to an unrated claim: not listed
        "Fees fell 12 percent.",  # an opposite of a rated claim: not listed
        "Fees climbed by 12 percent.",  # rejected by the journalist: not listed
    )
    later = add(store, "Later story", "Exports were 9 tonnes.")  # accepted link, 70
    links = LinkStore(store)
    links.add_links(
        [
            Link(new[0], rated[0], 91.0, AUTOMATIC),
            Link(new[1], rated[1], 64.0, SUGGESTED),
            Link(new[2], unrated[0], 95.0, AUTOMATIC),
            Link(new[3], rated[0], 88.0, SUGGESTED, relation=OPPOSITE),
            Link(new[4], rated[0], 80.0, SUGGESTED),
            Link(later[0], rated[1], 70.0, SUGGESTED),
        ]
    )
    links.set_link_state([(new[4], rated[0])], REJECTED)
    links.set_link_state([(later[0], rated[1])], ACCEPTED)

    rows = WatchStore(store).new_repeats()

    assert [(r.claim.id, r.earlier.id, r.earlier.verdict, r.score) for r in rows] == [
        (new[0], rated[0], "False", 91.0),
        (later[0], rated[1], "Mostly true", 70.0),
        (new[1], rated[1], "Mostly true", 64.0),
    ]
    # A suggestion is shown as one ("may repeat"), never as the same claim.
    assert [r.suggested for r in rows] == [False, False, True]
    assert rows[0].article_title == "New story" and rows[0].earlier_title == "Old story"

    store.set_verdict([new[0]], "False")  # decided: it leaves the list
    assert [r.claim.id for r in WatchStore(store).new_repeats()] == [later[0], new[1]]


def test_an_archive_match_of_a_verdict_alone_is_not_listed(store: Store):
    rated = add(store, "Old", "Fees rose by 12 percent.")
    store.set_verdict(rated, "False")
    (other,) = add(store, "New", "Boats were sold in 2024.")
    LinkStore(store).set_matches({other: [(f"{WORKSPACE_PREFIX}{rated[0]}", 98.0)]})
    assert WatchStore(store).new_repeats() == []


def test_arrival_counts_repeats_and_claims_checked_before(store: Store):
    old = add(store, "Old", "Fees rose by 12 percent.", "Exports fell to 9 tonnes.")
    new = add(store, "New", "Fees went up 12 percent.", "Exports dropped.", "Rents rose 8 percent.")
    links = LinkStore(store)
    links.add_links([Link(new[0], old[0], 91.0, AUTOMATIC), Link(new[1], old[1], 40.0, SUGGESTED)])
    links.set_matches({new[0]: [("fc-1", 90.0)], new[2]: [("fc-2", 50.0)]})
    arrival = WatchStore(store).arrival(store.claim(new[0]).article_id, THRESHOLD)
    assert (arrival.repeats, arrival.checked_before) == (1, 1)
