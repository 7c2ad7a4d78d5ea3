"""Claim extraction: every sentence of an article with exact offsets, a check-worthiness score,
a claim type and a speaker. Heavy parts (segmenter, model) load on first use, not on import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from triage.models import Sentence

# The recall-leaning cut (lowest within 0.01 of the best F1) on the team's labelled news, as
# recorded by benchmarks/train_checkworthy.py in the model file (a test keeps the two equal).
DEFAULT_THRESHOLD: float = 0.20

__all__ = ["DEFAULT_THRESHOLD", "extract", "score_sentences"]


def _judge_with(threshold: float | None) -> Callable[[str, int, int], Sentence]:
    """A function that judges one sentence; imports and the model are resolved once per call."""
    from triage.extract.boilerplate import is_boilerplate
    from triage.extract.checkworthy import load_model
    from triage.extract.kinds import claim_kind
    from triage.extract.speaker import find_speaker

    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    score = load_model().score

    def judge(text: str, start: int, end: int) -> Sentence:
        if not text.strip() or is_boilerplate(text):
            # Blank lines and page furniture are never claims, and score 0 so they sink below
            # every sentence a journalist might promote.
            return Sentence(start, end, text, 0.0, False, "other", "")
        speaker = find_speaker(text)
        value = score(text, speaker)
        return Sentence(start, end, text, value, value >= cut, claim_kind(text), speaker)

    return judge


# A "he said" can lean on a speaker named this many sentences before it, no further.
PRONOUN_REACH = 2
# A quotation that has not closed after this many sentences is taken for a stray mark.
QUOTE_REACH = 8


def _quote_runs(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """(first, last) positions of each quotation that runs over several sentences."""
    from triage.extract.speaker import quote_state

    runs: list[tuple[int, int]] = []
    inside, first = False, 0
    for position, sentence in enumerate(sentences):
        was_inside = inside
        closes, inside = quote_state(sentence.text, inside)
        if was_inside and closes:
            runs.append((first, position))
        elif was_inside and position - first >= QUOTE_REACH:
            inside = False
            continue
        if inside and (closes or not was_inside):
            first = position
    return runs


def _resolve_pronoun_speakers(sentences: list[Sentence]) -> list[Sentence]:
    """Give '"…," she said' the speaker named just before it ("Mayor Ann Lee said … "), and every
    sentence of a quotation that runs over several sentences the speaker of that quotation.

    A quotation's speaker is the one its first or last sentence names outside the quotation marks
    ('Mr. Fox said: “…', '…,” Mr. Fox said.'), or the one a pronoun there leans on. The sentences
    between are the quoted person's words: a name they attribute something to is not the speaker."""
    from triage.extract.speaker import attributes_to_pronoun

    resolved = list(sentences)
    last_named, last_position = "", -PRONOUN_REACH - 1

    def leaned_on(position: int, *texts: str) -> str:
        near = position - last_position <= PRONOUN_REACH
        return last_named if last_named and near and any(map(attributes_to_pronoun, texts)) else ""

    runs = {first: last for first, last in _quote_runs(sentences)}
    position = 0
    while position < len(sentences):
        sentence = sentences[position]
        last = runs.get(position)
        if last is not None:
            # The opening sentence may also close the quotation before ('…,” Mr. Fox said, adding
            # that “…'): then it keeps the speaker that one gave it.
            opening, closing = resolved[position], sentences[last]
            speaker = (
                opening.speaker
                or closing.speaker
                or leaned_on(position, opening.text, closing.text)
            )
            for inner in range(position, last + 1):
                own = resolved[inner].speaker if inner in (position, last) else ""
                if sentences[inner].speaker != (own or speaker):  # replace() costs a few µs
                    resolved[inner] = replace(sentences[inner], speaker=own or speaker)
                else:
                    resolved[inner] = sentences[inner]
            if speaker:
                last_named, last_position = speaker, last
            position = last if last in runs else last + 1
            continue
        if sentence.speaker:
            last_named, last_position = sentence.speaker, position
        else:
            speaker = leaned_on(position, sentence.text)
            if speaker:
                resolved[position] = replace(sentence, speaker=speaker)
        position += 1
    return resolved


def extract(text: str, threshold: float | None = None) -> list[Sentence]:
    """Every sentence of `text` in order; `claim` marks those scoring at least `threshold`."""
    from triage.extract.limits import split_overlong
    from triage.extract.segment import sentence_spans

    judge = _judge_with(threshold)
    sentences = [
        judge(text[span.start : span.end], span.start, span.end)
        for span in split_overlong(text, sentence_spans(text))
    ]
    return _resolve_pronoun_speakers(sentences)


def score_sentences(texts: list[str], threshold: float | None = None) -> list[Sentence]:
    """Judge already-split sentences, one per entry (start=0, end=len(text))."""
    judge = _judge_with(threshold)
    return [judge(text, 0, len(text)) for text in texts]
