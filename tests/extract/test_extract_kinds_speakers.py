"""Claim types after Full Fact's taxonomy, and who a claim is attributed to."""

import pytest

from triage.extract import score_sentences
from triage.extract.kinds import claim_kind
from triage.extract.speaker import find_speaker
from triage.models import CLAIM_KINDS


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Unemployment fell to 4.1% in May.", "quantity"),
        ("The city spent $3 million on the bridge.", "quantity"),
        ("Food prices will double by 2030.", "prediction"),
        ("The new tariff is expected to raise prices next year.", "prediction"),
        ("Smoking causes lung cancer.", "correlation/causation"),
        ("The floods were caused by the collapse of the dam.", "correlation/causation"),
        ("Under federal law, only the president can sign treaties.", "law/rule"),
        ("It is illegal to drive without insurance in France.", "law/rule"),
        ("I was in the room when the shop closed its doors.", "personal experience"),
        ("The minister denied that the meeting took place.", "quote/attribution"),
        ("The Eiffel Tower is in Paris.", "other"),
        ("On Jan. 5, 2024 the Senate met in Washington.", "other"),
        # Phrase cues only, some after an apostrophe (the phrase search is skipped without its first word).
        ("The drought contributed to the shortage.", "correlation/causation"),
        ("Officials blame the storm for the outage, which resulted in chaos.", "correlation/causation"),
        ("The plan's results in Ohio look grim: it's 'led to' losses.", "correlation/causation"),
        ("The board is set to meet again.", "prediction"),
        ("Tenants are not allowed to keep pets.", "law/rule"),
        ("The mayor's 'according to' line was new.", "quote/attribution"),
    ],
)
def test_claim_kind(sentence: str, kind: str) -> None:
    assert claim_kind(sentence) == kind
    assert kind in CLAIM_KINDS


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("However, the Kremlin denied the call ever happened.", "the Kremlin"),
        ("Brett Bruen, a former U.S. diplomat, warned that the calls were risky.", "Brett Bruen"),
        ("According to the Bureau of Labor Statistics, unemployment fell to 4.1%.", "the Bureau of Labor Statistics"),
        ("“The call never happened,” said Dmitry Peskov, the Kremlin spokesman.", "Dmitry Peskov"),
        ("Prices rose 5% last year, the company said.", "the company"),
        ("Health officials said 40 people were taken to hospital.", "Health officials"),
        ("Senator Maria Lopez told reporters the bill would pass.", "Maria Lopez"),
        ("He said the bill would pass.", ""),
        ("The bridge opened in 1932.", ""),
    ],
)
def test_speaker(sentence: str, speaker: str) -> None:
    assert find_speaker(sentence) == speaker


def test_scored_sentences_carry_kind_and_speaker() -> None:
    [sentence] = score_sentences(["Crime rose 12% in 2023, police said."])
    assert (sentence.kind, sentence.speaker, sentence.start, sentence.end) == ("quantity", "police", 0, 36)


def test_a_pronoun_speaker_is_the_person_named_just_before() -> None:
    from triage.extract import extract

    text = (
        "Mayor Ann Lee said the plan would cut property taxes by 3% next year. "
        "“This is a budget for working families,” she said.\n\n"
        "The council met again on Friday. Rents rose. Nobody knew why. “It is a mystery,” he said."
    )
    speakers = [(s.text[:12], s.speaker) for s in extract(text)]
    assert speakers == [
        ("Mayor Ann Le", "Ann Lee"),
        ("“This is a b", "Ann Lee"),
        ("The council ", ""),
        ("Rents rose.", ""),
        ("Nobody knew ", ""),
        ("“It is a mys", ""),  # the mayor was named too far back to be "he"
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Then White House spokesman Bill Burton said the president was not backing off.", "Bill Burton"),
        ("“The longer we wait,” the aide said, “the harder it gets.”", "the aide"),
        ('"If the court agrees, prices will fall," Elliott said.', "Elliott"),
        ("The states of Nebraska and Oklahoma filed a lawsuit, claiming the law is void.", ""),
        ("This means the plan failed.", ""),
    ],
)
def test_speaker_in_news_shapes(sentence: str, speaker: str) -> None:
    assert find_speaker(sentence) == speaker


def test_initials_are_not_first_person() -> None:
    assert claim_kind("Mr. Page was fired as director of the C.I.A. in January.") == "other"
