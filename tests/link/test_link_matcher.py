"""Archive matching: the right fact-check ranks first, scores are on a 0-100 scale, the stored
index ranks as the in-memory one, and a fact-check of the opposite claim is marked, not flagged."""

from datetime import date

from triage.link.matcher import ArchiveMatcher, StoredArchive, canonical, checked_before
from triage.models import ArchiveMatch, FactCheck
from triage.store.links import LinkStore

ARCHIVE = [
    FactCheck("fc-fries", "A burger chain is selling fries of any size for one dollar this month.",
              rating="true", title="One-dollar fries", date="26 May 2015"),
    FactCheck("fc-snake", "A video shows a ten-meter snake crossing a river.", rating="false",
              title="Giant snake video", date="6 March 2021"),
    FactCheck("fc-flu", "The flu shot causes a 4,250% increase in fetal deaths.", rating="false",
              title="Flu shot claim", url="https://example.org/flu", date="2019-10-29"),
    FactCheck("fc-flu-old", "Flu shots cause autism in toddlers.", rating="false",
              title="Flu shot and autism", date="2009-01-01"),
]  # fmt: skip


def test_the_matching_fact_check_ranks_first() -> None:
    matcher = ArchiveMatcher(ARCHIVE)
    best = matcher.match("Wow, the FLU SHOT causes a 4250% increase in fetal death!!", top=2)
    assert [m.factcheck.id for m in best][:1] == ["fc-flu"]
    assert best[0].factcheck.url == "https://example.org/flu"
    assert 0 <= best[-1].score <= best[0].score <= 100


def test_no_shared_words_means_no_matches() -> None:
    assert ArchiveMatcher(ARCHIVE).match("Completely unrelated gardening advice") == []


def test_a_fact_check_dated_near_the_claim_wins_a_tie() -> None:
    matcher = ArchiveMatcher(ARCHIVE)
    recent = matcher.match("flu shot", top=2, claim_date=date(2019, 10, 30))
    old = matcher.match("flu shot", top=2, claim_date=date(2009, 1, 2))
    assert recent[0].factcheck.id == "fc-flu"
    assert old[0].factcheck.id == "fc-flu-old"


def test_the_tweet_sign_off_date_is_used() -> None:
    tweet = "flu shot!! — Some One (@someone) January 2, 2009"
    assert ArchiveMatcher(ARCHIVE).match(tweet, top=1)[0].factcheck.id == "fc-flu-old"


MEXICO = FactCheck("fc-wall", "Mexico will pay for the border wall.", rating="false",
                   title="Who pays for the wall")  # fmt: skip


def stored(store, factchecks) -> StoredArchive:
    LinkStore(store).add_factchecks(factchecks, source="test")
    return StoredArchive.open(store)


def test_the_stored_index_ranks_as_the_in_memory_one(store) -> None:
    archive = stored(store, [*ARCHIVE, MEXICO])
    memory = ArchiveMatcher([*ARCHIVE, MEXICO])
    for query in ("Wow, the FLU SHOT causes a 4250% increase in fetal death!!", "flu shot",
                  "giant snake video from a river", "who will pay for the wall"):  # fmt: skip
        assert [(m.factcheck, m.score) for m in archive.match(query, top=3)] == [
            (m.factcheck, m.score) for m in memory.match(query, top=3)
        ]


def test_a_negated_claim_matches_its_fact_check_marked_opposite(store) -> None:
    archive = stored(store, [*ARCHIVE, MEXICO])
    (same,) = archive.match("Mexico will pay for the border wall", top=1)
    (denied,) = archive.match("Mexico will not pay for a border wall", top=1)
    assert same.factcheck.id == denied.factcheck.id == "fc-wall"
    assert not same.opposite and denied.opposite
    assert denied.score >= 85  # as similar as can be, and still not "checked before":
    assert checked_before([denied], 85) is None
    assert checked_before([same], 85) == same


def test_checked_before_looks_past_an_opposite_match() -> None:
    denied = ArchiveMatch(MEXICO, 97.0, opposite=True)
    agreeing = ArchiveMatch(ARCHIVE[0], 90.0)
    assert checked_before([denied, agreeing], 85) == agreeing
    assert checked_before([denied, ArchiveMatch(ARCHIVE[1], 60.0)], 85) is None


def test_abbreviations_and_spelled_numbers_are_written_one_way() -> None:
    assert canonical("The I.R.S. audited one-in-three firms") == "The IRS audited 1 in 3 firms"
    assert canonical("U.S. exports rose twenty-five percent, said Dr. Smith.") == (
        "US exports rose 25 percent, said Dr. Smith."
    )
    assert (
        canonical("One out of four voters, one in a million")
        == "1 out of 4 voters, one in a million"
    )
    irs = FactCheck("fc-irs", "The IRS audits 1 in 3 small businesses every year.", rating="false")
    matcher = ArchiveMatcher([irs, *ARCHIVE])
    assert (
        matcher.match("The I.R.S. audits one-in-three small businesses every year", top=1)[0].score
        >= 95
    )
