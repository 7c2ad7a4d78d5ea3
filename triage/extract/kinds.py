"""Claim type after Full Fact's taxonomy (Konstantinovskiy et al., 2018), by cue phrases.

When several types apply, the one that tells a fact-checker where to look wins, in this order:
an explicit forecast (can only be checked for plausibility), quantity (find the figure), a hedged
prediction ("could lead to"), correlation or causation, law or rule (find the text of the law),
quote or attribution (find the source), personal experience, then other.
"""

from __future__ import annotations

import re

from triage.models import CLAIM_KINDS

QUANTITY, PREDICTION, CAUSATION, LAW, PERSONAL, QUOTE, OTHER = CLAIM_KINDS[:7]

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# Numbers that only date or name something: years, days of a month, times, "Covid-19", "F-35".
_DATE_OR_NAME_NUMBER = re.compile(
    rf"\b(?:1[6-9]|20)\d\d(?:s|’s|'s)?\b|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am|pm)\b|\b[A-Za-z]+-\d+\b"
    # Time anchors such as "two days after" place an event; they are not a checkable quantity.
    r"|\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+(?:days?|weeks?|months?|years?|"
    r"hours?|minutes?|decades?)\s+(?:after|before|ago|later|earlier|since)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_QUANTITY_WORDS = re.compile(
    r"\b(?:percent|per cent|percentage|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|"
    r"a third|a quarter|doubled?|tripled?|twice|majority|minority|average|median|rate|tally|toll|"
    r"(?:rose|fell|grew|dropped|climbed|declined|increased|decreased|jumped|surged|plunged|shrank)(?: by)?|"
    r"more than|less than|fewer than|at least|at most|up to|nearly|almost|record (?:high|low)|highest|lowest)\b"
    r"|[%$€£¥]",
    re.IGNORECASE,
)
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)\b",
    re.IGNORECASE,
)
# Explicit statements about the future: checkable only for plausibility, whatever they quantify.
_FORECAST = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are) (?:expected|set|likely|projected|forecast|poised|due) to|"
    r"(?:is|are|am) going to|forecasts?|predicts?|predicted|projects? that|projection|"
    r"by (?:20[3-9]\d|the end of (?:the|this|next) (?:year|decade))|in the (?:coming|next) (?:years?|months?|"
    r"weeks?|decades?))\b",
    re.IGNORECASE,
)
# Hedged consequences ("could lead to confusion"): a prediction unless a figure is the point.
_POSSIBILITY = re.compile(
    r"\b(?:would|could|might|may (?:soon|well|lead|cause|result|spark|trigger)|next (?:year|month|week|decade)|"
    r"future)\b",
    re.IGNORECASE,
)
_CAUSATION = re.compile(
    r"\b(?:because(?: of)?|caus(?:e|es|ed|ing)|led to|leads? to|leading to|result(?:s|ed|ing)? in|as a result|"
    r"due to|thanks to|linked (?:to|with)|associated with|responsible for|blamed? (?:for|on)|contribut(?:e|es|ed) to|"
    r"driv(?:e|es|en|ing) by|fuel(?:s|ed|led)|triggered|consequence|correlat\w+|so that|therefore|hence)\b",
    re.IGNORECASE,
)
_LAW = re.compile(
    r"\b(?:law|laws|lawful|unlawful|illegal|legally|legislation|statute|act of|bill|rule|rules|regulations?|"
    r"constitution(?:al)?|amendment|court ruled|ruling|banned|prohibit(?:s|ed)?|requires? by law|mandatory|"
    r"entitled to|eligible|treaty|policy says|allowed to|not allowed|permitted|licen[cs]e[ds]?)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|claimed|claims|denied|denies|insisted|insists|"
    r"according to|reportedly|reported|alleged(?:ly)?|announced|confirmed|admitted|acknowledged|"
    r"warned|argued|added|wrote|tweeted|posted|called it|calling it|described|accused|testified|"
    r"expressed|asserted|maintained|noted|explained)\b|[\"“”]",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:I|I['’](?:m|ve|d)|me|my|mine|myself|we|we['’](?:ve|re)|our|us)\b")


def _has_quantity(sentence: str) -> bool:
    without_dates = _DATE_OR_NAME_NUMBER.sub(" ", sentence)
    return bool(_NUMBER.search(without_dates) or _QUANTITY_WORDS.search(without_dates)
                or _NUMBER_WORDS.search(without_dates))


def claim_kind(sentence: str) -> str:
    """One of CLAIM_KINDS for `sentence`, "other" when no cue applies."""
    if _FORECAST.search(sentence):
        return PREDICTION
    if _has_quantity(sentence):
        return QUANTITY
    if _POSSIBILITY.search(sentence):
        return PREDICTION
    if _CAUSATION.search(sentence):
        return CAUSATION
    if _LAW.search(sentence):
        return LAW
    if _QUOTE.search(sentence):
        return QUOTE
    if _PERSONAL.search(sentence):
        return PERSONAL
    return OTHER
