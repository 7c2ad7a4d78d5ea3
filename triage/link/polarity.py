"""Polarity: does one claim deny what the other asserts?

"Mexico will pay for the wall" and "Mexico will not pay for the wall" share every content word and
score 95 in rapidfuzz; a verdict on one is the opposite verdict on the other. A negation or denial
on one side only makes the relation "opposite": never an automatic link, never verdict
propagation, never "checked before".
"""

from __future__ import annotations

import re
from typing import Literal

Relation = Literal["same", "opposite"]

# Words that negate the clause they sit in, and phrases that deny a reported claim. Matched in the
# lower-cased text: several times faster than ignoring case in the patterns.
_NEGATION = re.compile(
    r"(?<![\w'’])(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without)(?![\w'’])"
    r"|n['’]t\b"
    r"|\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|(?:is|was|are|were|it'?s) (?:false|untrue|a myth) that"
    r"|(?:false|untrue|wrong) (?:claim|assertion|statement)s? that"
    r"|no longer|no evidence)\b"
)
# "not only … but", "no doubt", "No. 2" (a number, not a denial) and a quoted "no" (the word, a
# vote: the lone "no" vote) do not flip a claim.
_NOT_NEGATING = re.compile(
    r"\bnot only\b|\bno doubt\b|\bnothing but\b|\bno\.\s*\d|[\"“‘']no[\"”’']"
)


# Every match of _NEGATION, and of _NOT_NEGATING, holds one of these: most texts hold none of the
# latter and 6 in 10 news sentences none of the former, and a scan for each is a fraction of the
# pattern's (tried at every position, it cannot skip ahead).
_NEGATION_PARTS = ("no", "never", "neither", "without", "n't", "n’t", "den", "refut", "false",
                   "untrue", "myth", "wrong")  # fmt: skip
_NOT_NEGATING_PARTS = ("not only", "no doubt", "nothing but", "no.", 'no"', "no”", "no’", "no'")


def negations(text: str) -> list[str]:
    """The negation and denial cues of a text, lower-cased, in order."""
    cleaned = text.lower()
    if any(part in cleaned for part in _NOT_NEGATING_PARTS):
        cleaned = _NOT_NEGATING.sub(" ", cleaned)
    if not any(part in cleaned for part in _NEGATION_PARTS):
        return []
    return [match.group().replace("’", "'") for match in _NEGATION.finditer(cleaned)]


def relation(a: str, b: str) -> Relation:
    """'opposite' when one text is negated or denied an odd number of times more than the other."""
    return "opposite" if (len(negations(a)) - len(negations(b))) % 2 else "same"
