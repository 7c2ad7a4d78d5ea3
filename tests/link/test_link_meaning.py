"""Links by meaning: paraphrases link, look-alikes with another number, actor, time or polarity do
not link automatically, every sentence takes part, and wire copies join their cluster."""

from __future__ import annotations

from triage.link.guard import compare
from triage.link.linker import Linker
from triage.link.normalize import claim_core, normalize, quantities
from triage.models import AUTOMATIC, OPPOSITE, SAME, SUGGESTED, Article, Sentence
from triage.store.links import LinkStore

CHANCE = "The mayor said the harbour city had a one-in-four chance of losing its top bond rating this year."
CHANCE_REWORDED = "The mayor admitted there is a 1 in 4 chance that the harbour city will lose its top bond rating this year."
CHANCE_OTHER_NUMBER = "The mayor said the harbour city had a one-in-ten chance of losing its top bond rating this year."
CHANCE_DENIED = (
    "The mayor said the harbour city had no chance of losing its top bond rating this year."
)
LANES = (
    "The Regional Council approved 14 new ferry routes for the northern islands on Tuesday evening."
)
LANES_OTHER_ACTOR = (
    "The National Senate approved 14 new ferry routes for the northern islands on Tuesday evening."
)
LANES_OTHER_DAY = "The Regional Council approved 14 new ferry routes for the northern islands on Thursday evening."
UNRELATED = "A bakery on the seafront won a national prize for its rye bread this spring."


def add(store, title: str, sentences: list[tuple[str, bool]], published: str = "2025-05-02") -> int:
    parts, start = [], 0
    for text, is_claim in sentences:
        parts.append(Sentence(start, start + len(text), text, 0.9 if is_claim else 0.1, is_claim))
        start += len(text) + 1
    text = " ".join(t for t, _ in sentences)
    article_id = store.add_article(Article(title=title, text=text, published=published), parts)
    assert article_id is not None
    return article_id


def link_between(store, first: str, second: str, published: str = "2025-05-02"):
    linker = Linker(store)
    linker.link_article(add(store, "Gazette", [(first, True), (UNRELATED, True)], "2025-05-01"))
    second_id = add(store, "Courier", [(second, True)], published)
    report = linker.link_article(second_id)
    return report.links[0] if report.links else None


# -- normalisation -------------------------------------------------------------------------------


def test_number_words_and_digits_normalise_alike() -> None:
    assert normalize("a one-in-three chance") == normalize("a 1 in 3 chance") == "a 1 in 3 chance"
    assert normalize("a dozen schools") == normalize("12 schools")
    assert normalize("twenty-five schools") == normalize("25 schools")
    assert normalize("half of the schools") == normalize("50% of the schools")
    assert normalize("one of the schools") == "one of the schools"  # a pronoun, not a number


def test_number_words_count_as_numbers_for_the_guard() -> None:
    assert [q.value for q in quantities("one-in-three voters")] == ["1", "3"]
    assert compare("Officials said " + CHANCE, "Officials said " + CHANCE_REWORDED).numbers == ()


def test_abbreviations_with_and_without_stops_are_one_name() -> None:
    assert normalize("The I.R.S. audited the U.S. office") == normalize(
        "The IRS audited the US office"
    )
    a = "The I.R.S. audited more than 300 charities in the northern region during the last year."
    b = "The IRS audited more than 300 charities in the northern region during the last year."
    assert compare(a, b).differing == ()


def test_the_attribution_tail_is_not_part_of_the_claim() -> None:
    assert claim_core("Ferry fares rose by 8 percent over the winter, Okafor told reporters.") == (
        "Ferry fares rose by 8 percent over the winter"
    )
    assert claim_core("Ferry fares rose by 8 percent over the winter, according to the port.") == (
        "Ferry fares rose by 8 percent over the winter"
    )
    assert claim_core("BRISTOL — Ferry fares rose by 8 percent over the winter.") == (
        "Ferry fares rose by 8 percent over the winter."
    )
    assert claim_core("Okafor said so, he said.") == "Okafor said so, he said."  # too short to cut


# -- links ---------------------------------------------------------------------------------------


def test_a_paraphrase_with_number_words_links_automatically(store) -> None:
    link = link_between(store, CHANCE, CHANCE_REWORDED)
    assert link is not None and link.state == AUTOMATIC and link.relation == SAME


def test_another_number_is_at_most_suggested_and_shown(store) -> None:
    link = link_between(store, CHANCE, CHANCE_OTHER_NUMBER)
    assert link is not None and link.state == SUGGESTED
    assert set(link.differing) >= {"4", "10"}


def test_another_actor_is_at_most_suggested_and_shown(store) -> None:
    link = link_between(store, LANES, LANES_OTHER_ACTOR)
    assert link is not None and link.state == SUGGESTED
    assert set(link.differing) == {"regional council", "national senate"}


def test_another_day_is_at_most_suggested_and_shown(store) -> None:
    link = link_between(store, LANES, LANES_OTHER_DAY)
    assert link is not None and link.state == SUGGESTED
    assert set(link.differing) == {"tuesday", "thursday"}


def test_a_denial_is_an_opposite_suggestion_and_never_joins_the_cluster(store) -> None:
    link = link_between(store, CHANCE, CHANCE_DENIED)
    assert link is not None and link.state == SUGGESTED and link.relation == OPPOSITE
    links = LinkStore(store)
    assert links.links(link.claim_id)[0].relation == OPPOSITE
    links.set_link_state([(link.claim_id, link.other_id)], "accepted")
    from triage.link.clusters import cluster_ids

    assert cluster_ids(links, link.claim_id) == [link.claim_id]  # no verdict flows across it


def test_articles_a_year_apart_are_not_linked_automatically(store) -> None:
    link = link_between(store, LANES, LANES, published="2026-05-02")
    assert link is not None and link.state == SUGGESTED
    assert "published 2025-05-01 and 2026-05-02" in link.differing


def test_a_sentence_under_the_threshold_that_repeats_a_claim_is_linked_and_becomes_a_claim(
    store,
) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Gazette", [(CHANCE, True)]))
    second = add(store, "Courier", [(UNRELATED, True), (CHANCE_REWORDED, False)])
    assert [c.text for c in store.claims(second)] == [UNRELATED]
    report = linker.link_article(second)
    assert len(report.links) == 1
    assert {c.text for c in store.claims(second)} == {UNRELATED, CHANCE_REWORDED}


def test_a_sentence_under_the_threshold_that_is_only_suggested_stays_out_of_the_claims(
    store,
) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Gazette", [(CHANCE, True)]))
    second = add(store, "Courier", [(UNRELATED, True), (CHANCE_OTHER_NUMBER, False)])
    report = linker.link_article(second)
    assert [link.state for link in report.links] == [SUGGESTED]  # shown in the repeats view
    assert [c.text for c in store.claims(second)] == [UNRELATED]  # but not in the claim list


def test_two_sentences_that_are_not_claims_are_not_linked(store) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Gazette", [(CHANCE, False)]))
    assert linker.link_article(add(store, "Courier", [(CHANCE_REWORDED, False)])).links == []


def test_wire_copies_join_the_cluster_through_one_link_each(store) -> None:
    linker = Linker(store)
    ids = [
        add(store, f"Wire copy {n}", [(LANES, True), (f"Filed by desk {n}.", False)])
        for n in range(6)
    ]
    reports = [linker.link_article(article_id) for article_id in ids]
    assert [len(r.links) for r in reports] == [0, 1, 1, 1, 1, 1]
    first = store.claims(ids[0])[0].id
    assert all(r.links[0].other_id == first and r.links[0].state == AUTOMATIC for r in reports[1:])
    # The copies are not in the term index: a later repeat meets the cluster once, not six times.
    postings = LinkStore(store).recent_postings(["ferry"], 100)
    assert postings["ferry"] == [first]


def test_the_embedding_cache_stays_bounded_and_answers_every_text(monkeypatch) -> None:
    from triage.link import linker

    monkeypatch.setattr(linker, "EMBEDDING_CACHE", 3)
    cache: dict = {}
    linker.embed({"ferry fares rose", "bread prices fell"}, cache)
    vectors = linker.embed({"ferry fares rose", "port fees doubled", "taxes went up"}, cache)
    assert set(vectors) == {"ferry fares rose", "port fees doubled", "taxes went up"}
    assert len(cache) <= 3


def test_relinking_finds_the_same_paraphrase_and_promotes_the_sentence(store) -> None:
    linker = Linker(store)
    first = add(store, "Gazette", [(CHANCE, True)])
    second = add(store, "Courier", [(UNRELATED, True), (CHANCE_REWORDED, False)])
    linker.link_article(first)
    linker.link_article(second)
    store.demote(store.claims(second)[1].id)  # as if imported before sentences took part
    LinkStore(store).replace_generated_links([])
    counts = linker.relink_all()
    assert counts["automatic"] == 1
    assert {c.text for c in store.claims(second)} == {UNRELATED, CHANCE_REWORDED}


def test_an_accepted_opposite_does_not_mark_the_claim_as_linked(store) -> None:
    from triage.link.linker import claim_marks

    link = link_between(store, CHANCE, CHANCE_DENIED)
    linker = Linker(store)
    assert claim_marks(linker, [link.claim_id])[link.claim_id].suggested
    LinkStore(store).set_link_state([(link.claim_id, link.other_id)], "accepted")
    marks = claim_marks(linker, [link.claim_id])[link.claim_id]
    assert not marks.linked and not marks.suggested


def test_duplicate_score_reads_reordered_clauses_as_rapidfuzz_token_sort_does() -> None:
    # The score keeps each claim's sorted words instead of calling token_sort_ratio per pair; the
    # scores must stay rapidfuzz's own (the thresholds were calibrated on them).
    from rapidfuzz import fuzz

    from triage.link.similarity import duplicate_score

    pairs = [
        (
            "the council cut the bus budget by 40 percent",
            "by 40 percent the council cut the bus budget",
        ),
        (
            "the mayor said the bridge will reopen in 2027",
            "the bridge will reopen in 2028 the mayor said",
        ),
        ("  extra   spaces between words ", "words between spaces extra"),
        ("one claim", "a wholly different sentence about ferries"),
    ]
    for a, b in pairs:
        expected = 0.5 * fuzz.token_sort_ratio(a, b) + 0.5 * fuzz.ratio(a, b)
        assert duplicate_score(a, b) == expected
    assert duplicate_score(*pairs[0]) > duplicate_score(*pairs[3])


# -- what the guard lets through, and what it keeps a suggestion -----------------------------------

CHARGED = (
    "Mayor Ruth Okafor and her husband, Daniel, were charged on Tuesday with spending $90,000 of "
    "harbour ferry funds on family holidays."
)
CHARGED_ELSEWHERE = (
    "The Okafors were charged in Port Ellis on Tuesday with spending more than $90,000 of harbour "
    "ferry funds on family holidays."
)
RESIGNED = (
    "Councillor Ruth Okafor, the harbour official who approved the $4,000,000 ferry contract with "
    "her brother's firm, resigned from the council on Tuesday evening."
)
APPROVED = (
    "Okafor approved the $4,000,000 ferry contract with her brother's firm, the inquiry found."
)
VOTE = 'The lone "no" vote on the harbour council was cast by Councillor Ruth Okafor of the northern ward.'
VOTE_REWORDED = (
    "Councillor Ruth Okafor of the northern ward cast the lone vote against on the harbour council."
)


def test_a_report_adding_other_details_links_automatically_and_shows_them(store) -> None:
    link = link_between(store, CHARGED, CHARGED_ELSEWHERE)
    assert link is not None and link.state == AUTOMATIC and link.relation == SAME
    assert set(link.differing) == {"daniel", "port ellis"}


def test_a_claim_repeating_only_an_aside_is_a_suggestion(store) -> None:
    link = link_between(store, RESIGNED, APPROVED)
    assert link is not None and link.state == SUGGESTED


def test_a_quoted_no_vote_links_as_the_same_claim(store) -> None:
    link = link_between(store, VOTE, VOTE_REWORDED)
    assert link is not None and link.state == AUTOMATIC and link.relation == SAME


def test_a_removed_articles_id_given_again_is_linked_with_the_new_articles_date(store) -> None:
    # The linker remembers article dates between articles; an id freed by removing the newest
    # article and given to the next one must not keep the removed article's date.
    from triage.store.articles import ArticleStore

    linker = Linker(store)
    linker.link_article(add(store, "Gazette", [(LANES, True), (UNRELATED, True)], "2025-05-01"))
    first = add(store, "Courier", [(LANES, True)], "2025-05-02")
    assert linker.link_article(first).links[0].state == AUTOMATIC
    ArticleStore(store).remove([first])
    again = add(store, "Courier", [(LANES, True)], "2026-05-02")
    assert again == first  # SQLite gives the freed id again
    link = linker.link_article(again).links[0]
    assert link.state == SUGGESTED
    assert "published 2025-05-01 and 2026-05-02" in link.differing
