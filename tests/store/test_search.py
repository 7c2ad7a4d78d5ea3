"""Full-text search: what a journalist types finds what the article says, however it is spelled."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from triage.models import Article, Sentence
from triage.store import search
from triage.store.articles import ArticleStore
from triage.store.workspace import Store


def add(store: Store, title: str, *sentences: str, claims: int | None = None) -> list[int]:
    """Store an article of these sentences (the first `claims` are claims, default all)."""
    text, spans = "", []
    for index, body in enumerate(sentences):
        if text:
            text += " "
        is_claim = claims is None or index < claims
        spans.append(Sentence(len(text), len(text) + len(body), body, 0.9 if is_claim else 0.1,
                              is_claim))  # fmt: skip
        text += body
    article_id = store.add_article(Article(title=title, text=text), spans)
    assert article_id is not None
    return [c.id for c in store.claims(article_id, include_sentences=True)]


def found(store: Store, query: str) -> list[str]:
    return [claim.text for claim, _ in store.search(query).hits]


def intact(store: Store) -> None:
    """FTS5's own check of the index's structure (a bad 'delete' would break it)."""
    store.db.execute(f"INSERT INTO {search.TABLE} ({search.TABLE}) VALUES ('integrity-check')")


@pytest.fixture
def news(store: Store) -> Store:
    add(store, "Calls", "Trump’s calls to the allies went unanswered.")
    add(store, "Europe", "Europe will host 4,300 more troops, the minister said.")
    add(store, "Budget", "The fund paid out 4\u202f300 euros in grants.")
    add(store, "Brazil", "Prices in São Paulo rose by 12 percent.")
    add(store, "Poland", "Łódź lost 2 000 jobs in a year.")
    return store


def test_a_straight_apostrophe_finds_a_curly_one_and_back(news: Store) -> None:
    assert found(news, "Trump's calls") == ["Trump’s calls to the allies went unanswered."]
    news_two = add(news, "Modifier", "The mayorʼs office closed.")  # U+02BC, a "letter"
    assert found(news, "mayor's office") == [news.claim(news_two[0]).text]
    assert found(news, "mayor’s") == [news.claim(news_two[0]).text]


def test_words_match_in_any_order(news: Store) -> None:
    assert found(news, "troops europe") == [
        "Europe will host 4,300 more troops, the minister said."
    ]
    assert found(news, "troops asia") == []  # every word must be there


def test_a_quoted_phrase_matches_only_as_written(news: Store) -> None:
    assert found(news, '"more troops"') == [
        "Europe will host 4,300 more troops, the minister said."
    ]
    assert found(news, '"troops more"') == []
    assert found(news, "“more troops”") == found(news, '"more troops"')  # curly quotes too


def test_numbers_match_whatever_thousands_separator_was_written(news: Store) -> None:
    troops = "Europe will host 4,300 more troops, the minister said."
    grants = "The fund paid out 4\u202f300 euros in grants."
    assert sorted(found(news, "4300")) == sorted([troops, grants])
    assert sorted(found(news, "4,300")) == sorted([troops, grants])
    assert sorted(found(news, "4 300")) == sorted([troops, grants])
    assert found(news, "2000 jobs") == ["Łódź lost 2 000 jobs in a year."]  # plain space
    assert found(news, "300 euros") == []  # "4 300" is one number, not 300


def test_diacritics_and_case_are_folded(news: Store) -> None:
    assert found(news, "sao paulo") == ["Prices in São Paulo rose by 12 percent."]
    assert found(news, "SÃO PAULO") == ["Prices in São Paulo rose by 12 percent."]
    assert found(news, "lodz") == ["Łódź lost 2 000 jobs in a year."]
    assert found(news, "Sa\u0303o") == ["Prices in São Paulo rose by 12 percent."]  # combining


def test_the_last_word_is_a_prefix_while_it_is_typed(news: Store) -> None:
    assert found(news, "troops eur") == ["Europe will host 4,300 more troops, the minister said."]
    assert found(news, "troops eur ") == []  # a space ends the word
    assert found(news, '"more tro') == ["Europe will host 4,300 more troops, the minister said."]
    assert found(news, '"more tro"') == []  # a closing quote ends it too


def test_results_are_ranked_claims_first(store: Store) -> None:
    add(store, "One", "Ferry fares rose.", "The ferry was late.", claims=1)
    add(store, "Two", "A ferry, a ferry, another ferry sailed on 3 May.")
    add(store, "Three", "Nobody asked about the ferry.", claims=0)
    result = store.search("ferry")
    texts = [claim.text for claim, _ in result.hits]
    # Claims first, the one saying "ferry" three times best; then the plain sentences.
    assert texts[:2] == ["A ferry, a ferry, another ferry sailed on 3 May.", "Ferry fares rose."]
    assert sorted(texts[2:]) == ["Nobody asked about the ferry.", "The ferry was late."]
    assert [claim.is_claim for claim, _ in result.hits] == [True, True, False, False]
    assert [title for _, title in result.hits][:2] == ["Two", "One"]
    assert (result.matches, result.capped) == (4, False)


@pytest.mark.parametrize(
    "query",
    ['"', '"""', 'troops "', '"more troops', "NEAR(troops europe)", "troops NEAR europe",
     "troops*", "*", "-troops", "troops -europe", "body:troops", "^troops", "troops AND",
     "OR", "NOT europe", "(troops", "troops)", "{body numbers}: x", "+", "a'b\"c", "\\", "%_",
     "\x00troops", "troops\u2028europe", "🙂", "‘’“”", "4 300 000 2", "1,2,3,4",
     " ".join(["troops"] * 2000), '"' + "europe " * 500 + '"'],
)  # fmt: skip
def test_hostile_query_text_never_raises(news: Store, query: str) -> None:
    result = news.search(query)
    assert isinstance(result.hits, list)


def test_fts5_syntax_is_searched_as_words(news: Store) -> None:
    assert found(news, "NEAR(troops europe)") == []  # "near" is not in the text
    assert found(news, "troops* europe") == found(news, "troops europe")
    assert found(news, '"more troops') == found(news, '"more troops"')  # unclosed: to the end


def test_random_query_text_never_raises(news: Store) -> None:
    rng = random.Random(11)
    alphabet = list("\"'*-+^:(){}[],.NEARORAND 4300 troops ’“”ø\\") + ["NEAR", "OR", "AND", "NOT"]
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        news.search(query)


def test_an_edited_claim_is_found_by_its_new_words_only(news: Store) -> None:
    [claim] = add(news, "Harbour", "The harbour handled 950 tonnes.")
    news.set_text(claim, "The harbour handled 12 ships.")
    assert found(news, "950 tonnes") == []
    assert found(news, "12 ships") == ["The harbour handled 12 ships."]
    news.undo()
    assert found(news, "950 tonnes") == ["The harbour handled 950 tonnes."]
    assert found(news, "ships") == []
    news.redo()
    assert found(news, "ships") == ["The harbour handled 12 ships."]
    intact(news)


def test_a_removed_article_is_no_longer_found_and_the_rest_is(news: Store) -> None:
    [claim] = add(news, "Harbour", "The harbour handled 4,300 tonnes.")
    news.set_text(claim, "The harbour handled 4,300 tonnes of grain.")  # removal after an edit
    ArticleStore(news).remove([news.claim(claim).article_id])
    assert found(news, "harbour") == []
    assert len(found(news, "4300")) == 2  # the other articles' numbers are still indexed
    intact(news)


def test_a_demoted_claim_is_still_found_as_article_text(news: Store) -> None:
    [claim] = add(news, "Harbour", "The harbour handled 950 tonnes.")
    news.demote(claim)
    [(hit, _)] = news.search("harbour").hits
    assert hit.id == claim and not hit.is_claim


def _workspace_from_before_search(db_path: Path) -> None:
    """A workspace with one article, as written before m_search_001: no index, the migration not
    recorded."""
    store = Store.open(db_path, "alice")
    add(store, "Europe", "Europe will host 4,300 more troops.")
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"DROP TABLE {search.TABLE}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm_search_001'")
    conn.commit()
    conn.close()


def test_a_workspace_from_before_search_is_indexed_when_opened(db_path: Path) -> None:
    _workspace_from_before_search(db_path)
    store = Store.open(db_path, "alice")
    try:
        assert found(store, "troops europe") == ["Europe will host 4,300 more troops."]
        assert found(store, "4300") == ["Europe will host 4,300 more troops."]
    finally:
        store.close()


def test_a_common_word_ranks_the_newest_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANKED_MAX", 5)
    for day in range(1, 9):
        add(store, f"Day {day}", f"Rain fell on day {day}.")
    result = store.search("rain", limit=3)
    assert (result.matches, result.capped, len(result.hits)) == (5, True, 3)
    days = {claim.text for claim, _ in result.hits}
    assert days <= {f"Rain fell on day {day}." for day in range(4, 9)}
    result = store.search("rain fell day 2", limit=3)
    assert (result.matches, result.capped) == (1, False)


def test_fold_is_the_same_for_text_and_query() -> None:
    assert search.fold("Trump’s “4,300”") == search.fold('Trump\'s "4300"')
    assert search.match_expression("  ") is None
    assert search.match_expression('"" * - ') is None


def test_the_cli_says_why_it_pauses_while_an_old_workspace_is_upgraded(db_path: Path) -> None:
    from click.testing import CliRunner

    from triage.cli import cli

    _workspace_from_before_search(db_path)
    result = CliRunner().invoke(cli, ["stats", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "updating the workspace for this version of triage (once" in result.stderr
    again = CliRunner().invoke(cli, ["stats", "--db", str(db_path)])  # once: never again
    assert "updating the workspace" not in again.stderr
