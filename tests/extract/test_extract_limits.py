"""No claim is longer than a journalist can read: overlong spans are split, offsets stay exact."""

from __future__ import annotations

from triage.extract import extract
from triage.extract.limits import MAX_SENTENCE_CHARS, split_overlong
from triage.extract.segment import Span


def test_a_2mb_line_without_punctuation_becomes_many_bounded_sentences() -> None:
    words = [f"figure{n} rose 12 percent" for n in range(80_000)]
    text = " ".join(words)[:2_000_000]
    sentences = extract(text)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE_CHARS
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert not sentence.text[0].isspace() and not sentence.text[-1].isspace()
    # Every word is in exactly one sentence, none cut in half.
    assert [w for s in sentences for w in s.text.split()] == text.split()


def test_splits_prefer_a_clause_mark_then_a_space_then_a_hard_cut() -> None:
    clause = "the harbour fees, " * 100  # 1800 characters with commas
    [first, *_] = split_overlong(clause, [Span(0, len(clause))])
    assert clause[first.start : first.end].endswith(",")
    assert first.end - first.start <= MAX_SENTENCE_CHARS
    token = "x" * 2500
    assert split_overlong(token, [Span(0, 2500)]) == [
        Span(0, 1000),
        Span(1000, 2000),
        Span(2000, 2500),
    ]


def test_ordinary_sentences_are_untouched() -> None:
    text = "The pier cost 2 million euros. It opens in May."
    spans = [Span(0, 30), Span(31, 47)]
    assert split_overlong(text, spans) == spans
