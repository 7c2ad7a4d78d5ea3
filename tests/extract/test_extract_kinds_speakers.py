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
        (
            "Officials blame the storm for the outage, which resulted in chaos.",
            "correlation/causation",
        ),
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
        (
            "According to the Bureau of Labor Statistics, unemployment fell to 4.1%.",
            "the Bureau of Labor Statistics",
        ),
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
    assert (sentence.kind, sentence.speaker, sentence.start, sentence.end) == (
        "quantity",
        "police",
        0,
        36,
    )


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
        (
            "Then White House spokesman Bill Burton said the president was not backing off.",
            "Bill Burton",
        ),
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


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # "X said", with the title kept apart from the name
        ("Mr. Okafor said the plant employs 400 people.", "Okafor"),
        ("Gov. Ann Lee said on Friday that taxes fell 3%.", "Ann Lee"),
        # "said X", with an aside after the name, and no trailing punctuation
        (
            "The fund lost $2 billion, said Dora K. Whitfield, a spokeswoman for the U.S. Treasury.",
            "Dora K. Whitfield",
        ),
        ("“The fund lost $2 billion,” said Dora K. Whitfield.", "Dora K. Whitfield"),
        ("Rents rose 9% in May, according to Dr. Omar Haddad.", "Omar Haddad"),
        ("Rents rose 9% in May, according to the city housing office.", "the city housing office"),
        # party tags and states
        ("Sen. Jo Park, R-N.C., said the law cost 2,000 jobs.", "Jo Park"),
        ("Rep. Ann Lee (Calif.) said the law cost 2,000 jobs.", "Ann Lee"),
        ("“It cost 2,000 jobs,” said Rep. Ann Lee (R-Calif.).", "Ann Lee"),
        ("House Majority Leader Sam Cole, R-Texas, said the vote would come in May.", "Sam Cole"),
        ("Senator Ed Marsh, Democrat of Ohio, said 12 bills had stalled.", "Ed Marsh"),
        # "as X noted", "X told …", "X pointed out"
        ("As Ms. Diaz noted, the county has 14 polling places.", "Diaz"),
        ("The county, as Ms. Diaz noted, has 14 polling places.", "Diaz"),
        ("Mayor Tim Nolan told reporters the bridge carries 9,000 cars a day.", "Tim Nolan"),
        ("Ms. Diaz pointed out that turnout fell 4 points.", "Diaz"),
        # a role whose name follows in an aside
        ("The mayor’s spokesman, Drew Hale, said 40 officers were hired.", "Drew Hale"),
        # an opening phrase or a subordinate clause is not the speaker
        ("A year later, Mr. Okafor said the plant had closed.", "Okafor"),
        ("When the paper asked him, Mr. Okafor said the plant had closed.", "Okafor"),
        # words inside quotation marks are what was said, not who said it
        ("“Ann Lee said the plant would close,” Mr. Okafor said.", "Okafor"),
        ("“Ann Lee said the plant would close,” he said.", ""),
        # a pronoun that speaks first names nobody, whoever the sentence mentions later
        ("He added: “Taxes fell,” citing figures from the Treasury.", ""),
    ],
)
def test_speaker_is_the_name_without_titles_asides_or_punctuation(
    sentence: str, speaker: str
) -> None:
    assert find_speaker(sentence) == speaker


def test_a_quote_ending_in_a_question_gives_its_speaker_to_the_sentence() -> None:
    from triage.extract import extract

    text = "The council met. “What difference does it make now?” Councilwoman Ann Lee said, her voice rising."
    last = extract(text)[-1]
    assert last.text.startswith("“What difference") and last.speaker == "Ann Lee"


def test_every_sentence_of_a_multi_sentence_quote_takes_its_speaker() -> None:
    from triage.extract import extract

    text = (
        "The budget passed on Tuesday. “We cut 300 jobs. Critics said we could not. We closed two libraries,” "
        "said Tom Ruiz, the budget director.\n\n"
        "Mayor Ann Lee said: “Taxes fell 3%. Rents rose 2%.” The hall emptied.\n\n"
        "Mr. Okafor said the vote was close. “Wages fell. Prices rose,” he said."
    )
    speakers = [(s.text[:14], s.speaker) for s in extract(text)]
    assert speakers == [
        ("The budget pas", ""),
        ("“We cut 300 jo", "Tom Ruiz"),
        ("Critics said w", "Tom Ruiz"),  # inside the quote: the critics are quoted, not the speaker
        ("We closed two ", "Tom Ruiz"),
        ("Mayor Ann Lee ", "Ann Lee"),
        ("Rents rose 2%.", "Ann Lee"),
        ("The hall empti", ""),
        ("Mr. Okafor sai", "Okafor"),
        ("“Wages fell.", "Okafor"),
        ("Prices rose,” ", "Okafor"),
    ]


def test_a_quote_mark_that_never_closes_lends_no_speaker_far_away() -> None:
    from triage.extract import extract

    text = (
        "He wrote “a list. "
        + " ".join(f"Item {n} was long." for n in range(12))
        + " It ended,” said Ann Lee."
    )
    assert [s.speaker for s in extract(text)][:3] == ["", "", ""]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # "law enforcement" is a profession, not a law
        ("Law enforcement officials arrested the suspect in Ohio.", "other"),
        ("Federal law enforcement agents searched the house.", "other"),
        ("Law enforcement officials said the law bans such weapons.", "law/rule"),
        # a reported "would"/"will" retells what someone said: no forecast
        ("He said he would resign.", "quote/attribution"),
        ("The mayor told reporters she would not run again.", "quote/attribution"),
        ("The company said it will cut 500 jobs.", "quantity"),
        ("Prices will rise, he said.", "prediction"),
        ("The tax would hurt families.", "prediction"),
        # penalties and statutes are law/rule even with numbers in them
        ("The offense is a felony punishable by up to 5 years in prison.", "law/rule"),
        ("Violators face fines of up to $10,000.", "law/rule"),
        ("Section 230 of the 1996 act shields websites.", "law/rule"),
        ("The 14th Amendment grants citizenship to people born here.", "law/rule"),
        ("Under the 2010 law, insurers must cover 26-year-olds.", "law/rule"),
        ("Fines rose 20% last year.", "quantity"),
    ],
)
def test_claim_kind_rules_for_law_and_reported_futures(sentence: str, kind: str) -> None:
    assert claim_kind(sentence) == kind


def test_quotes_in_straight_marks_and_over_paragraphs_keep_their_speaker() -> None:
    from triage.extract import extract

    text = (
        '"We cut 300 jobs. We had no choice," Mr. Ruiz said.\n\n'
        "“The plant will close in May. It employs 400 people.\n\n"
        "“Nobody wanted this,” said Ann Lee, the plant manager."
    )
    assert [(s.text[:12], s.speaker) for s in extract(text)] == [
        ('"We cut 300 ', "Ruiz"),
        ("We had no ch", "Ruiz"),
        ("“The plant w", "Ann Lee"),
        ("It employs 4", "Ann Lee"),
        ("“Nobody want", "Ann Lee"),
    ]
