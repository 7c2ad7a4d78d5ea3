"""Who a sentence attributes its claim to, when the sentence names them.

Covers the attribution shapes of news prose: "according to X", "X said/told/pointed out ...",
"as X noted", "X, a former diplomat, said", "X, R-N.C., said", "Rep. X (Calif.) said" and the
inverted '"...," said X, a spokeswoman for ...'. Words inside quotation marks are never searched:
they are what was said, not who said it.

The speaker is a person's name as the article writes it, without titles, roles, party tags or
asides: "Sen. John McCain, R-Ariz." gives "John McCain", "White House spokesman Bill Burton" gives
"Bill Burton", "Mr. Steele" gives "Steele". A source that is not a named person is given as
written ("the company", "Health officials", "the Kremlin"). A pronoun ("he said") names nobody, so
find_speaker gives ""; extract() then lends such a sentence the speaker named just before it
(attributes_to_pronoun tells it which sentences those are), and gives every sentence of a quote
that runs over several sentences the speaker of that quote (quote_state follows the quote).
"""

from __future__ import annotations

import re

_SPEECH_VERB = (
    r"(?:said|says|say|told|tells|stated|claimed|claims|claim|denied|denies|deny|insisted|insists|"
    r"warned|warns|argued|argues|added|adds|wrote|writes|tweeted|posted|announced|announces|confirmed|confirms|"
    r"admitted|admits|acknowledged|acknowledges|alleged|alleges|reported|reports|estimated|estimates|"
    r"predicted|predicts|testified|noted|notes|explained|explains|expressed|asserted|asserts|maintained|"
    r"maintains|accused|accuses|believes|believed|found|finds|concluded|concludes|called|calls|described|"
    r"describes|suggested|suggests|revealed|reveals|disclosed|stressed|emphasi[sz]ed|asked|asks|recalled|"
    r"declared|replied|countered|conceded|promised|vowed|pledged|observed|remarked|cautioned|"
    r"contended|complained|urged|pointed\s+out)"
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
    r"statistics|census|records|speaker|leader|whip|complaint|lawsuit|suit|letter|memo|indictment|filing|document|"
    r"group|organi[sz]ation|committee|panel|office|team|party|coalition|owners?|officers?)"
)
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]everal|[Mm]any|[Ss]ome|[Oo]ther|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
_LOWER_SOURCE = rf"(?:(?:{_DETERMINER}\s+)?(?:[A-Z][\w.’'-]*\s+|[a-z-]+(?:['’]s)?\s+){{0,4}}{_SOURCE_NOUN}s?(?![\w’'-]))"
# "White House spokesman Bill Burton", "Kremlin spokesman Dmitry Peskov": a role between names.
_TITLED_NAME = rf"(?:(?:the\s+|The\s+)?{_NAME}\s+)?(?:[a-z-]+\s+)?{_SOURCE_NOUN}\s+{_NAME}"
# "freshman Rep. Max Rose", "an emotional Mr. Obama": lower-case words before a name.
_ROLE_THEN_NAME = rf"(?:(?:an?|the)\s+|[A-Z][a-z]+\s+(?=[a-z]))?(?:[a-z][a-z-]*\s+){{1,3}}{_NAME}"
# "A Hoboken city councilman", "the group's lawyer": a determiner, up to three words, a noun.
_DETERMINED = rf"(?:{_DETERMINER}\s+(?:[A-Z][\w.’'-]*\s+|[a-z-]+['’]?s?\s+){{0,3}}[a-z][a-z-]+)"
_SUBJECT = (
    rf"(?:{_TITLED_NAME}|(?:the\s+|The\s+)?(?!(?:The|A|An|This|That|These|Those)\s){_NAME}(?:['’]s\s+{_SOURCE_NOUN})?"
    rf"|{_ROLE_THEN_NAME}"
    rf"|(?:{_LOWER_SOURCE}|{_DETERMINED})(?:\s+(?:of|for|at)\s+(?:the\s+)?{_NAME})?)"
)
# What may stand between a speaker and the verb: a party tag or state in brackets (" (R-Calif.)",
# " (D)"), then asides between commas, always closed by one before the verb (", R-N.C.,",
# ", a former diplomat,", ", 47,", ", Democrat of Ohio,"). Without that closing comma the words
# before are an opening phrase, not the speaker: "A year later, LePage said".
# The runs are possessive ("{1,120}+"): an aside runs to the next comma or is no aside, so the
# regex engine need not try every shorter length when a match fails.
_APPOSITIVE = r"(?:,\s+(?!(?:he|she|they|it|we|I|you)\b)[^,;:“”\"~]{1,120}+)"
_ASIDES = rf"(?:\s*\([^()]{{1,25}}+\))?(?:(?:,\s+[RDI]-[A-Z][\w.]*|{_APPOSITIVE}){{1,3}},)?"
_PRONOUN = re.compile(
    r"^(?:he|she|they|it|we|i|you|this|that|these|those|there|who|which)$", re.IGNORECASE
)

# Words between a subject and its speech verb: "Mrs. Lee first said", "he has long argued".
_ADVERB = (
    r"(?:has|have|had|also|later|previously|publicly|repeatedly|once|then|again|recently|first|initially|"
    r"privately|flatly|separately|finally|often|long|never|even|only|already|quickly|simply)"
)
_ACCORDING_TO = re.compile(rf"\b[Aa]ccording to\s+(?P<speaker>{_SUBJECT})")
_SUBJECT_VERB = re.compile(
    rf"(?:^|[,;:!?]\s+|[”\"]\s+|\s[—―–-]{{1,2}}\s+|\b(?:but|and|[Aa]s|however|meanwhile|yet|while|although|though|when)\s+"
    rf"|^[A-Z][a-z]+,\s+)"
    # An opening phrase is not a subject: "In December, Mr. Lee, a Democrat, said".
    rf"(?!(?:In|On|At|For|From|With|By|After|Before|During|Since|Until|When|While|If|Although|Though|Because|"
    rf"As|Last|This|Next|Earlier|Later|Asked|Speaking|Under|Over|Despite|Within|Without|Amid|Among)\b)"
    rf"(?P<speaker>{_SUBJECT})(?P<aside>{_ASIDES})\s+(?:{_ADVERB}\s+){{0,2}}{_SPEECH_VERB}\b"
)
# '"…," said X', '"…," said X, a spokeswoman for …', '… said Rep. X (R-Calif.) on Friday.'
_VERB_SUBJECT = re.compile(
    rf"[,”\"]\s*{_SPEECH_VERB}\s+(?P<speaker>{_SUBJECT}(?:,\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{1,3}}(?=[,.]))?)"
    rf"(?=\s*(?:[,(]|[.!?]?[”\"]?\s*$|\s(?:on|in|at|during|after|before|from|to|of|outside|while|when|about|"
    rf"with|as|last|this|earlier|later|yesterday|today|tonight)\b))"
)

# The patterns above need a speech verb as a whole lower-case word; most sentences have none, and
# looking their words up in a set is much cheaper than trying the patterns at every position.
_SPEECH_VERBS = frozenset(
    _SPEECH_VERB[3:-1]
    .replace("emphasi[sz]ed", "emphasised|emphasized")
    .replace(r"pointed\s+out", "pointed")
    .split("|")
)
_LOWER_WORD = re.compile(r"[a-z]+")


# Sentence openers that a capitalised subject can drag in: "Then White House spokesman ..."
_OPENERS = frozenset(
    [
        "then",
        "but",
        "and",
        "however",
        "meanwhile",
        "later",
        "now",
        "also",
        "still",
        "yet",
        "so",
        "earlier",
        "separately",
        "instead",
        "as",
    ]
)
# Words that title or describe a person before their name ("Sen.", "House Speaker", "spokeswoman");
# the name is what follows the last of them. Keys are lower-case, without the full stop.
_TITLE_WORDS = frozenset(
    [
        "editor",
        "editor-in-chief",
        "publisher",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "rep",
        "reps",
        "sen",
        "sens",
        "gov",
        "lt",
        "gen",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "cpl",
        "pvt",
        "prof",
        "rev",
        "hon",
        "pres",
        "supt",
        "det",
        "insp",
        "atty",
        "amb",
        "msgr",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "congressmember",
        "governor",
        "president",
        "vice-president",
        "president-elect",
        "speaker",
        "leader",
        "whip",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "secretary",
        "director",
        "mayor",
        "judge",
        "justice",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "aide",
        "adviser",
        "advisor",
        "attorney",
        "surgeon",
        "inspector",
        "solicitor",
        "commissioner",
        "sheriff",
        "chief",
        "officer",
        "minister",
        "ambassador",
        "counsel",
        "manager",
        "strategist",
        "pastor",
        "bishop",
        "captain",
        "lieutenant",
        "sergeant",
        "detective",
        "professor",
        "founder",
        "executive",
        "ceo",
        "candidate",
        "nominee",
        "host",
        "anchor",
        "correspondent",
        "reporter",
        "analyst",
        "economist",
        "lawyer",
        "treasurer",
        "comptroller",
        "auditor",
        "superintendent",
        "chancellor",
        "premier",
        "rabbi",
        "imam",
        "reverend",
        "cardinal",
        "archbishop",
        "staff",
        "lady",
        "official",
        "activist",
        "journalist",
        "tycoon",
        "billionaire",
        "businessman",
        "businesswoman",
        "lawmaker",
        "legislator",
        "administrator",
        "deputy",
        "assistant",
        "former",
        "acting",
        "interim",
        "freshman",
        "veteran",
        "challenger",
        "incumbent",
        "coach",
        "owner",
        "partner",
        "emeritus",
        "magnate",
        "mogul",
        "pope",
        "councilman",
        "councilwoman",
        "councilmember",
        "councilor",
        "alderman",
        "alderwoman",
        "assemblyman",
        "assemblywoman",
        "delegate",
        "trooper",
    ]
)
# "General" is a title only after another ("Attorney General"); alone it names things ("General Motors").
_TITLE_AFTER_TITLE = frozenset(["general", "general’s", "general's"])
# A name never holds these: "Justice Department" is no person.
_INSTITUTION_WORDS = frozenset(
    [
        "department",
        "committee",
        "house",
        "office",
        "party",
        "agency",
        "bureau",
        "council",
        "association",
        "institute",
        "union",
        "administration",
        "service",
        "commission",
        "university",
        "center",
        "centre",
        "foundation",
        "campaign",
        "company",
        "corporation",
        "group",
        "court",
        "senate",
        "congress",
        "government",
        "ministry",
        "times",
        "post",
        "news",
        "journal",
        "press",
        "network",
        "board",
    ]
)
_NAME_SUFFIXES = frozenset(["Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr"])
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_TRAILING = " ,;:.!?)(”“\"'’‘—–-"


def _key(word: str) -> str:
    return word.lower().rstrip(".")


def _is_name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        or word in ("de", "van", "von", "da", "del", "bin")
        or word.startswith("al-")
    )


def _person_name(words: list[str]) -> str:
    """The name after the last title word of `words` ("Sen. Ann Lee of Ohio" -> "Ann Lee"), or ""."""
    last_title = -1
    for index, word in enumerate(words):
        key = _key(word)
        if key in _TITLE_WORDS or (
            key in _TITLE_AFTER_TITLE and index and _key(words[index - 1]) in _TITLE_WORDS
        ):
            last_title = index
    if last_title < 0:
        return ""
    name = words[last_title + 1 :]
    if "of" in name:  # "Gov. Jack Markell of Delaware"
        name = name[: name.index("of")]
    if not name or len(name) > 5 or not name[0][:1].isupper() or not all(map(_is_name_word, name)):
        return ""
    if any(_key(word) in _INSTITUTION_WORDS for word in name):
        return ""
    return " ".join(name)


def _strip_trailing(speaker: str) -> str:
    """No trailing punctuation, but the stop of "Jr." or "U.S." stays."""
    while speaker and speaker[-1] in _TRAILING:
        if speaker[-1] == ".":
            last = speaker.rsplit(" ", 1)[-1]
            if last in _NAME_SUFFIXES or _INITIALS.fullmatch(last):
                break
        speaker = speaker[:-1]
    return speaker


def _named_in_aside(aside: str) -> str:
    """The name an aside consists of (", Rep. Ann Lee," -> "Ann Lee"), or ""."""
    words = _strip_trailing(aside.strip(" ,")).split()
    if not all(word[:1].isupper() for word in words):
        return ""
    name = _person_name(words)
    if name:
        return name
    if not 2 <= len(words) <= 4 or any(_key(word) in _INSTITUTION_WORDS for word in words):
        return ""
    return " ".join(words)


_PREPOSITIONS = frozenset(
    ["in", "on", "at", "to", "from", "with", "by", "of", "for", "into", "onto", "via"]
)


def _clean(speaker: str) -> str:
    """The speaker without asides, party tags, titles and roles; "" for a pronoun."""
    head, *asides = re.split(r",|\s\(|\s[—–]\s", speaker, maxsplit=3)
    words = _strip_trailing(head.strip()).split()
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words = words[1:]
    if not words or (len(words) == 1 and _PRONOUN.match(words[0])):
        return ""
    # "posted to YouTube", "Responding to Lee’s stated belief": no subject at all.
    if words[0].lower() in _PREPOSITIONS or words[-1].endswith(("’s", "'s")):
        return ""
    name = _person_name(words)
    if name:
        return name
    # "The Atlantic’s Julia Ioffe": the name after an owner's.
    owner = next(
        (index for index, word in enumerate(words[:-1]) if word.endswith(("’s", "'s"))), None
    )
    if owner is not None and all(word[:1].isupper() for word in words[owner + 1 :]):
        return " ".join(words[owner + 1 :])
    # "in the interview Smith", "real estate tycoon Donald Trump": lower-case words, then a name.
    if words[0].islower() and words[0] not in ("the", "a", "an") and words[-1][:1].isupper():
        tail: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper():
                break
            tail.insert(0, word)
        if not any(_key(word) in _INSTITUTION_WORDS for word in tail):
            return " ".join(tail)
    # "Ms. Pelosi’s spokesman, Drew Hammill", "one of the women, Ann Lee": the aside names them.
    if not all(word[:1].isupper() for word in words):
        for aside in asides[:2]:
            named = _named_in_aside(aside)
            if named:
                return named
    return " ".join(words)


# Capitalised words that open a sentence without naming anyone ("The states ...", "This means ...").
_NOT_A_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "here",
        "in",
        "on",
        "at",
        "for",
        "but",
        "and",
        "so",
        "if",
        "as",
        "to",
        "from",
        "with",
        "by",
        "of",
    ]
)


def _valid(candidate: str) -> bool:
    words = candidate.split()
    return (
        bool(words)
        and len(words) <= 14
        and not _PRONOUN.match(words[-1])
        and words[0].lower() not in ("in", "on", "at", "to", "from", "with", "by", "of", "for")
        and not all(word.lower() in _NOT_A_NAME for word in words)
    )


_QUOTE_MARK = re.compile(r"[“”\"]")
# What stands for quoted words when the patterns search a sentence: no pattern matches it.
_MASK = "~"


def _opens(text: str, index: int) -> bool:
    """Whether the quotation mark at `index` opens a quote (a straight one: by what surrounds it)."""
    mark = text[index]
    if mark != '"':
        return mark == "“"
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace()


def quote_state(text: str, inside: bool = False) -> tuple[bool, bool]:
    """Given whether a quotation is open where `text` starts: whether `text` closes that one, and
    whether a quotation is open where it ends."""
    closes = False
    if "“" not in text and "”" not in text and '"' not in text:  # most sentences: nothing to follow
        return closes, inside
    for mark in _QUOTE_MARK.finditer(text):
        if _opens(text, mark.start()):
            inside = True
        else:
            closes = closes or inside
            inside = False
    return closes, inside


def outside_quotes(text: str) -> str:
    """`text` with every quoted word replaced by _MASK (same length; the marks themselves stay).

    A closing mark with no opening one before it closes a quote that began in an earlier sentence,
    so everything before it is quoted; an opening mark with no closing one runs to the end."""
    if _QUOTE_MARK.search(text) is None:
        return text
    masked = list(text)
    inside, start, seen = False, 0, False
    for mark in _QUOTE_MARK.finditer(text):
        index = mark.start()
        if _opens(text, index):
            if not inside:
                inside, start = True, index + 1
        elif inside or not seen:
            masked[start:index] = _MASK * (index - start)
            inside = False
        seen = True
    if inside:
        masked[start:] = _MASK * (len(text) - start)
    return "".join(masked)


# An attribution inside a clause that opens with these is not the sentence's own: in "When the
# paper asked him, Hunter said …" Hunter speaks.
_SUBORDINATORS = frozenset(
    [
        "when",
        "while",
        "after",
        "before",
        "if",
        "although",
        "though",
        "because",
        "since",
        "once",
        "until",
        "unless",
        "whether",
    ]
)
# A pronoun that speaks first names nobody, and no later name is the sentence's speaker ("He added:
# “…,” Fox News reported"); extract() resolves it from the sentences before.
_SPEAKING_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])


_MAX_TRIES = 6
# _PRONOUN_SPEECH needs one of these words (lower-cased); most sentences have none.
_PRONOUNS_THAT_SPEAK = frozenset(["he", "she", "they"])


def _subordinate(text: str, start: int, raw: str) -> bool:
    before = text[max(0, start - 12) : start].split()
    first = raw.split(" ", 1)[0].lower()
    return first in _SUBORDINATORS or (bool(before) and before[-1].lower() in _SUBORDINATORS)


def _speaker_in(raw: str) -> str | None:
    """What find_speaker makes of the words a pattern found: None for a pronoun (it names nobody,
    and no later name may stand in), "" for words that name nobody, else the speaker."""
    if not raw or raw.lower() in _SPEAKING_PRONOUNS:
        return None
    candidate = _clean(raw)
    return candidate if _valid(candidate) else ""


def find_speaker(sentence: str) -> str:
    """The person or body `sentence` attributes its claim to, or "" when none is named."""
    text = outside_quotes(sentence.strip())
    # (in a subordinate clause, where, the speaker made of what was found there)
    found: list[tuple[bool, int, str | None]] = []
    # The substring test is much cheaper than the search, which tries every position.
    match = _ACCORDING_TO.search(text) if "ccording to" in text else None
    if match:
        found.append((False, match.start("speaker"), _speaker_in(match.group("speaker"))))
    word_list = _LOWER_WORD.findall(text)
    words = set(word_list)
    if not _SPEECH_VERBS.isdisjoint(words):
        # A subject comes before its verb: nothing after the last speech verb needs searching.
        last_verb = next(word for word in reversed(word_list) if word in _SPEECH_VERBS)
        verb_end = text.rindex(last_verb) + len(last_verb) + 4  # room for "pointed out"
        # Matches may overlap ("X, Y, said" and "Y, said"), so each search starts just after the
        # last, until one that is the main clause's speaker (or a pronoun) turns up.
        position = 0
        for _ in range(_MAX_TRIES):
            match = _SUBJECT_VERB.search(text, position, verb_end)
            if match is None:
                break
            start, raw = (
                match.start("speaker"),
                match.group("speaker") + (match.group("aside") or ""),
            )
            subordinate, speaker = _subordinate(text, start, raw), _speaker_in(raw)
            found.append((subordinate, start, speaker))
            if not subordinate and speaker != "":
                break
            position = start + 1
        match = _VERB_SUBJECT.search(text)
        if match:
            start, raw = match.start("speaker"), match.group("speaker")
            found.append((_subordinate(text, start, raw), start, _speaker_in(raw)))
        pronoun = (
            _PRONOUN_SPEECH.search(text) if not words.isdisjoint(_PRONOUNS_THAT_SPEAK) else None
        )
        if pronoun:
            start = (
                pronoun.start("pronoun") if pronoun.group("pronoun") else pronoun.start("inverted")
            )
            found.append((_subordinate(text, start, ""), start, None))
    # The earliest attribution of the main clause is the sentence's own ("Pelosi said Trump told her").
    found.sort(key=lambda entry: entry[:2])
    for _, _, speaker in found:
        if speaker is None:
            return ""
        if speaker:
            return speaker
    return ""


_PRONOUN_SPEECH = re.compile(
    rf"(?:^|[,;:!?][”\"’']?\s+|[”\"]\s+|\b(?:[Bb]ut|[Aa]nd|[Hh]owever|[Yy]et|[Aa]s)\s+)"
    rf"(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s+|later\s+|then\s+|again\s+)?(?:{_SPEECH_VERB}|compared|likened)\b"
    rf"|[,”\"]\s*(?:{_SPEECH_VERB})\s+(?P<inverted>he|she|they)\b"
)


def attributes_to_pronoun(sentence: str) -> bool:
    """True when the sentence's claim is put in the mouth of "he", "she" or "they"."""
    if _PRONOUNS_THAT_SPEAK.isdisjoint(_LOWER_WORD.findall(sentence.lower())):
        return False
    return _PRONOUN_SPEECH.search(outside_quotes(sentence.strip())) is not None
