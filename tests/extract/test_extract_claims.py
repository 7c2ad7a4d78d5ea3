"""Which sentences become claims: the sample article, boilerplate, scores and the threshold."""

import gzip
import json
from importlib import resources
from pathlib import Path

import pytest

from triage.extract import DEFAULT_THRESHOLD, extract, score_sentences
from triage.extract.boilerplate import is_boilerplate

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_39e39425a01b365b.txt"


@pytest.fixture(scope="module")
def seed_sentences():
    return extract(SEED.read_text(encoding="utf-8"))


def _find(sentences, fragment: str):
    matches = [s for s in sentences if fragment in s.text]
    assert len(matches) == 1, fragment
    return matches[0]


@pytest.mark.parametrize(
    "fragment",
    [
        "he reportedly had a phone call with Russian President Vladimir Putin",
        "the Kremlin denied the call ever happened",
        "it was left out, which means the calls weren’t done securely",
        "these private calls weren’t held over secure lines",
        "has business interests in Ukraine",
    ],
)
def test_seed_article_reported_facts_are_claims(seed_sentences, fragment: str) -> None:
    assert _find(seed_sentences, fragment).claim


@pytest.mark.parametrize(
    "fragment", ["is the only truly international newsletter", "By subscribing you accept"]
)
def test_seed_article_newsletter_lines_are_not_claims(seed_sentences, fragment: str) -> None:
    sentence = _find(seed_sentences, fragment)
    assert not sentence.claim
    assert sentence.score == 0.0


def test_seed_article_names_the_kremlin_and_the_diplomat(seed_sentences) -> None:
    assert _find(seed_sentences, "the Kremlin denied").speaker == "the Kremlin"
    assert _find(seed_sentences, "Brett Bruen").speaker == "Brett Bruen"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our free daily newsletter.",
        "By subscribing you agree to our Terms of Use and Privacy Policy.",
        "Share this article on Facebook",
        "Follow us on Twitter for the latest updates.",
        "Photo: Jane Doe/Reuters",
        "(Photo by John Smith/Getty Images)",
        "By Jane Doe and John Roe, staff reporters",
        "Read more: Why the central bank raised rates by 2%",
        "Share | Tweet | Email",
        "© 2024 The Daily Planet. All rights reserved.",
    ],
)
def test_page_furniture_is_never_a_claim(line: str) -> None:
    [sentence] = score_sentences([line], threshold=0.0)
    assert is_boilerplate(line)
    assert not sentence.claim


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, officials said the death toll had risen to 40.",
        "The company said subscriptions rose 12% last year.",
        "Follow the money, investigators said.",
        "The privacy of 3 million users was breached, the regulator said.",
    ],
)
def test_prose_that_mentions_furniture_words_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_factual_statements_outscore_chatter() -> None:
    factual, chatter, question = score_sentences(
        [
            "Unemployment fell to 3.9 percent last year, the lowest rate since 1969.",
            "Thank you all so much, it is wonderful to be here tonight.",
            "What do you think about that?",
        ]
    )
    assert factual.claim and factual.score > 0.8
    assert not chatter.claim and not question.claim
    assert factual.score > chatter.score and factual.score > question.score


def test_threshold_decides_claims_and_everything_stays_available() -> None:
    text = "Thank you all. Crime rose 12% in 2023, police said."
    low = extract(text, threshold=0.0)
    high = extract(text, threshold=1.0)
    assert (
        [s.text for s in low]
        == [s.text for s in high]
        == ["Thank you all.", "Crime rose 12% in 2023, police said."]
    )
    assert all(s.claim for s in low) and not any(s.claim for s in high)


def test_shipped_threshold_is_the_one_the_model_was_trained_with() -> None:
    raw = resources.files("triage.extract").joinpath("checkworthy_model.json.gz").read_bytes()
    assert json.loads(gzip.decompress(raw))["threshold"] == DEFAULT_THRESHOLD


def test_a_quote_about_following_someone_is_not_furniture() -> None:
    assert not is_boilerplate(
        "“She has committed no crime except to follow me on Twitter,” he said."
    )
    assert is_boilerplate("Follow her on Twitter at @janedoe.")
