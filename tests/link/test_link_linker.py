"""Linking across articles in a real workspace: tiers, guard, clusters, verdicts, archive flags."""

from __future__ import annotations

from triage.link.clusters import summarize
from triage.link.linker import AGREEING_SHARE, Linker, Thresholds, claim_marks, classify
from triage.models import ACCEPTED, AUTOMATIC, REJECTED, SUGGESTED, Article, FactCheck, Sentence
from triage.store.links import LinkStore

SHARED = "The city council voted to spend 4 million dollars on new bicycle lanes across the downtown area."
REWORDED = "The city council has voted to spend $4m on new bicycle lanes across the downtown area."
BILLION = "The city council voted to spend 4 billion dollars on new bicycle lanes across the downtown area."
OTHER = "A local bakery won a national award for its sourdough bread this spring."


def add(store, title: str, sentences: list[str], published: str = "") -> int:
    text = " ".join(sentences)
    parts, start = [], 0
    for sentence in sentences:
        parts.append(Sentence(start, start + len(sentence), sentence, 0.9, True))
        start += len(sentence) + 1
    article_id = store.add_article(Article(title=title, text=text, published=published), parts)
    assert article_id is not None
    return article_id


def claim_ids(store, article_id: int) -> list[int]:
    return [claim.id for claim in store.claims(article_id)]


def test_a_repeated_claim_is_linked_automatically(store) -> None:
    linker = Linker(store)
    first = add(store, "Monday paper", [SHARED, OTHER], "2024-03-01")
    linker.link_article(first)
    second = add(store, "Tuesday paper", [REWORDED], "2024-03-02")
    report = linker.link_article(second)
    assert report.automatic == 1 and report.suggested == 0
    (link,) = LinkStore(store).links(claim_ids(store, second)[0])
    assert link.other_id == claim_ids(store, first)[0]
    assert link.state == AUTOMATIC


def test_a_different_magnitude_is_only_suggested_with_the_numbers_shown(store) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Monday paper", [SHARED]))
    second = add(store, "Tuesday paper", [BILLION])
    report = linker.link_article(second)
    assert (report.automatic, report.suggested) == (0, 1)
    (link,) = LinkStore(store).links(claim_ids(store, second)[0])
    assert link.state == SUGGESTED
    assert link.differing == ("4 billion", "4 million")


def test_unrelated_claims_are_not_linked(store) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Monday paper", [SHARED]))
    report = linker.link_article(add(store, "Tuesday paper", [OTHER]))
    assert report.links == []


def test_claims_of_the_same_article_are_not_linked(store) -> None:
    report = Linker(store).link_article(add(store, "Paper", [SHARED, REWORDED]))
    assert report.links == []


def test_a_verdict_shows_on_the_cluster_until_confirmed_and_conflicts_are_flagged(store) -> None:
    linker = Linker(store)
    first = add(store, "Monday paper", [SHARED], "2024-03-01")
    linker.link_article(first)
    second = add(store, "Tuesday paper", [REWORDED], "2024-03-05")
    linker.link_article(second)
    a, b = claim_ids(store, first)[0], claim_ids(store, second)[0]
    store.set_verdict([a], "False")
    summary = summarize(linker.links, b)
    assert summary.verdict_line() == "False (verdict from Monday paper)"
    assert summary.seen_line() == "seen in 2 articles, first on 2024-03-01"
    assert not summary.conflict
    store.set_verdict([b], "True")
    summary = summarize(linker.links, b)
    assert summary.inherited_verdict is None  # its own verdict now
    assert summary.conflict


def test_suggestions_join_the_cluster_only_once_accepted(store) -> None:
    linker = Linker(store)
    first = add(store, "Monday paper", [SHARED])
    linker.link_article(first)
    second = add(store, "Tuesday paper", [BILLION])
    linker.link_article(second)
    a, b = claim_ids(store, first)[0], claim_ids(store, second)[0]
    assert summarize(linker.links, b).articles == 1
    linker.links.set_link_state([(b, a)], ACCEPTED)
    assert summarize(linker.links, b).articles == 2
    marks = claim_marks(linker, [a, b])
    assert marks[a].linked and marks[b].linked


def test_a_rejected_pair_is_not_suggested_again_on_relink(store) -> None:
    linker = Linker(store)
    linker.link_article(add(store, "Monday paper", [SHARED]))
    second = add(store, "Tuesday paper", [BILLION])
    linker.link_article(second)
    b = claim_ids(store, second)[0]
    (link,) = linker.links.links(b)
    linker.links.set_link_state([(b, link.other_id)], REJECTED)
    linker.relink_all()
    assert [link.state for link in linker.links.links(b)] == [REJECTED]


def test_relinking_everything_finds_the_same_links(store) -> None:
    linker = Linker(store)
    first = add(store, "Monday paper", [SHARED, OTHER])
    second = add(store, "Tuesday paper", [REWORDED])
    third = add(store, "Wednesday paper", [BILLION])
    counts = linker.relink_all()
    assert (counts["automatic"], counts["suggested"]) == (1, 2)
    assert (
        LinkStore(store).links(claim_ids(store, second)[0])[0].other_id
        == claim_ids(store, first)[0]
    )
    assert claim_ids(store, third)


def test_a_claim_is_flagged_checked_before_at_import(store) -> None:
    linker = Linker(store)
    LinkStore(store).add_factchecks(
        [FactCheck("fc-1", "The council spent 4 million dollars on bicycle lanes downtown.",
                   rating="Mostly true", url="https://example.org/fc-1", publisher="Example Checks")],
        source="test",
    )  # fmt: skip
    article = add(store, "Monday paper", [SHARED, OTHER])
    report = linker.link_article(article)
    assert report.checked_before == 1
    shared, other = claim_ids(store, article)
    marks = claim_marks(linker, [shared, other])
    assert marks[shared].checked_before and not marks[other].checked_before


def test_workspace_verdicts_join_the_archive(store) -> None:
    linker = Linker(store)
    first = add(store, "Monday paper", [SHARED])
    linker.link_article(first)
    store.set_verdict(claim_ids(store, first), "False")
    best = linker.match_text(REWORDED, top=1)
    assert best[0].factcheck.rating == "False"
    assert best[0].factcheck.publisher == "this workspace (Monday paper)"


def test_thresholds_decide_the_tier() -> None:
    thresholds = Thresholds(suggested=60, automatic=80)
    long_a = "The river bridge in the north of the city will finally reopen to traffic next spring"
    long_b = "The river bridge in the north of the city will reopen to traffic next spring"
    assert classify(long_a, long_b, 59.9, thresholds) is None
    assert classify(long_a, long_b, 70, thresholds).state == SUGGESTED
    assert classify(long_a, long_b, 85, thresholds).state == AUTOMATIC
    # Short claims stay suggestions however high they score.
    assert classify("Taxes went up.", "Taxes went up.", 100, thresholds).state == SUGGESTED


def test_a_pair_adding_details_needs_more_to_link_automatically() -> None:
    thresholds = Thresholds(suggested=8, automatic=35)
    more = 35 / AGREEING_SHARE
    a = "The river bridge in the north of the city will reopen to traffic next spring"
    # One detail on one side only still agrees: the automatic threshold is enough.
    one = "The river bridge in the north of Ashford will reopen to traffic next spring"
    assert classify(a, one, 36, thresholds).state == AUTOMATIC
    assert classify(a, one, 34, thresholds).state == SUGGESTED
    # Two ("Mayor Okafor", "Ashford") need more.
    two = "Mayor Okafor said the river bridge in the north of Ashford will reopen to traffic next spring"
    assert classify(a, two, 36, thresholds).state == SUGGESTED
    assert classify(a, two, more + 1, thresholds).state == AUTOMATIC


def test_thresholds_come_from_the_config_link_table() -> None:
    assert Thresholds.from_config({"automatic": 90, "checked_before": 70}) == Thresholds(
        suggested=Thresholds().suggested, automatic=90.0, checked_before=70.0
    )


def test_importing_fact_checks_flags_claims_already_in_the_workspace(store) -> None:
    linker = Linker(store)
    article = add(store, "Monday paper", [SHARED, OTHER])
    linker.link_article(article)
    shared, other = claim_ids(store, article)
    assert not claim_marks(linker, [shared])[shared].checked_before
    archive = [FactCheck("fc-1", "The council spent 4 million dollars on bicycle lanes downtown.",
                         rating="Mostly true", url="https://example.org/fc-1")]  # fmt: skip
    LinkStore(store).add_factchecks(archive, source="test")
    assert linker.rematch_after_import(archive) == 1
    marks = claim_marks(linker, [shared, other])
    assert marks[shared].checked_before and not marks[other].checked_before
    assert LinkStore(store).matches(shared)[0][0] == "fc-1"


def test_candidates_are_the_sentences_sharing_the_most_rare_terms_newest_first() -> None:
    import math
    import random

    from triage.link.linker import CANDIDATES_PER_CLAIM, shortlists

    def one_by_one(lookup: list[str], by_term: dict, counts: dict) -> list[int]:
        # The definition: weights summed in lookup order, at least two terms shared when the
        # sentence has two, heaviest first, the newest (highest id) first among equals.
        weights: dict[int, float] = {}
        shared: dict[int, int] = {}
        for term in lookup:
            for other in by_term.get(term, ()):
                weights[other] = weights.get(other, 0.0) + 1.0 / math.log(2 + counts.get(term, 1))
                shared[other] = shared.get(other, 0) + 1
        enough = [o for o in weights if shared[o] >= min(2, len(lookup))]
        return sorted(enough, key=lambda o: (-weights[o], -o))[:CANDIDATES_PER_CLAIM]

    rng = random.Random(7)
    terms = [f"term{i}" for i in range(40)]
    by_term = {
        t: sorted(rng.sample(range(1, 400), rng.randint(1, 60)), reverse=True) for t in terms
    }
    counts = {t: len(ids) + rng.randint(0, 3) for t, ids in by_term.items()}
    lookups = {sid: rng.sample(terms, rng.randint(0, 8)) for sid in range(1000, 1040)}
    lookups[2000] = ["unknown"]  # a term nobody else has
    found = shortlists(lookups, by_term, counts)
    assert list(found) == list(lookups)
    assert found == {sid: one_by_one(lookup, by_term, counts) for sid, lookup in lookups.items()}
    assert found[2000] == [] and any(len(ids) == CANDIDATES_PER_CLAIM for ids in found.values())
    assert all(type(i) is int for ids in found.values() for i in ids)  # stored as SQL parameters
    assert shortlists({}, by_term, counts) == {}
