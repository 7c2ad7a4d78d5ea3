"""Claim type after Full Fact's taxonomy (Konstantinovskiy et al., 2018), by cue words.

When several types apply, the one that tells a fact-checker where to look wins, in this order:
a penalty or a statute ("punishable by up to 5 years", "Section 230": find the text of the law,
whatever numbers it holds), an explicit forecast (can only be checked for plausibility; a "will"
or "would" that a past speech verb reports, "he said he would resign", is no forecast), quantity
(find the figure), a hedged
prediction ("could lead to"), correlation or causation, law or rule (find the text of the law),
quote or attribution (find the source), personal experience, then other.
Cues are single words looked up in a set plus a few phrases, so typing a kind costs microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.models import CLAIM_KINDS

QUANTITY, PREDICTION, CAUSATION, LAW, PERSONAL, QUOTE, OTHER = CLAIM_KINDS

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_DIGIT = re.compile(r"\d")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# Numbers that only date or name something: years, days of a month, times, "covid-19", "f-35",
# and time anchors such as "two days after", which place an event rather than quantify it.
_NOT_A_QUANTITY = re.compile(
    rf"\b(?:1[6-9]|20)\d\d(?:s|'s)?\b|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am|pm)\b|\b[a-z]+-\d+\b"
    rf"|\b(?:\d+|a|{_NUMBER_WORD}|a few|several)\s+(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\s+"
    r"(?:after|before|ago|later|earlier|since)\b"
)


@dataclass(frozen=True)
class _Cues:
    words: frozenset[str]
    phrases: re.Pattern[str] | None = None
    # Every spelling of the phrases' first words. A phrase starts after a non-word character and
    # its first word ends at a space, so that word is a whole run of letters of the sentence:
    # without one, the phrase search can be skipped.
    first_words: frozenset[str] = frozenset()

    # The phrases at the very start of the sentence (phrases matches them after a non-word character).
    opening: re.Pattern[str] | None = None

    def found(
        self, words: frozenset[str], lowered: str, runs: frozenset[str] | None = None
    ) -> bool:
        """`runs`: the sentence's runs of letters a-z (the words split at apostrophes)."""
        if not words.isdisjoint(self.words):
            return True
        if self.phrases is None or (runs is not None and runs.isdisjoint(self.first_words)):
            return False
        return self.phrases.search(lowered) is not None or (
            self.opening is not None and self.opening.match(lowered) is not None
        )


# A first word is written with letters, "x?" and "(?:ab|cd)" or "(?:ab|cd)?".
_FIRST_WORD_PART = re.compile(r"(?:([a-z])|\(\?:([a-z|]+)\))(\?)?")


def _spellings(first_word: str) -> list[str]:
    spellings, position = [""], 0
    while position < len(first_word):
        part = _FIRST_WORD_PART.match(first_word, position)
        if part is None:
            raise ValueError(
                f"cue phrase starts with a word _spellings cannot read: {first_word!r}"
            )
        choices = part[2].split("|") if part[2] else [part[1]]
        if part[3]:
            choices.append("")
        spellings = [spelling + choice for spelling in spellings for choice in choices]
        position = part.end()
    return spellings


def _cues(words: str, *phrases: str) -> _Cues:
    if not phrases:
        return _Cues(frozenset(words.split()))
    first_words = frozenset(
        spelling for phrase in phrases for spelling in _spellings(phrase.split(" ")[0])
    )
    if "" in first_words:
        raise ValueError("a cue phrase must open with a letter")
    # A phrase opens with a letter, so the word boundary before it is a non-word character or the
    # start: "\W" first lets the regex engine skip ahead to those, where "\b" was tried everywhere.
    alternatives = "(?:" + "|".join(phrases) + r")\b"
    return _Cues(
        frozenset(words.split()),
        re.compile(r"\W" + alternatives),
        first_words,
        re.compile(alternatives),
    )


_QUANTITY = _cues(
    "percent percentage hundred hundreds thousand thousands million millions billion billions trillion trillions "
    "dozen dozens half double doubled doubles triple tripled twice majority minority average median rate tally "
    "toll rose fell grew dropped climbed declined increased decreased jumped surged plunged shrank nearly almost "
    "highest lowest",
    "per cent",
    "a third",
    "a quarter",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "record (?:high|low)",
)
_QUANTITY_SYMBOLS = frozenset("%$€£¥")
# "one" is left out: "the one with" and "one of them" are pronouns far more often than counts.
_NUMBER_WORDS = frozenset(_NUMBER_WORD[3:-1].split("|")) - {"one"}
# Explicit statements about the future: checkable only for plausibility, whatever they quantify.
_FORECAST = _cues(
    "will won't shall forecast forecasts predicts predicted projection",
    r"(?:is|are) (?:expected|set|likely|projected|forecast|poised|due) to",
    r"(?:is|are|am) going to",
    "projects? that",
    r"by (?:20[3-9]\d|the end of (?:the|this|next) (?:year|decade))",
    r"in the (?:coming|next) (?:years?|months?|weeks?|decades?)",
)
# Hedged consequences ("could lead to confusion"): a prediction unless a figure is the point.
_POSSIBILITY = _cues(
    "would could might future",
    r"may (?:soon|well|lead|cause|result|spark|trigger)",
    r"next (?:year|month|week|decade)",
)
_CAUSATION = _cues(
    "because cause causes caused causing consequence therefore hence triggered fueled fuelled correlated "
    "correlation correlates",
    "led to",
    "leads? to",
    "leading to",
    r"result(?:s|ed|ing)? in",
    "as a result",
    "due to",
    "thanks to",
    r"linked (?:to|with)",
    "associated with",
    "responsible for",
    r"blamed? (?:for|on)",
    r"contribut(?:e|es|ed) to",
    r"driven by",
    "so that",
)
_LAW = _cues(
    "law laws lawful unlawful illegal illegally legally legislation statute bill rule rules regulation "
    "regulations constitution constitutional amendment ruling banned prohibits prohibited mandatory entitled "
    "eligible treaty permitted licence license licensed",
    "act of",
    "court ruled",
    "not allowed to",
    "allowed to",
)
# Penalties and statutes: the text of a law settles them, whatever numbers they hold ("a felony
# punishable by up to 5 years", "Section 230", "the 14th Amendment", "under the 2010 law").
_STATUTE = _cues(
    "penalty penalties punishable felony felonies misdemeanor misdemeanors statute statutes statutory",
    r"fines? of (?:up to|\$|\d)",
    r"(?:face|faces|facing|carry|carries|carrying) (?:a )?(?:maximum |minimum )?(?:sentence|prison|jail)",
    r"(?:maximum|minimum|mandatory) (?:sentence|penalty|fine)",
    r"sections? \d+",
    r"titles? (?:[ivx]+|\d+) of",
    r"articles? \d+ of",
    r"act of (?:1[6-9]|20)\d\d",
    r"under (?:the )?(?:[\w'-]+ ){0,3}(?:law|act|statute|rules?|regulations?|constitution)",
)
_STATUTE_SYMBOLS = frozenset("§")
_AMENDMENT = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|fourth|fifth|sixth|eighth|tenth|thirteenth|fourteenth|fifteenth|"
    r"nineteenth|twenty-\w+) amendment\b"
)
# "law" in these names a profession or a place, not a rule: "law enforcement officials".
_NOT_A_LAW = re.compile(
    r"\blaw (?:enforcement|firm|firms|school|schools|professor|professors|student|students|"
    r"clerk|partner|office|offices|maker|makers)\b|\bin-laws?\b"
)
# A "would" or "will" reported after a past speech verb retells what was said ("he said he would
# resign", "the company said it will cut jobs"): an announcement, not a forecast.
_REPORTED_FUTURE = re.compile(
    r"\b(?:said|told(?: [\w'-]+){0,2}|announced|promised|vowed|pledged|insisted|warned|added|stated|wrote|"
    r"indicated|suggested|signaled|signalled|hinted|claimed|argued|declared|confirmed|agreed|decided|threatened|"
    r"acknowledged|conceded|noted|explained|testified|tweeted|posted|reported|believed|thought|hoped|knew|"
    r"assured(?: [\w'-]+){0,2}|reiterated|maintained|replied)"
    r"(?: that)?(?: [\w'’.-]+){1,6}? (?P<modal>would|will|won't|wouldn't)\b"
)
_REPORTING_WORDS = frozenset(
    [
        "said",
        "told",
        "announced",
        "promised",
        "vowed",
        "pledged",
        "insisted",
        "warned",
        "added",
        "stated",
        "wrote",
        "indicated",
        "suggested",
        "signaled",
        "signalled",
        "hinted",
        "claimed",
        "argued",
        "declared",
        "confirmed",
        "agreed",
        "decided",
        "threatened",
        "acknowledged",
        "conceded",
        "noted",
        "explained",
        "testified",
        "tweeted",
        "posted",
        "reported",
        "believed",
        "thought",
        "hoped",
        "knew",
        "assured",
        "reiterated",
        "maintained",
        "replied",
    ]
)
_MODALS = frozenset(["would", "will", "won't", "wouldn't"])
_QUOTE = _cues(
    "said says say told tells stated states claimed claims denied denies insisted insists reportedly reported "
    "alleged allegedly announced confirmed admitted acknowledged warned argued added wrote tweeted posted "
    "described accused testified expressed asserted maintained noted explained",
    "according to",
    r"call(?:ed|ing) it",
)
_QUOTE_MARKS = frozenset('"“”')
_PERSONAL = frozenset(["me", "my", "mine", "myself", "we", "we've", "we're", "our", "us"])
# "I" only as a word of its own: the "I" of "C.I.A." or "World War I." is nobody's experience.
# The lookbehinds come after the "I" so that the regex engine can skip ahead to capital I's.
_FIRST_PERSON_I = re.compile(r"I(?<![\w.]I)(?<!War I)(?:['’](?:m|ve|d|ll))?(?![\w.])")


def _has_quantity(words: frozenset[str], lowered: str, runs: frozenset[str] | None = None) -> bool:
    if not _QUANTITY_SYMBOLS.isdisjoint(lowered) or _QUANTITY.found(words, lowered, runs):
        return True
    if _DIGIT.search(lowered) or not words.isdisjoint(_NUMBER_WORDS):
        without_dates = _NOT_A_QUANTITY.sub(" ", lowered)
        return bool(_DIGIT.search(without_dates)) or not set(
            _WORD.findall(without_dates)
        ).isdisjoint(_NUMBER_WORDS)
    return False


def _without_reported_future(lowered: str) -> str:
    """`lowered` with each "would"/"will" that a past speech verb reports blanked out."""
    return _REPORTED_FUTURE.sub(
        lambda match: match.group()[: match.start("modal") - match.start()] + "_", lowered
    )


# Every word claim_kind looks up: the sentence's other words can change no answer, so its word and
# run sets keep only these, and the dozen set tests that follow each touch a word or two, not all.
_KEY_WORDS = frozenset().union(
    *(
        cues.words | cues.first_words
        for cues in (_QUANTITY, _FORECAST, _POSSIBILITY, _CAUSATION, _LAW, _STATUTE, _QUOTE)
    ),
    _NUMBER_WORDS,
    _MODALS,
    _REPORTING_WORDS,
    _PERSONAL,
    ("amendment", "law"),
)


def _key_words(lowered: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words (`_WORD`) of `lowered` and their runs of letters a-z, less those no cue holds."""
    found = _WORD.findall(lowered)
    words = _KEY_WORDS.intersection(found)
    if "'" not in lowered:
        return words, words
    return words, _KEY_WORDS.intersection([run for word in found for run in word.split("'")])


def claim_kind(sentence: str) -> str:
    """One of CLAIM_KINDS for `sentence`, "other" when no cue applies."""
    lowered = sentence.lower().replace("’", "'")
    words, runs = _key_words(lowered)
    if (
        not _STATUTE_SYMBOLS.isdisjoint(lowered)
        or _STATUTE.found(words, lowered, runs)
        or ("amendment" in words and _AMENDMENT.search(lowered))
    ):
        return LAW
    future, future_words, future_runs = lowered, words, runs
    if not words.isdisjoint(_MODALS) and not words.isdisjoint(_REPORTING_WORDS):
        future = _without_reported_future(lowered)
        future_words, future_runs = _key_words(future)
    if _FORECAST.found(future_words, future, future_runs):
        return PREDICTION
    if _has_quantity(words, lowered, runs):
        return QUANTITY
    if _POSSIBILITY.found(future_words, future, future_runs):
        return PREDICTION
    if _CAUSATION.found(words, lowered, runs):
        return CAUSATION
    if "law" in words and _NOT_A_LAW.search(lowered):
        law_text = _NOT_A_LAW.sub(" ", lowered)
        law_words, law_runs = _key_words(law_text)
        if _LAW.found(law_words, law_text, law_runs):
            return LAW
    elif _LAW.found(words, lowered, runs):
        return LAW
    if _QUOTE.found(words, lowered, runs) or not _QUOTE_MARKS.isdisjoint(sentence):
        return QUOTE
    if not words.isdisjoint(_PERSONAL) or _FIRST_PERSON_I.search(sentence):
        return PERSONAL
    return OTHER
