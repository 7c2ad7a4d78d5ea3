"""Text normalisation for claim matching.

Two claims that say the same thing should normalise to (nearly) the same string, whatever their
casing, quotes, punctuation, number formatting or the social-media noise around them. Everything here
is pure string work so that the matcher, the linker and the benchmarks agree on one definition.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words that carry no meaning for matching. Kept short on purpose: negations ("not", "no", "never")
# stay, because "X is safe" and "X is not safe" must not look identical.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "would",
        "could",
        "ought",
        "im",
        "youre",
        "hes",
        "shes",
        "its",
        "were",
        "theyre",
        "ive",
        "youve",
        "weve",
        "theyve",
        "id",
        "youd",
        "hed",
        "shed",
        "wed",
        "theyd",
        "ill",
        "youll",
        "hell",
        "shell",
        "well",
        "theyll",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "hasnt",
        "havent",
        "hadnt",
        "doesnt",
        "dont",
        "didnt",
        "also",
        "says",
        "said",
        "say",
        "via",
        "rt",
        "amp",
    ]
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "a": 1,
}  # fmt: skip

# Capitalised words that are not names: titles and sentence furniture. Used by the entity guard.
NOT_ENTITIES = (
    frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "dr",
            "sir",
            "madam",
            "president",
            "senator",
            "sen",
            "rep",
            "representative",
            "gov",
            "governor",
            "secretary",
            "minister",
            "prime",
            "chairman",
            "chief",
            "judge",
            "justice",
            "gen",
            "general",
            "officials",
            "official",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "according",
            "breaking",
            "watch",
            "video",
            "photo",
            "update",
            "new",
        ]
    )
    | STOPWORDS
    | frozenset(NUMBER_WORDS)
)

MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}


_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip

# Social-media noise: links, picture links, and the "— Name (@handle) January 6, 2020" tail of an
# embedded tweet. The author's name is kept (it often names who made the claim); handle and date go.
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_TWEET_TAIL = re.compile(r"\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_HANDLE = re.compile(r"(?<!\w)@(\w+)")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_NUM = r"\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_SCALE_ABBREVIATIONS = "mln|bn|tn|k|m|b"
_WORD_NUM = "|".join(NUMBER_WORDS)
# A number with an optional scale: "4,300", "4.3 thousand", "$4m", "two million", "10%". Abbreviated
# scales count only when glued to the number ("$4m"), so "4 m" stays four of something.
_SCALE = rf"(?:\s*(?P<mult>{_SCALE_WORDS})\b|(?P<abbr>{_SCALE_ABBREVIATIONS})\b)?"
_PERCENT = r"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
# Two patterns rather than one: most sentences hold digits, few spell numbers out, and a pattern that
# must try every number word at every position is several times slower on the common case.
_NUMERIC = re.compile(rf"(?<![\w.])(?P<num>{_NUM}){_SCALE}{_PERCENT}", re.IGNORECASE)
_WORDED = re.compile(
    rf"(?<![\w.])(?P<word>{_WORD_NUM})\s+(?P<mult>{_SCALE_WORDS})\b{_PERCENT}", re.IGNORECASE
)
_SCALE_WORD = re.compile(_SCALE_WORDS, re.IGNORECASE)
_SCALE_WORD_LIST = _SCALE_WORDS.split("|")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_POSSESSIVE = re.compile(r"'s\b")


@dataclass(frozen=True)
class Quantity:
    """A number found in a text: its canonical value (e.g. "4300") and how the text wrote it."""

    value: str
    surface: str


def canonical_number(value: float) -> str:
    """Write a number one way only: no thousands separators, no trailing zeros."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _quantity_value(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("num") is not None:
        value = float(groups["num"].replace(",", ""))
    else:
        value = float(NUMBER_WORDS[groups["word"].lower()])
    mult = groups.get("mult") or groups.get("abbr")
    if mult:
        value *= MULTIPLIERS[mult.lower()]
    text = canonical_number(value)
    return text + " percent" if match.group("pct") else text


# Abbreviations written with stops ("I.R.S.", "U.S", "e.g.") lose them, so they equal "IRS", "US".
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z])+\.?(?![\w])")

# Number words as digits, so "one-in-three" equals "1 in 3" and "a dozen" equals "12". "one" is a
# number only in "one in/out of N" (elsewhere it is mostly a pronoun: "one of the", "no one").
_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, **{k: v for k, v in _UNITS.items() if v < 10}}
_SPELLED = re.compile(
    rf"(?<![\w-])(?:(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<ones>{'|'.join(_ONES)}))?"
    rf"|(?P<unit>{'|'.join(_UNITS)})|(?P<dozen>(?:a |one )?dozen)|(?P<half>(?:a |one[- ])?half(?= of\b)))(?![\w-])",
    re.IGNORECASE,
)
_ONE_IN = re.compile(r"(?<![\w-])(?:one|a)[- ](in|out of|of every)[- ](?=\w)", re.IGNORECASE)
_LOWER_WORDS = re.compile(r"[a-z]+")
_NUMBER_VOCABULARY = frozenset(_UNITS) | frozenset(_TENS) | {"dozen", "half"}


def _spelled_value(match: re.Match[str]) -> str:
    if match.group("tens"):
        value = _TENS[match.group("tens").lower()]
        if match.group("ones"):
            value += _ONES[match.group("ones").lower()]
        return str(value)
    if match.group("unit"):
        return str(_UNITS[match.group("unit").lower()])
    if match.group("dozen"):
        return "12"
    return "50%"  # half (of)


@functools.lru_cache(maxsize=4_096)  # a claim's normalised form and its numbers both need it
def spell_out_numbers(text: str) -> str:
    """Number words written as digits: "one-in-three" -> "1 in 3", "twenty-five" -> "25",
    "a dozen" -> "12", "half of" -> "50% of". Scale words ("two million") are left to _WORDED."""
    # Most sentences spell no number out: one pass over their words decides, and the patterns
    # (slow: many alternatives, any case) run only when a number word is there.
    words = set(_LOWER_WORDS.findall(text.lower()))
    if "one" in words:
        text = _ONE_IN.sub(lambda m: f"1 {m.group(1).replace('-', ' ')} ", text)
    if words & _NUMBER_VOCABULARY:
        text = _SPELLED.sub(_spelled_value, text)
    return text


# A sentence is cleaned several times in a row: for its core, its normalised form, its numbers and
# its names (the guard reads all four of each claim it compares).
@functools.lru_cache(maxsize=4_096)
def clean(text: str) -> str:
    """Unicode, quotes, dashes and social-media noise normalised; case and words kept."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    # Each rule runs only when its marker is present: relinking a large workspace normalises
    # every claim, and most news sentences carry no links, handles or hashtags.
    if "http" in text or "www." in text or "pic.twitter" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _TWEET_TAIL.sub(" ", text.rstrip())
        text = _HANDLE.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)), text)
    if "#" in text:
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)), text)
    return text


def _has_scale_word(text: str) -> bool:
    """Whether _SCALE_WORD occurs in the text. In ASCII text ignoring case is plain lowercasing, and
    substring tests are several times faster than a case-insensitive regex scan; other text keeps
    the regex (its case folding treats a few non-ASCII letters as ASCII ones)."""
    if text.isascii():
        lowered = text.lower()
        for word in _SCALE_WORD_LIST:  # noqa: SIM110 (a loop, not any(): no generator per text)
            if word in lowered:
                return True
        return False
    return _SCALE_WORD.search(text) is not None


def _quantity_matches(text: str) -> list[re.Match[str]]:
    found = list(_NUMERIC.finditer(text)) if _DIGIT.search(text) else []
    if _has_scale_word(text):
        found += _WORDED.finditer(text)
        found.sort(key=lambda match: match.start())
    return found


def quantities(text: str) -> list[Quantity]:
    """Every number in the text, scale words applied ("4.3 thousand" -> "4300")."""
    return [
        Quantity(_quantity_value(match), match.group(0).strip())
        for match in _quantity_matches(spell_out_numbers(clean(text)))
    ]


def normalize(text: str) -> str:
    """Lowercase text with canonical numbers and no punctuation: what the fuzzy scorers compare."""
    known = _norms.get(text)
    if known is not None:
        return known
    text = spell_out_numbers(clean(text))
    if _has_scale_word(text):
        text = _WORDED.sub(lambda m: f" {_quantity_value(m)} ", text)
    if _DIGIT.search(text):
        text = _NUMERIC.sub(lambda m: f" {_quantity_value(m)} ", text)
    text = text.lower()
    if "'" in text:
        text = _POSSESSIVE.sub("", text).replace("'", "")
    return " ".join(_TOKEN.findall(text))


@functools.lru_cache(maxsize=262_144)  # words repeat: a cache halves relinking time
def stem(word: str) -> str:
    """A deliberately small suffix stripper (plurals, -ing), enough to help retrieval."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        return word[:-3]
    return word


def content_terms(normalized: str) -> list[str]:
    """Stemmed, stopword-free terms of a normalised text, in order: the retrieval vocabulary."""
    return [stem(word) for word in normalized.split() if word not in STOPWORDS]


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_ENTITY = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def entities(text: str) -> set[str]:
    """Lowercased name words: capitalised words that are not titles or common words."""
    found = set()
    for match in _ENTITY.finditer(clean(text)):
        for word in match.group(0).split():
            # removesuffix does what re.sub(r"'s$", "", word) did, without a regex call per word
            word = word.removesuffix("'s").replace("'", "").lower()
            if word and word not in NOT_ENTITIES and not word.isdigit():
                found.add(word)
    return found


def normalize_many(texts: Iterable[str]) -> tuple[list[str], list[list[str]]]:
    """Normalised text and retrieval terms of every text (one pass, for bulk indexing)."""
    normalized = [normalize(text) if text else "" for text in texts]
    return normalized, [content_terms(text) if text else [] for text in normalized]


# The attribution tail of a reported claim: ", Boehner said.", ", he told reporters on Friday.",
# ", said Sen. Warren.", ", according to the CBO." Names there say who spoke, not what the claim
# is about, so the guard compares names inside the claim only.
_SPEECH = (
    r"(?:said|says|say|told(?: [^,.;]{1,40})?|added|adds|wrote|writes|noted|argued|claimed|stated|"
    r"explained|insisted|tweeted|announced|declared|warned|acknowledged|admitted|confirmed|"
    r"conceded|suggested|predicted|estimated|reported|testified)"
)
_SPEAKER = r"(?:he|she|they|it|we|I|(?:the |a )?[\w.'-]+(?: [\w.'-]+){0,4})"
_WHEN = r"(?: [^,.;]{1,40})?"
_TAIL = re.compile(
    rf"""(?:,|\s[-\u2014])\s*["']?\s*(?:{_SPEAKER} {_SPEECH}|{_SPEECH} {_SPEAKER}|according to [^,;]{{1,60}}){_WHEN}\s*[.!?"']*\s*$""",
)
_MIN_CORE_WORDS = 5
_TAIL_REACH = 160  # characters from the end where a tail may start


# A dateline ("WASHINGTON —", "BOSTON --") opens a report; it is where, not what.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*(?:\([^)]{1,30}\)\s*)?(?:-{1,2}|\u2014)\s+")


# The core and the normalised form of sentences as the process that prepared their article computed
# them (remember_forms): the guard reads both again for every sentence it compares, in the
# importing process, which would otherwise compute them a second time. Cleared when full.
FORMS_KEPT = 65_536
_cores: dict[str, str] = {}
_norms: dict[str, str] = {}


def remember_forms(text: str, core: str, norm: str) -> None:
    """Keep claim_core(text) and normalize(claim_core(text)), computed elsewhere."""
    if len(_cores) >= FORMS_KEPT:
        _cores.clear()
        _norms.clear()
    _cores[text] = core
    _norms[core] = norm  # the text's own, when it is all core


def claim_core(text: str) -> str:
    """The text without its dateline and attribution tail (kept whole if the rest is too short)."""
    core = _cores.get(text)
    return _claim_core(text) if core is None else core


@functools.lru_cache(maxsize=65_536)  # linking reads it for a sentence, the guard again per pair
def _claim_core(text: str) -> str:
    text = _DATELINE.sub("", clean(text).strip())
    # A tail is short: searching only the last characters keeps the regex from trying every
    # position of a long sentence.
    offset = max(0, len(text) - _TAIL_REACH)
    match = _TAIL.search(text, offset)
    if match is None:
        return text
    core = text[: match.start()].rstrip(" ,\"'")
    return core if word_count(core) >= _MIN_CORE_WORDS else text


# Capitalised words that describe rather than name: party and state tags ("R-Texas"), parties,
# initials. Two reports of one claim describe its actor differently; they do not name another.
_DESCRIPTIVE = frozenset(
    [
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "democratic",
        "gop",
        "us",
        "usa",
        "federal",
        "congressman",
        "congresswoman",
        "lawmakers",
        "lawmaker",
        "rep",
        "sen",
        "former",
        "ceo",
        "jr",
        "sr",
        "ex",
    ]
)
_PARTY_TAG = re.compile(r"^[rdi]-[a-z.]+$")


# Words capitalised only because they open the sentence ("Among the …", "Reacting to …", "Top
# Democrats …"): dropped from the sentence's first phrase, alone or before a name.
_OPENERS = frozenset(
    ["among", "beyond", "however", "meanwhile", "still", "yes", "top", "leading", "legal", "asked",
     "as", "last", "earlier", "later", "since", "while", "although", "though", "despite", "because",
     "instead", "several", "many", "senior", "key", "prominent", "both", "even", "like", "unlike"]
)  # fmt: skip


def entity_phrases(text: str) -> list[tuple[str, ...]]:
    """Names as phrases of lowercased words ("Michael E. Horowitz" -> ("michael", "horowitz")),
    titles, common words, initials and descriptive words left out."""
    found = []
    text = clean(text).lstrip(" \"'(")
    for match in _ENTITY.finditer(text):
        phrase = match.group(0).split()
        if match.start() == 0:
            opener = phrase[0].lower()
            if opener in _OPENERS or (len(phrase) == 1 and opener.endswith("ing")):
                phrase = phrase[1:]
        words = []
        for word in phrase:
            word = word.removesuffix("'s").replace("'", "").lower()
            if (len(word) > 1 and word not in NOT_ENTITIES and word not in _DESCRIPTIVE
                    and not word.isdigit() and not _PARTY_TAG.match(word)):  # fmt: skip
                words.append(word)
        if words:
            found.append(tuple(words))
    return found
