"""Sentences keep exact offsets into the article, whatever the text looks like."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage.extract import extract
from triage.extract.segment import sentence_spans

PIECES = [
    "The U.S. economy grew 3.2% in the first quarter.",
    "Mr. Smith arrived on Jan. 5 at 10 a.m.",
    "“It’s a disaster,” she said.",
    '"We will win," he told reporters.',
    "Prices rose... then fell.",
    "Is that true?",
    "Dr. Jones, of St. Mary’s, disagreed!",
    "The rate was 0.25 points lower than in 2019",
    "- Unemployment fell to 4.1 percent",
    "* Wages rose by $1.50 an hour.",
    "1. First point",
    "BREAKING NEWS",
    "Officials said the\nbill would pass.",
    "café prices rose 5 % — a record",
    "",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\t", " \n "]


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=40), min_size=1, max_size=12))
    separators = draw(
        st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts))
    )
    return "".join(part + separator for part, separator in zip(parts, separators))


@settings(max_examples=300, deadline=None)
@given(articles())
def test_every_span_indexes_the_original_text(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for span in spans:
        sentence = text[span.start : span.end]
        assert sentence and sentence == sentence.strip()
        assert span.start >= previous_end
        previous_end = span.end


@settings(max_examples=100, deadline=None)
@given(articles())
def test_no_words_are_lost_between_sentences(text: str) -> None:
    covered = set()
    for span in sentence_spans(text):
        covered.update(range(span.start, span.end))
    # Only whitespace and list markers may fall outside every sentence.
    outside = "".join(ch for i, ch in enumerate(text) if i not in covered and not ch.isspace())
    assert set(outside) <= set(
        "-*•·–—▪●◦0123456789.)abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    assert len(outside) <= 4 * text.count("\n") + 4


@settings(max_examples=100, deadline=None)
@given(articles())
def test_extracted_sentences_carry_their_exact_text(text: str) -> None:
    for sentence in extract(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert 0.0 <= sentence.score <= 1.0


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


def test_abbreviations_decimals_and_quotes_do_not_split() -> None:
    text = (
        "Mr. Smith said the U.S. economy grew 3.2% on Jan. 5. "
        "“It’s a record,” he said. Prices rose... and kept rising. Was it enough?"
    )
    assert _sentences(text) == [
        "Mr. Smith said the U.S. economy grew 3.2% on Jan. 5.",
        "“It’s a record,” he said.",
        "Prices rose... and kept rising.",
        "Was it enough?",
    ]


def test_headings_and_bullets_are_sentences_of_their_own() -> None:
    text = "Jobs Report\nThe figures are out.\n\nKey points:\n- Unemployment fell to 4.1 percent\n- Wages rose 3%\n"
    assert _sentences(text) == [
        "Jobs Report",
        "The figures are out.",
        "Key points:",
        "Unemployment fell to 4.1 percent",
        "Wages rose 3%",
    ]


def test_a_line_break_inside_a_paragraph_keeps_the_sentence_whole() -> None:
    text = "The senator, who was elected in\n2010, said the bill would\npass before the summer recess.\nShe left."
    assert _sentences(text) == [
        "The senator, who was elected in\n2010, said the bill would\npass before the summer recess.",
        "She left.",
    ]


def test_titles_stay_with_the_name_they_introduce() -> None:
    text = "On Monday, Gov. Jack Markell spoke, and Mr. LaPierre left.\n\nRep. Ed Royce agreed. Sen. Ana Ruiz did not."
    assert _sentences(text) == [
        "On Monday, Gov. Jack Markell spoke, and Mr. LaPierre left.",
        "Rep. Ed Royce agreed.",
        "Sen. Ana Ruiz did not.",
    ]


def test_semicolons_do_not_end_a_sentence() -> None:
    text = "The judges are Ana Ruiz, 87; John Roe, 78; and Li Wei, 74. They retire in May."
    assert _sentences(text) == [
        "The judges are Ana Ruiz, 87; John Roe, 78; and Li Wei, 74.",
        "They retire in May.",
    ]


def test_an_initialism_ends_a_sentence_only_before_a_new_one() -> None:
    text = "U.S. officials met in Washington, D.C., on Monday; talks ran late. He lives in the U.S. The rest stayed."
    assert _sentences(text) == [
        "U.S. officials met in Washington, D.C., on Monday; talks ran late.",
        "He lives in the U.S.",
        "The rest stayed.",
    ]


def test_empty_and_blank_articles_have_no_sentences() -> None:
    assert extract("") == [] and extract(" \n\n\t ") == []


# Pieces whose inner stops syntok never ends a sentence at: segment.py skips syntok for them.
SYNTOK_KEEPS_GOING = [
    "Donald J. Trump met the U.S. Congress and the F.B.I. director on Monday.",
    "Sen. Chuck Schumer, D-N.Y., said the site government.com was down at 5 p.m. on Friday.",
    "Donald Trump Jr. later said it was fine… for now.",
    "He asked why?! and left; “Fine.” he said.",
    "Donald Trump Jr. Met With WikiLeaks During Campaign",
]
# Pieces with a stop where syntok does end a sentence, or might: they must still reach syntok.
SYNTOK_MAY_SPLIT = [
    "He lives in the U.S. The rest stayed.",
    "It was World War I. It ended.",
    "They met in D.C. In May they left.",
    "He said no. Smith agreed.",
    "The letter was signed by Donald Trump Jr. The White House did not comment.",
]


def test_pieces_that_skip_syntok_are_ones_syntok_keeps_whole() -> None:
    from triage.extract.segment import _one_sentence, _syntok_starts

    for piece in SYNTOK_KEEPS_GOING:
        assert _one_sentence(piece), piece
        assert _syntok_starts(piece) == [0], piece
    for piece in SYNTOK_MAY_SPLIT:
        assert not _one_sentence(piece), piece


@pytest.mark.parametrize(
    "piece",
    [
        "He grew up in Ohio. The rest of his family stayed in Lagos. Smith said the U.S. Army agreed.",
        "The order came from Gen. Mark Milley. Then Sen. Ann Ruiz spoke. No. A380 planes flew.",
        "It was Sept. 5 in Kyiv. Donald J. Trump met Mr. Okafor. Critics said: Paris. London. Rome.",
        "Votes came from Iowa. (Applause.) Then Ohio. It was close.",
        "He drove for Thomas Bliley Jr. Reaching the top took years. Jo Lee Jr. Met With Critics",
        "He told Fox News. “We won.” Then he spoke to the Union.” Down the hall, Lee Jr. “Met” them.",
        'She wrote to Gen. "Stop." Smith said so in May. "No." Jo Lee Jr.\' Met With Critics',
    ],
)
def test_syntok_runs_on_parts_between_sure_sentence_ends_with_the_same_result(piece: str) -> None:
    from triage.extract.segment import _split_starts, _syntok_starts

    assert _split_starts(piece) == _syntok_starts(piece)


@pytest.mark.parametrize(
    "quote",
    [
        "“What difference, at this point, does it make?” Mrs. Clinton said, her voice rising.",
        "“Stop lying!” Mr. Fox wrote.",
        "“Who pays for it?” Sen. Jo Park, D-Ohio, asked on Friday.",
        '"Why now?" Rep. Ann Lee (Calif.) told reporters.',
        "“Is that fair?” The aide said.",
        "“We won!” an aide shouted.",
    ],
)
def test_a_quote_ending_in_a_question_or_exclamation_stays_with_its_attribution(quote: str) -> None:
    assert _sentences(f"The vote came late. {quote} Then the hall emptied.") == [
        "The vote came late.",
        quote,
        "Then the hall emptied.",
    ]


def test_a_new_sentence_after_a_question_quote_stands_alone() -> None:
    text = "“Is it over?” The answer came fast. “Why?” Mr. Fox said the tax was unfair."
    assert _sentences(text) == [
        "“Is it over?”",
        "The answer came fast.",
        "“Why?”",
        "Mr. Fox said the tax was unfair.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Donald Trump Jr. Met With WikiLeaks During Campaign", 1),
        ("Former Rep. Jo Lee Jr. (D-Ill.) pleaded guilty on Wednesday to fraud.", 1),
        ("The letter was signed by Donald Trump Jr. The White House did not comment.", 2),
        ("He drove for Rep. Thomas Bliley Jr. Reaching the top took him years.", 2),
        ("Schools closed on Martin Luther King Jr. Day, the mayor said.", 1),
        ("The march fell on Martin Luther King Jr. Day. Thousands came.", 2),
    ],
)
def test_junior_ends_a_sentence_only_where_one_ends(text: str, sentences: int) -> None:
    assert len(sentence_spans(text)) == sentences
