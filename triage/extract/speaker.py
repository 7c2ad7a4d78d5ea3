"""Who a sentence attributes its claim to, when the sentence names them.

Covers the attribution shapes of news prose: "according to X", "X said/denied/warned ...",
"X, a former diplomat, said ...", and the inverted '"...," said X.' A pronoun ("he said") names
nobody, so find_speaker gives ""; extract() then lends such a sentence the speaker named just
before it (attributes_to_pronoun tells it which sentences those are).
"""

from __future__ import annotations

import re

_SPEECH_VERB = (
    r"(?:said|says|say|told|tells|stated|claimed|claims|claim|denied|denies|deny|insisted|insists|"
    r"warned|warns|argued|argues|added|adds|wrote|writes|tweeted|posted|announced|announces|confirmed|confirms|"
    r"admitted|admits|acknowledged|acknowledges|alleged|alleges|reported|reports|estimated|estimates|"
    r"predicted|predicts|testified|noted|notes|explained|explains|expressed|asserted|asserts|maintained|"
    r"maintains|accused|accuses|believes|believed|found|finds|concluded|concludes|called|calls|described|"
    r"describes|suggested|suggests|revealed|reveals|disclosed|stressed|emphasi[sz]ed)"
)
# Capitalised name words, allowing initials, U.S.-style abbreviations and joiners like "of".
_NAME_WORD = r"(?:[A-Z][\w’'.&-]*|of|for|and|the|de|van|von|al-\w+)"
_NAME = rf"(?:[A-Z][\w’'.&-]*(?:\s+{_NAME_WORD})*)"
# Sources that news cites without naming a person.
_SOURCE_NOUN = (
    r"(?:officials?|spokes(?:man|woman|person)|sources?|experts?|analysts?|economists?|scientists?|researchers?|"
    r"police|prosecutors?|investigators?|authorities|critics?|lawmakers|legislators|senators?|ministers?|"
    r"ministry|government|administration|agency|department|company|firm|report|study|survey|poll|statement|"
    r"court|judge|witnesses|residents|doctors|diplomats?|aides?|advisers?|advisors?|campaign|white house|kremlin|"
    r"mayor|governor|president|prime minister|chancellor|secretary|director|chief|ceo|chair(?:man|woman)?|"
    r"spokesperson|representative|commissioner|regulator|watchdog|union|council|board|military|army|"
    r"prosecution|defen[cs]e|lawyers?|attorneys?|(?:news )?agency|newspaper|broadcaster|website|data|figures|"
    r"statistics|census|records)"
)
_DETERMINER = r"(?:the|a|an|one|two|several|many|some|other|his|her|their|its)"
_LOWER_SOURCE = rf"(?:(?:{_DETERMINER}\s+)?(?:[A-Z][\w.’'-]*\s+|[a-z-]+\s+){{0,2}}{_SOURCE_NOUN})"
# "White House spokesman Bill Burton", "Kremlin spokesman Dmitry Peskov": a role between names.
_TITLED_NAME = rf"(?:(?:the\s+|The\s+)?{_NAME}\s+)?(?:[a-z-]+\s+)?{_SOURCE_NOUN}\s+{_NAME}"
_SUBJECT = rf"(?:{_TITLED_NAME}|(?:the\s+|The\s+)?{_NAME}(?:['’]s\s+{_SOURCE_NOUN})?|{_LOWER_SOURCE})"
_APPOSITIVE = r"(?:,\s+(?:a|an|the|who|which|[a-z]+\s+of)\b[^,;:“”\"]{1,80},)"
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|you|this|that|these|those|there|who|which)$", re.IGNORECASE)

_ACCORDING_TO = re.compile(rf"\b[Aa]ccording to\s+(?P<speaker>{_SUBJECT})")
_SUBJECT_VERB = re.compile(
    rf"(?:^|[,;:!?][”\"’']?\s+|\b(?:but|and|however|meanwhile|yet|while|although|though|when)\s+|^[A-Z][a-z]+,\s+)"
    rf"(?P<speaker>{_SUBJECT})(?P<appositive>{_APPOSITIVE})?\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+|"
    rf"previously\s+|publicly\s+|repeatedly\s+|once\s+){{0,2}}{_SPEECH_VERB}\b"
)
_VERB_SUBJECT = re.compile(
    rf"[,”\"]\s*{_SPEECH_VERB}\s+(?P<speaker>{_SUBJECT}(?:,\s+[^,.;“”\"]{{1,80}})?)\s*[.!?]?[”\"]?\s*$"
)

# Both patterns above need a speech verb as a whole lower-case word; most sentences have none, and
# looking their words up in a set is much cheaper than trying the patterns at every position.
_SPEECH_VERBS = frozenset(
    _SPEECH_VERB[3:-1].replace("emphasi[sz]ed", "emphasised|emphasized").split("|")
)
_LOWER_WORD = re.compile(r"[a-z]+")


# Sentence openers that a capitalised subject can drag in: "Then White House spokesman ..."
_OPENERS = frozenset(
    ["then", "but", "and", "however", "meanwhile", "later", "now", "also", "still", "yet", "so", "earlier",
     "separately", "instead"]
)


def _clean(speaker: str) -> str:
    words = speaker.strip(" ,;:").split(" ")
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words = words[1:]
    speaker = " ".join(words)
    return "" if _PRONOUN.match(speaker) else speaker


# Capitalised words that open a sentence without naming anyone ("The states ...", "This means ...").
_NOT_A_NAME = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "it", "its", "there", "here", "in", "on", "at", "for", "but",
     "and", "so", "if", "as"]
)


def _valid(candidate: str) -> bool:
    words = candidate.split()
    return (
        bool(words)
        and len(words) <= 14
        and not _PRONOUN.match(words[-1])
        and not all(word.lower() in _NOT_A_NAME for word in words)
    )


def find_speaker(sentence: str) -> str:
    """The person or body `sentence` attributes its claim to, or "" when none is named."""
    text = sentence.strip()
    # The substring test is much cheaper than the search, which tries every position.
    match = _ACCORDING_TO.search(text) if "ccording to" in text else None
    if match:
        candidate = _clean(match.group("speaker"))
        if _valid(candidate):
            return candidate
    if _SPEECH_VERBS.isdisjoint(_LOWER_WORD.findall(text)):
        return ""
    match = _SUBJECT_VERB.search(text)
    if match:
        candidate = _clean(match.group("speaker") + (match.group("appositive") or ""))
        if _valid(candidate):
            return candidate
    match = _VERB_SUBJECT.search(text)
    if match:
        candidate = _clean(match.group("speaker"))
        if _valid(candidate):
            return candidate
    return ""


_PRONOUN_SPEECH = re.compile(
    rf"(?:^|[,;:!?][”\"’']?\s+|\b(?:but|and|however|yet)\s+)(?:he|she|they)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?:{_SPEECH_VERB}|compared|likened|recalled)\b"
    rf"|[,”\"]\s*(?:{_SPEECH_VERB})\s+(?:he|she|they)\s*[.!?]?[”\"]?\s*$",
    re.IGNORECASE,
)


def attributes_to_pronoun(sentence: str) -> bool:
    """True when the sentence's claim is put in the mouth of "he", "she" or "they"."""
    return _PRONOUN_SPEECH.search(sentence.strip()) is not None
