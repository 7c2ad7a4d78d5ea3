"""Archive matching: the right fact-check ranks first, scores are on a 0-100 scale."""

from datetime import date

from triage.link.matcher import ArchiveMatcher
from triage.link.records import FactCheck

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
