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


def _resolve_pronoun_speakers(sentences: list[Sentence]) -> list[Sentence]:
    """Give '"…," she said' the speaker named just before it ("Mayor Ann Lee said … ")."""
    from triage.extract.speaker import attributes_to_pronoun

    resolved: list[Sentence] = []
    last_named, last_position = "", -PRONOUN_REACH - 1
    for position, sentence in enumerate(sentences):
        if sentence.speaker:
            last_named, last_position = sentence.speaker, position
        elif (
            last_named
            and position - last_position <= PRONOUN_REACH
            and attributes_to_pronoun(sentence.text)
        ):
            sentence = replace(sentence, speaker=last_named)
        resolved.append(sentence)
    return resolved


def extract(text: str, threshold: float | None = None) -> list[Sentence]:
    """Every sentence of `text` in order; `claim` marks those scoring at least `threshold`."""
    from triage.extract.segment import sentence_spans

    judge = _judge_with(threshold)
    sentences = [judge(text[span.start : span.end], span.start, span.end) for span in sentence_spans(text)]
    return _resolve_pronoun_speakers(sentences)


def score_sentences(texts: list[str], threshold: float | None = None) -> list[Sentence]:
    """Judge already-split sentences, one per entry (start=0, end=len(text))."""
    judge = _judge_with(threshold)
    return [judge(text, 0, len(text)) for text in texts]
