"""Archive formats: JSONL, ClaimReview JSON-LD (object, list, @graph), CSV; malformed files fail whole.
The archive's retrieval index lives in the workspace: it survives restarts, imports and relinking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import cli
from triage.link import matcher
from triage.link.archive import read_archive
from triage.link.matcher import StoredArchive
from triage.models import FactCheck, TriageError
from triage.store.links import LinkStore
from triage.store.workspace import Store

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/bridge",
    "claimReviewed": "The new bridge cost 2 billion dollars.",
    "datePublished": "2024-05-01",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Mayor"}},
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jsonl_in_the_shared_archive_format(tmp_path: Path) -> None:
    line = {
        "id": "fc-1",
        "claim": "Bananas are berries.",
        "rating": "true",
        "url": "/bananas",
        "date": "26 May 2015",
        "title": "Berry facts",
        "author": "Ann",
        "publisher": "Checks",
    }
    (fc,) = read_archive(write(tmp_path, "a.jsonl", json.dumps(line) + "\n\n"))
    assert (fc.id, fc.claim, fc.rating, fc.url, fc.publisher) == (
        "fc-1", "Bananas are berries.", "true", "/bananas", "Checks")  # fmt: skip


@pytest.mark.parametrize(
    "document",
    [
        REVIEW,
        [REVIEW],
        {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, REVIEW]},
    ],
    ids=["object", "list", "graph"],
)
def test_claim_review_json_ld(tmp_path: Path, document: object) -> None:
    (fc,) = read_archive(write(tmp_path, "page.json", json.dumps(document)))
    assert fc.claim == "The new bridge cost 2 billion dollars."
    assert fc.rating == "Mostly false"
    assert fc.publisher == "Example Checks"
    assert fc.author == "A. Mayor"
    assert fc.url == fc.id == "https://checks.example/bridge"


def test_csv_with_a_header_and_generated_ids(tmp_path: Path) -> None:
    text = 'claim,rating,url\n"Taxes rose, again",false,https://x.example/1\nRain is wet,true,\n'
    first, second = read_archive(write(tmp_path, "a.csv", text))
    assert (first.claim, first.rating) == ("Taxes rose, again", "false")
    assert first.id != second.id and first.id.startswith("fc-")
    assert read_archive(write(tmp_path, "b.csv", text))[0].id == first.id  # stable across imports


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.jsonl",
            '{"id": "1", "claim": "ok"}\n{"id": "2", "claim": \n',
            "bad.jsonl:2: not valid JSON",
        ),
        ("bad.jsonl", '{"id": "1", "rating": "false"}\n', "bad.jsonl:1: no claim text"),
        ("bad.json", '{"@type": "WebPage"}', "no schema.org ClaimReview found"),
        ("bad.json", '{"@type": "ClaimReview", "url": "u"}', "without 'claimReviewed'"),
        ("bad.csv", "rating,url\nfalse,u\n", "no 'claim' column"),
        ("bad.csv", "claim,rating\nA claim,false,extra\n", "more cells than the header"),
        ("empty.jsonl", "\n", "no fact-checks found"),
    ],
)
def test_malformed_archives_fail_with_a_clear_message(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(TriageError, match=message):
        read_archive(write(tmp_path, name, text))


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TriageError, match="no such file"):
        read_archive(tmp_path / "nowhere.jsonl")


# -- the archive's index, stored in the workspace ------------------------------------------------

BRIDGE = FactCheck("fc-bridge", "The new river bridge cost 2 billion dollars to build.", rating="false",
                   title="Bridge cost", date="1 May 2024")  # fmt: skip
SCHOOLS = FactCheck(
    "fc-school", "Class sizes in primary schools doubled since 2010.", rating="true"
)
TRAMS = FactCheck("fc-tram", "The tram line carries forty thousand riders a day.", rating="mixed")


def import_factchecks(store: Store, factchecks: list[FactCheck]) -> int:
    """What `triage factchecks import` does: the archive and its index in one transaction."""
    with store.writing():
        LinkStore(store).add_factchecks(factchecks, source="test")
        return StoredArchive(store).refresh(imported=True)


def best(store: Store, text: str) -> str:
    found = StoredArchive.open(store).match(text, top=1)
    return found[0].factcheck.id if found else ""


def test_the_index_survives_a_restart_and_is_opened_not_rebuilt(db_path: Path) -> None:
    store = Store.open(db_path)
    assert import_factchecks(store, [BRIDGE, SCHOOLS]) == 2
    store.close()
    store = Store.open(db_path)
    try:
        archive = StoredArchive.open(store)
        assert archive.indexed == 0 and len(archive) == 2
        assert (
            archive.match("that river bridge cost two billion dollars", top=1)[0].factcheck.id
            == "fc-bridge"
        )
    finally:
        store.close()


def test_a_later_import_indexes_only_what_is_new_or_changed(store: Store) -> None:
    import_factchecks(store, [BRIDGE, SCHOOLS])
    assert import_factchecks(store, [TRAMS, SCHOOLS]) == 1  # SCHOOLS again, unchanged
    assert best(store, "forty thousand riders use the tram line every day") == "fc-tram"
    assert best(store, "class sizes doubled in primary schools") == "fc-school"
    # The same id with a new claim: found by its new words only.
    moved = FactCheck("fc-bridge", "The harbour tunnel will open next spring.", rating="false")
    assert import_factchecks(store, [moved]) == 1
    assert best(store, "when will the harbour tunnel open") == "fc-bridge"
    assert best(store, "river bridge cost two billion dollars") != "fc-bridge"
    assert len(StoredArchive.open(store)) == 3


def test_relinking_the_workspace_keeps_the_index(tmp_path: Path, db_path: Path) -> None:
    store = Store.open(db_path)
    import_factchecks(store, [BRIDGE, SCHOOLS])
    store.close()
    result = CliRunner().invoke(cli, ["factchecks", "relink", "--reindex"])
    assert result.exit_code == 0, result.output
    store = Store.open(db_path)
    try:
        assert StoredArchive.open(store).indexed == 0
        assert best(store, "class sizes doubled in primary schools") == "fc-school"
    finally:
        store.close()


def test_an_archive_stored_without_its_index_is_indexed_once(store: Store) -> None:
    LinkStore(store).add_factchecks([BRIDGE, SCHOOLS], source="older triage")  # no index written
    assert StoredArchive.open(store).indexed == 2
    assert StoredArchive.open(store).indexed == 0


def test_a_changed_normaliser_rebuilds_the_index_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_factchecks(store, [BRIDGE, SCHOOLS])
    monkeypatch.setattr(matcher, "INDEX_LAYOUT", "a later layout")
    assert StoredArchive.open(store).indexed == 2
    assert StoredArchive.open(store).indexed == 0
    assert best(store, "class sizes doubled in primary schools") == "fc-school"


def test_one_verdict_in_a_workspace_never_flags_an_unrelated_claim(tmp_path: Path) -> None:
    """A verdict given today, a new article today: neither being the only verdict nor the same
    date makes an unrelated sentence 'checked before'; a repeat of the verdict's claim is."""
    from triage.link.linker import Linker
    from triage.models import Article, Sentence
    from triage.tui.link_views import claim_markers

    store = Store.open(tmp_path / "w.db", "tester")

    def add(title: str, sentences: list[str]) -> list[int]:
        parts, start = [], 0
        for sentence in sentences:
            parts.append(Sentence(start, start + len(sentence), sentence, 0.9, True))
            start += len(sentence) + 1
        article_id = store.add_article(
            Article(title=title, text=" ".join(sentences), published="2026-11-30"), parts
        )
        Linker(store).link_article(article_id)
        return [c.id for c in store.claims(article_id)]

    [checked] = add(
        "Ledger", ["The council spent 12 million pounds on new bicycle lanes last year."]
    )
    store.set_verdict([checked], "False")
    unrelated, repeat = add(
        "Harbour Post",
        [
            "The harbour master said 300 new jobs were created at the port.",
            "Last year the council spent 12 million pounds on new bicycle lanes, the report says.",
        ],
    )
    markers = claim_markers(store, [unrelated, repeat])
    store.close()
    assert "C" not in markers.get(unrelated, "")
    assert "C" in markers.get(repeat, "")


# -- one query without numpy ranks as every later query does with it ---------------------------

WORDS = [f"{consonant}{vowel}rt" for consonant in "bdfgklmnpst" for vowel in "aiou"]  # 44 words


def busy_archive(size: int = 3_000) -> list[FactCheck]:
    """Fact-checks sharing a small vocabulary, so queries meet the very common terms (over
    COMMON_MIN documents) and fill CANDIDATE_POOL: both of the ranking's short cuts."""
    import random

    pick = random.Random(2026)
    return [
        FactCheck(f"fc-{n}", " ".join(pick.sample(WORDS[4:], 6) + pick.sample(WORDS[:4], 2)),
                  rating="false", title=" ".join(pick.sample(WORDS, 2)))
        for n in range(size)
    ]  # fmt: skip


def test_a_single_query_ranked_without_numpy_ranks_as_with_it(store: Store) -> None:
    import random

    import numpy  # noqa: F401  (loaded, so _search takes its numpy path)

    from triage.link.index import CANDIDATE_POOL, COMMON_MIN
    from triage.link.matcher import archive_normalize
    from triage.link.normalize import content_terms

    LinkStore(store).add_factchecks(busy_archive(), source="test")
    archive = StoredArchive.open(store)
    pick = random.Random(7)
    queries = [" ".join(pick.sample(WORDS, k)) for k in (1, 2, 3, 5, 8, 12, 20) for _ in range(6)]
    largest_df, most_matched = 0, 0
    for query in queries:
        terms = sorted(set(content_terms(archive_normalize(query))))
        postings = archive._index.postings(terms)
        largest_df = max([largest_df, *map(len, postings.values())])
        most_matched = max(most_matched, len({d for p in postings.values() for d in p.docs}))
        once = archive._search_once(terms, 50)
        assert once and once == archive._search(terms, 50), query
    assert largest_df > COMMON_MIN and most_matched > CANDIDATE_POOL  # both short cuts were taken
