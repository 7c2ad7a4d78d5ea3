"""What linking writes and reads for every article, made cheaper: the claim term index written as
multi-row statements (store.workspace.insert_rows), where every posting and count must arrive
whatever the number of rows, and the archive's cache key read without counting the archive."""

from __future__ import annotations

import pytest

from triage.store.links import LinkStore
from triage.store.workspace import VALUES_ROWS, Store, insert_rows

WORDS = [f"word{n}" for n in range(400)]


@pytest.mark.parametrize("postings", [1, 2, 3, VALUES_ROWS - 1, VALUES_ROWS, VALUES_ROWS + 1, 301])
def test_every_posting_and_count_is_stored_whatever_the_number_of_rows(
    store: Store, postings: int
) -> None:
    links = LinkStore(store)
    # Claims of ten terms each (the last one shorter), ids 10, 11, ...; "shared" in every claim.
    claims: list[tuple[int, str, list[str]]] = []
    left = postings
    for claim_id in range(10, 10 + postings):
        if left <= 0:
            break
        terms = ["shared", *WORDS[claim_id * 9 % 391 : claim_id * 9 % 391 + min(9, left - 1)]]
        claims.append((claim_id, " ".join(terms), terms))
        left -= len(terms)
    links.index_claims(claims)

    expected: dict[str, list[int]] = {}
    for claim_id, _, terms in claims:
        for term in set(terms):
            expected.setdefault(term, []).append(claim_id)
    assert sum(len(ids) for ids in expected.values()) == postings
    assert links.postings_by_term(expected) == {t: sorted(ids) for t, ids in expected.items()}
    assert links.all_term_counts() == {t: len(ids) for t, ids in expected.items()}


def test_indexing_an_article_again_adds_no_posting_twice(store: Store) -> None:
    links = LinkStore(store)
    claims = [(claim_id, "a b", ["council", f"pier{claim_id}"]) for claim_id in range(1, 200)]
    links.index_claims(claims)
    links.index_claims(claims[:1])
    assert links.postings_by_term(["council"]) == {"council": list(range(1, 200))}


def test_insert_rows_with_no_rows_runs_no_statement(store: Store) -> None:
    with store.writing() as conn:
        insert_rows(conn, "INSERT INTO no_such_table (a, b)", [])  # would fail if run


def test_the_archive_version_changes_with_every_import_of_fact_checks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linking rebuilds its archive matcher only when this key changes: an import of new
    fact-checks, and one that only updates known ones (a new rating), must both change it."""
    import triage.store.links as links_module
    from triage.models import FactCheck

    clock = iter(["2026-01-01T10:00:00.000+00:00", "2026-01-01T10:00:01.000+00:00",
                  "2026-01-01T10:00:02.000+00:00"])  # fmt: skip
    monkeypatch.setattr(links_module, "now", lambda: next(clock))
    links = LinkStore(store)
    empty = links.factchecks_version()
    pier = FactCheck("fc-pier", "The council spent 2.5 million euros on the pier.", rating="false")
    links.add_factchecks([pier], source="test")
    first = links.factchecks_version()
    links.add_factchecks([FactCheck("fc-road", "The road was closed for a year.")], source="test")
    second = links.factchecks_version()
    links.add_factchecks([FactCheck(pier.id, pier.claim, rating="true")], source="test")
    third = links.factchecks_version()
    assert len({empty, first, second, third}) == 4
    assert links.factchecks_version() == third  # nothing imported: the same key
