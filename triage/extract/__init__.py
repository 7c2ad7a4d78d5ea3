"""Claim extraction: every sentence of an article with exact offsets, a check-worthiness score,
a claim type and a speaker. Heavy parts (segmenter, model) load on first use, not on import."""

from __future__ import annotations

from triage.models import Sentence

# The recall-leaning cut on cross-validated ClaimBuster scores, as recorded by
# benchmarks/train_checkworthy.py in the model file (a test keeps the two equal).
DEFAULT_THRESHOLD: float = 0.28

__all__ = ["DEFAULT_THRESHOLD", "extract", "score_sentences"]


def _judge(text: str, start: int, end: int, threshold: float) -> Sentence:
    from triage.extract.boilerplate import is_boilerplate
    from triage.extract.checkworthy import load_model
    from triage.extract.kinds import claim_kind
    from triage.extract.speaker import find_speaker

    if not text.strip() or is_boilerplate(text):
        # Blank lines and page furniture are never claims, and scores 0 so it sinks below every promotable sentence.
        return Sentence(start=start, end=end, text=text, score=0.0, claim=False, kind="other", speaker="")
    speaker = find_speaker(text)
    score = load_model().score(text, speaker)
    return Sentence(
        start=start,
        end=end,
        text=text,
        score=score,
        claim=score >= threshold,
        kind=claim_kind(text),
        speaker=speaker,
    )


def extract(text: str, threshold: float | None = None) -> list[Sentence]:
    """Every sentence of `text` in order; `claim` marks those scoring at least `threshold`."""
    from triage.extract.segment import sentence_spans

    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    return [_judge(text[span.start : span.end], span.start, span.end, cut) for span in sentence_spans(text)]


def score_sentences(texts: list[str], threshold: float | None = None) -> list[Sentence]:
    """Judge already-split sentences, one per entry (start=0, end=len(text))."""
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    return [_judge(text, 0, len(text), cut) for text in texts]
