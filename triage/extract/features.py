"""Sentence features for the check-worthiness model.

The training script (benchmarks/train_checkworthy.py) and run-time inference both call
`sentence_features`, so the shipped weights always line up with the features computed here.
Each feature group is L2-normalised on its own so long sentences do not win by sheer size.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[$%€£]")
_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bpercent(?:age)?\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds)\b|\b(?:dollars?|budget|tax(?:es)?|deficit|debt)\b", re.I)
_BIG_NUMBER_WORD = re.compile(
    r"\b(?:hundred|thousand|million|billion|trillion|dozens?|half|twice|double[ds]?|triple[ds]?)\b", re.I
)
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DATE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last (?:year|month|week|decade)|since \d{4}|in \d{4})\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|than|most|least|highest|lowest|largest|smallest|biggest|record|increase[ds]?|"
    r"decrease[ds]?|rise|rose|risen|fell|fallen|drop(?:ped)?|grew|grown|cut|doubled|tripled|compared|"
    r"average|rate|percent|only|every|all|none|never|always|first|worst|best)\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(?:according to|said|says|say|told|stated|claimed|claims|denied|denies|confirmed|reported(?:ly)?|"
    r"announced|admitted|alleged(?:ly)?|warned|acknowledged|testified|estimated?|found|shows?|showed)\b",
    re.I,
)
_CAUSAL = re.compile(
    r"\b(?:because|caused?|causes|led to|leads? to|result(?:ed|s)? in|due to|thanks to|linked to|"
    r"responsible for|so that|therefore)\b",
    re.I,
)
_LAW = re.compile(
    r"\b(?:law|laws|illegal|legal|bill|act|legislation|rule|rules|regulation|ban(?:ned|s)?|"
    r"constitution(?:al)?|court|voted?|veto(?:ed)?|signed|passed|treaty|policy)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i’m|i've|i’ve|me|my|mine|myself)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you’re)\b", re.I)
_OPINION = re.compile(
    r"\b(?:think|believe|feel|hope|wish|want|going to|should|ought|must|thank(?:s| you)?|"
    r"welcome|great|wonderful|honou?red|glad|happy|pleased|please|question|agree|disagree)\b",
    re.I,
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+|\b[A-Z]{2,}\b")


def _normalise(text: str) -> str:
    # Digits collapse to 0 so "9 million" and "7 million" share features.
    return _DIGIT.sub("0", text.lower().replace("’", "'"))


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _signal_features(text: str, tokens: list[str]) -> list[str]:
    """Hand-picked cues that make a sentence worth checking in news and debate text."""
    found = [f"len:{_bucket(len(tokens), (3, 6, 10, 16, 25, 40))}"]
    checks = (
        ("number", _DIGIT),
        ("percent", _PERCENT),
        ("money", _MONEY),
        ("bignum", _BIG_NUMBER_WORD),
        ("numword", _NUMBER_WORD),
        ("year", _YEAR),
        ("date", _DATE),
        ("compare", _COMPARISON),
        ("attribution", _ATTRIBUTION),
        ("causal", _CAUSAL),
        ("law", _LAW),
        ("first_person", _FIRST_PERSON),
        ("second_person", _SECOND_PERSON),
        ("opinion", _OPINION),
    )
    for name, pattern in checks:
        if pattern.search(text):
            found.append(f"sig:{name}")
    numbers = len(re.findall(r"\d+(?:[.,]\d+)*", text))
    found.append(f"numbers:{_bucket(numbers, (0, 1, 2))}")
    capitalised = len(_CAPITALISED.findall(text))
    found.append(f"caps:{_bucket(capitalised, (0, 1, 3))}")
    stripped = text.rstrip()
    if stripped.endswith("?"):
        found.append("sig:question")
    if stripped.endswith("!"):
        found.append("sig:exclamation")
    if not stripped.endswith((".", "?", "!", '"', "”", "'", "’")):
        found.append("sig:unterminated")
    return found


@lru_cache(maxsize=50_000)
def _char_grams(token: str) -> tuple[str, ...]:
    # Cached: news text repeats its words, and n-gram slicing is the costliest step here.
    padded = f" {token} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def sentence_features(text: str) -> dict[str, float]:
    """Sparse feature vector of one sentence: word 1-2 grams, char 3-5 grams, signal cues."""
    normal = _normalise(text)
    tokens = _WORD.findall(normal)
    words = [f"w:{t}" for t in tokens]
    words += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:])]
    chars: set[str] = set()
    for token in tokens:
        chars.update(_char_grams(token))
    signals = _signal_features(text, tokens)

    vector: dict[str, float] = {}
    for group, prefix in ((set(words), ""), (chars, "c:")):
        if group:
            weight = 1.0 / math.sqrt(len(group))
            for name in group:
                vector[prefix + name] = weight
    # Signals stay binary: each is one strong, interpretable cue.
    for name in signals:
        vector[name] = 1.0
    return vector
