"""The shipped model scores with exactly the weights the training script wrote."""

import pytest

from triage.extract.checkworthy import load_model
from triage.extract.features import sentence_features


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment fell to 3.9% in 2019, the lowest rate in 50 years.",
        "“We will not raise taxes,” the governor’s spokesman said on Tuesday.",
        "Thank you.",
        "$",
        "",
    ],
)
def test_fast_scoring_equals_the_feature_dot_product(sentence: str) -> None:
    model = load_model()
    expected = model.bias + sum(model.weight(name) * value for name, value in sentence_features(sentence).items())
    assert model.logit(sentence) == pytest.approx(expected, abs=1e-9)
    assert model.logit(sentence) == pytest.approx(expected, abs=1e-9)  # again, from the word cache


def test_model_knows_which_training_rows_it_never_saw() -> None:
    model = load_model()
    held_out = [model.is_held_out(str(i)) for i in range(2000)]
    assert 0.15 < sum(held_out) / len(held_out) < 0.25


def test_reported_speech_regex_matches_its_plain_ignorecase_form() -> None:
    import re
    import sys

    from triage.extract import checkworthy

    every_character = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    for letter, variants in checkworthy._CASE_VARIANTS.items():
        assert sorted(re.findall(f"(?i){letter}", every_character)) == sorted(variants)
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, checkworthy._REPORTED_SPEECH_WORDS)) + r")\b", re.IGNORECASE)
    for sentence in [
        "According to police, it rained.", "ACCORDING TO POLICE", "The firm İnsisted on it.", "xinsisted",
        "It was allegedly stolen", "allegedlyx", "He denied it.", "_denied", "confirms.", "Reportedly, no.",
        "Revealed: the plan", "claimedly", "", "a", "disclosed", "acknowledged-ish",
    ]:
        assert bool(checkworthy._REPORTED_SPEECH.search(sentence)) == bool(plain.search(sentence)), sentence
