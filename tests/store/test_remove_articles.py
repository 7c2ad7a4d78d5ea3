"""Removing articles keeps links and clusters consistent and is recorded in the event log."""

from __future__ import annotations

import pytest

from triage.link.clusters import cluster_ids, summarize
from triage.models import AUTOMATIC, Article, Link, Sentence, TriageError
from triage.store.articles import ArticleStore
from triage.store.links import LinkStore
from triage.store.workspace import Store


def add(store: Store, title: str, text: str) -> int:
    article_id = store.add_article(Article(title=title, text=text),
                                   [Sentence(0, len(text), text, 0.9, True)])  # fmt: skip
    assert article_id is not None
    return store.claims(article_id)[0].id


def test_a_cluster_held_together_by_a_removed_claim_splits(store: Store) -> None:
    first = add(store, "Monday", "The ferry carried 4,000 people in May.")
    middle = add(store, "Tuesday", "The ferry carried 4,000 people in May, the port said.")
    last = add(store, "Wednesday", "In May the ferry carried 4,000 people, the port said.")
    links = LinkStore(store)
    links.add_links([Link(first, middle, 90, AUTOMATIC), Link(middle, last, 90, AUTOMATIC)])
    store.set_verdict([first], "True")
    assert sorted(cluster_ids(links, last)) == [first, middle, last]
    assert summarize(links, last).inherited_verdict == "True"

    [removed] = ArticleStore(store).remove([store.claim(middle).article_id])
    assert (removed.title, removed.claims) == ("Tuesday", 1)
    assert cluster_ids(links, last) == [last] and cluster_ids(links, first) == [first]
    assert summarize(links, last).inherited_verdict is None  # the verdict no longer reaches it
    assert links.links(first) == [] and links.links(last) == []
    with pytest.raises(TriageError):
        store.claim(middle)


def test_unknown_ids_remove_nothing(store: Store) -> None:
    claim = add(store, "Monday", "The ferry carried 4,000 people in May.")
    article_id = store.claim(claim).article_id
    with pytest.raises(TriageError, match="no articles with ids 98, 99 in this workspace"):
        ArticleStore(store).remove([article_id, 98, 99])
    assert store.article_count() == 1 and store.claim(claim).article_id == article_id
    assert [e.kind for e in store.events()] == []


def test_the_removal_is_one_batch_in_the_log_naming_each_article(store: Store) -> None:
    one = store.claim(add(store, "Monday", "The ferry carried 4,000 people in May.")).article_id
    two = store.claim(add(store, "Tuesday", "Fares rose by 3 percent in June.")).article_id
    ArticleStore(store).remove([two, one])
    removals = [e for e in store.events() if e.kind == "remove"]
    assert [(e.old, e.user, e.field) for e in removals] == [
        ("Tuesday", "alice", "article"),
        ("Monday", "alice", "article"),
    ]
    assert len({e.batch for e in removals}) == 1
    assert store.article_count() == 0 and store.progress() == (0, 0)
