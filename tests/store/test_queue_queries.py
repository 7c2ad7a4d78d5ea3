"""The workspace queue's queries: undecided claims of every article, best first, in pages."""

from __future__ import annotations

from pathlib import Path

from triage.models import Article, Sentence
from triage.store.workspace import Store


def _store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "queue.db", "ana")
    for title, scores in (("A", (0.7, 0.2, 0.9)), ("B", (0.9, 0.5)), ("C", (0.6,))):
        text, sentences = "", []
        for n, score in enumerate(scores):
            body = f"{title} sentence {n} says {n + 1} things."
            start = len(text) + (1 if text else 0)
            text = f"{text} {body}" if text else body
            sentences.append(Sentence(start, start + len(body), body, score, score >= 0.5))
        store.add_article(Article(title=f"Story {title}", text=text), sentences)
    return store


def test_undecided_claims_come_best_first_across_articles(tmp_path):
    store = _store(tmp_path)
    page = store.undecided_claims(10)
    assert [(c.text[:12], title) for c, title in page] == [
        ("A sentence 2", "Story A"),  # 0.9; ties in article then reading order
        ("B sentence 0", "Story B"),  # 0.9
        ("A sentence 0", "Story A"),  # 0.7
        ("C sentence 0", "Story C"),  # 0.6
        ("B sentence 1", "Story B"),  # 0.5
    ]  # the 0.2 sentence is no claim
    assert store.undecided_count() == 5
    store.close()


def test_pages_follow_on_even_when_claims_are_decided_meanwhile(tmp_path):
    store = _store(tmp_path)
    first = store.undecided_claims(2)
    store.set_verdict([first[0][0].id], "True")  # decided between two pages
    second = store.undecided_claims(2, after=first[-1][0])
    third = store.undecided_claims(2, after=second[-1][0])
    texts = [c.text[:12] for c, _ in first + second + third]
    assert texts == ["A sentence 2", "B sentence 0", "A sentence 0", "C sentence 0", "B sentence 1"]
    assert store.undecided_count() == 4
    assert store.undecided_claims(2, after=third[-1][0]) == []
    store.close()
