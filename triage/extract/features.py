"""Sentence features for the check-worthiness model.

The training script (benchmarks/train_checkworthy.py) calls `sentence_features`, and run-time
scoring (checkworthy.py) computes the same weighted sum from `sentence_parts` token by token, so
the shipped weights always line up with the features here. Word, bigram and character-gram
counts are each divided by the square root of their group's size, so long sentences do not win
by sheer length; signal cues are binary.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, repeat

CHAR_GRAM_SIZES = (3, 4, 5)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[$%€£]")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Name-calling: "called him a “false prophet”", "calls Ms. Reyes the “queen of …”". Not a tail
# after a comma ("…denied the call happened, calling it “fiction”"): there the main clause is
# what the sentence reports, and the model scores it.
_NAME_CALLING = re.compile(
    r"(?<!,\s)\bcall(?:ed|s|ing)\s+(?:him|her|them|it|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"\s+(?:an?\s+|the\s+)?[“\"‘']"
)
_CALL_WORDS = frozenset({"called", "calls", "calling"})
# A capitalised word not opening a sentence, or an all-caps word. Written as
# r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+|\b[A-Z]{2,}\b" but with the capital first, so the lookbehinds
# run only at capitals instead of at every character (same matches, a third of the time); the
# leading \b is the lookbehind (?<!\w.) too, so the regex engine can skip ahead to capitals.
_CAPITALISED = re.compile(r"[A-Z](?<!\w.)(?:(?<!^.)(?<![.!?]\s.)[a-z]+|[A-Z]+\b)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Single-word cues, looked up in the sentence's set of words (digits already turned into 0).
_CUES: dict[str, frozenset[str]] = {
    "percent": _words("% percent percentage percentages"),
    "money": _words("$ € £ dollars dollar euros pounds budget tax taxes deficit debt"),
    "bignum": _words(
        "hundred hundreds thousand thousands million millions billion billions trillion trillions "
        "dozen dozens half twice double doubled doubles triple tripled"
    ),
    "numword": _words(
        "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
        "sixty seventy eighty ninety"
    ),
    "date": _words(
        "january february march april june july august september october november december jan feb "
        "apr aug sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday"
    ),
    "compare": _words(
        "more less fewer than most least highest lowest largest smallest biggest record increase "
        "increased increases decrease decreased decreases rise rose risen fell fallen drop dropped "
        "grew grown cut doubled tripled compared average rate only every all none never always first "
        "worst best"
    ),
    "attribution": _words(
        "said says say told stated claimed claims denied denies confirmed reported reportedly "
        "announced admitted alleged allegedly warned acknowledged testified estimate estimated "
        "found show shows showed"
    ),
    "causal": _words("because cause caused causes causing therefore responsible"),
    "law": _words(
        "law laws illegal legal bill act legislation rule rules regulation regulations ban banned bans "
        "constitution constitutional court vote voted votes veto vetoed signed passed treaty policy"
    ),
    "first_person": _words("i i'm i've me my mine myself"),
    "second_person": _words("you your you're"),
    "opinion": _words(
        "think believe feel hope wish want should ought must thank thanks welcome great wonderful "
        "honored honoured glad happy pleased please question agree disagree envision imagine"
    ),
    # Judgements of people and acts: what a speaker thinks of something, not what happened.
    "evaluative": _words(
        "good bad great terrible horrible awful wrong irresponsible unacceptable inaccurate "
        "outrageous shameful disgraceful ridiculous absurd dishonest dishonesty biased crazy sexist "
        "racist misogynistic offensive inappropriate disgusting appalling stupid foolish reckless "
        "troubling disturbing embarrassing embarrassment gaffe gaffes affront insult insulting "
        "disrespectful hypocritical hypocrisy pathetic incompetent amazing incredible fantastic "
        "excellent brilliant terrific tremendous beautiful important unfair fair nonsense silly "
        "irony ironic remarkable extraordinary miraculous obvious outstanding courageous brave "
        "heroic shameless despicable dangerous radical extreme extremist failure mistake "
        "honor honour privilege historic"
    ),
    # Feelings and attitudes of the speaker.
    "feeling": _words(
        "disappointed disappointing disappointment surprised surprising shocked shock shocking sad "
        "saddened angry anger upset delighted excited worried concerned fear afraid frustrated "
        "frustration hopeful hoped hopes sorry regret love hate enjoy appreciate appreciated respect "
        "heartbroken thrilled outraged outrage proud pride grateful gratitude thankful confident "
        "optimistic disbelief dismay skepticism skeptical"
    ),
    # Obligations and intentions: what someone says ought to happen.
    "obligation": _words(
        "must should ought shouldn't mustn't let's vow vowed vows pledge pledged pledges promise "
        "promised intend intends"
    ),
    # Emphasis and rhetoric.
    "rhetoric": _words(
        "frankly honestly clearly simply really truly absolutely totally utterly certainly surely "
        "indeed basically literally very deeply completely entirely"
    ),
    # Records of what happened in court, in a vote or in office, checkable as such.
    "record": _words(
        "pleaded pleads guilty charge charges charged indicted indictment convicted conviction "
        "sentenced sentence prison jail lawsuit sued fraud conspiracy resigned resigns resign elected "
        "override overrode vetoed settled settlement acquitted arrested testified subpoena subpoenaed"
    ),
    # Scene colour: the room and the audience, not what was said or done; also the audience's
    # answer (an ovation, booing, heckling), body language (nodded, shrugged, hugged, waved), dress
    # and mood ("a somber mood", "a festive atmosphere").
    "scene": _words(
        "crowd crowds audience audiences auditorium applause applauded laughter laughing laughed "
        "cheers cheered cheering captivated enthralled spellbound wowed wows gestures crying cried "
        "tears wept smiled smiling dressed podium ovation booed booing jeered heckled heckling "
        "heckler hecklers nodded shrugged stared glared grinned frowned winked hugged waved waving "
        "handshake handshakes outfit outfits somber sombre mood atmosphere festive jubilant "
        "celebratory"
    ),
    # Words about the talk itself ("the message was clear", "winding tales").
    "discourse": _words("speech speeches remarks message plea tales rhetoric riffs swipes"),
    "vague": _words("unclear"),
    # The first word of every verb of checkworthy._REACTION_VERB (finite forms of praising,
    # attacking, defending, portraying, reacting): a cheap gate before that pattern runs. A news
    # prior only, never trained on (see checkworthy.PRIOR_ONLY_SIGNALS).
    "reaction_verb": _words(
        "praised lauded hailed commended thanked congratulated saluted welcomed criticized "
        "criticised condemned denounced decried slammed blasted lambasted attacked assailed rebuked "
        "scolded chided berated castigated excoriated mocked ridiculed derided scoffed taunted "
        "jeered sneered railed bashed skewered disparaged defended downplayed shrugged brushed "
        "portrayed characterized characterised depicted seized took fired hit lashed pushed weighed "
        "sparred bantered chatted joked"
    ),
    # Reactions reported without their content ("praised the ruling").
    "reaction": _words(
        "praised praise praising criticized criticised criticism criticize criticizing slammed "
        "blasted lambasted condemned condemn denounced decried applauded lauded hailed welcomed "
        "thanked congratulated mocked ridiculed defended dismissed downplayed rebuked rebuke "
        "backlash reaction reactions furor outcry uproar controversy controversial urged urging"
    ),
}
# Two-word cues, looked up among the sentence's bigrams.
_PAIR_CUES: dict[str, frozenset[str]] = {
    "percent": _words("per_cent"),
    "date": _words("last_year last_month last_week last_decade since_0000 in_0000"),
    "attribution": _words("according_to"),
    "causal": _words(
        "led_to leads_to lead_to due_to result_in resulted_in results_in linked_to thanks_to so_that"
    ),
    "opinion": _words("going_to"),
    "obligation": _words("need_to needs_to have_to has_to"),
    "rhetoric": _words("of_course needless_to make_no let_me"),
    "vague": _words("kind_of sort_of after_all even_as"),
    # A plea is a court record as a plea deal; alone it is as often an appeal ("his plea to voters").
    "record": _words("plea_deal plea_agreement plea_bargain"),
    # How someone is perceived, not what they did ("was seen as a star").
    "perception": _words("seen_as viewed_as regarded_as known_for perceived_as"),
    # Non-answers: a source that says nothing checkable.
    "nonanswer": _words(
        "declined_to for_comment to_comment be_reached not_respond not_return not_immediately "
        "neither_confirm nor_deny no_comment"
    ),
    "reaction": _words("called_for called_on pushed_back"),
}


@dataclass(frozen=True)
class SentenceParts:
    tokens: tuple[str, ...]  # lower-cased words, digits as 0, "’" as "'"
    bigrams: tuple[str, ...]
    signals: tuple[str, ...]


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _bucket_names(prefix: str, edges: tuple[int, ...]) -> tuple[str, ...]:
    """The signal name of every count up to one past the last edge (index by min(count, len - 1))."""
    return tuple(prefix + _bucket(count, edges) for count in range(edges[-1] + 2))


_LENGTH_SIGNALS = _bucket_names("len:", (3, 6, 10, 16, 25, 40))
_NUMBERS_SIGNALS = _bucket_names("numbers:", (0, 1, 2))
_CAPS_SIGNALS = _bucket_names("caps:", (0, 1, 3))


def _signals_by_cue(cues: dict[str, frozenset[str]], separator: str) -> dict[str, tuple[str, ...]]:
    # Cue -> every signal it fires ("doubled" is both "bignum" and "compare").
    by_cue: dict[str, tuple[str, ...]] = {}
    for name, members in cues.items():
        for cue in members:
            key = cue.replace("_", separator)
            by_cue[key] = (*by_cue.get(key, ()), f"sig:{name}")
    return by_cue


_SIGNALS_OF_WORD = _signals_by_cue(_CUES, "_")
_CUE_WORDS = frozenset(_SIGNALS_OF_WORD)
# Bigrams are joined with a space; tokens never hold one, so "according to" is the pair cue "according_to".
_SIGNALS_OF_BIGRAM = _signals_by_cue(_PAIR_CUES, " ")
_CUE_BIGRAMS = frozenset(_SIGNALS_OF_BIGRAM)


def _signals(text: str, tokens: tuple[str, ...], bigrams: tuple[str, ...]) -> tuple[str, ...]:
    """Hand-picked cues of check-worthiness: numbers, comparisons, attribution, dates, chatter."""
    found = {_LENGTH_SIGNALS[min(len(tokens), len(_LENGTH_SIGNALS) - 1)]}
    for word in _CUE_WORDS.intersection(tokens):
        found.update(_SIGNALS_OF_WORD[word])
    for bigram in _CUE_BIGRAMS.intersection(bigrams):
        found.update(_SIGNALS_OF_BIGRAM[bigram])
    numbers = sum(map(str.__contains__, tokens, repeat("0")))  # tokens holding a digit, folded to 0
    if numbers:
        found.add("sig:number")
        if _YEAR.search(text):
            found.add("sig:year")
    found.add(_NUMBERS_SIGNALS[min(numbers, len(_NUMBERS_SIGNALS) - 1)])
    found.add(_CAPS_SIGNALS[min(len(_CAPITALISED.findall(text)), len(_CAPS_SIGNALS) - 1)])
    if not _CALL_WORDS.isdisjoint(tokens) and _NAME_CALLING.search(text):
        found.add("sig:namecalling")
    stripped = text.rstrip()
    if "?" in stripped:  # a question anywhere, also one inside a quote ('"…?" he asked')
        found.add("sig:question")
    if stripped.endswith("!"):
        found.add("sig:exclamation")
    if not stripped.endswith((".", "?", "!", '"', "”", "'", "’")):
        found.add("sig:unterminated")
    return tuple(sorted(found))


def sentence_parts(text: str) -> SentenceParts:
    return SentenceParts(*token_parts(text))


def token_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields of sentence_parts(text) as a plain tuple: tokens, bigrams, signals."""
    # Digits collapse to 0 so "9 million" and "7 million" share features.
    tokens = tuple(_WORD.findall(_DIGIT.sub("0", text.lower().replace("’", "'"))))
    bigrams = tuple(map(" ".join, pairwise(tokens)))
    return tokens, bigrams, _signals(text, tokens, bigrams)


@lru_cache(maxsize=50_000)
def char_grams(token: str) -> tuple[str, ...]:
    """Character 3-5 grams of one word padded with spaces (cached: news repeats its words)."""
    return tuple(char_gram_list(token))


def char_gram_list(token: str) -> list[str]:
    """char_grams(token), uncached: for callers that remember a result per word themselves. A list
    comprehension builds the grams in two thirds of the time a generator takes."""
    padded = f" {token} "
    return [padded[i : i + n] for n in CHAR_GRAM_SIZES for i in range(len(padded) - n + 1)]


def _add_counts(vector: dict[str, float], names: list[str] | tuple[str, ...], prefix: str) -> None:
    if not names:
        return
    scale = 1.0 / math.sqrt(len(names))
    for name in names:
        key = prefix + name
        vector[key] = vector.get(key, 0.0) + scale


def sentence_features(text: str) -> dict[str, float]:
    """Sparse feature vector of one sentence: word 1-2 grams, char 3-5 grams, signal cues."""
    parts = sentence_parts(text)
    vector: dict[str, float] = {}
    _add_counts(vector, parts.tokens, "w:")
    _add_counts(vector, parts.bigrams, "b:")
    _add_counts(vector, [gram for token in parts.tokens for gram in char_grams(token)], "c:")
    for name in parts.signals:
        vector[name] = 1.0
    return vector


# --- What a sentence reports, without who reported it -------------------------------------------
# News attributes most of what it says ('"…," Lee said', 'X told CNN that …', 'according to X,
# …'). Who said it and the verb of saying are not what a fact-checker checks, so the model scores
# the reported content: the quote when the words around it only attribute it, the clause after
# the speech verb, or the sentence without its attribution tail or head.
# Verbs that only report speech. Words that often do something else ("added 500 jobs", "asked for
# $5 million", "went up", "put troops") are left out, so a sentence holding them is never cut.
_SPEECH = (
    r"(?:said|says|told|tells|wrote|writes|stated|declared|declares|tweeted|explained|explains|noted|"
    r"insisted|insists|argued|argues|posited|complained|complains|recalled|quipped|replied|responded|warned|"
    r"warns|claimed|contended|maintained|maintains|acknowledged|conceded|concedes|remarked|summarized|"
    r"testified)"
)
_SPEECH_WORDS = _words(_SPEECH[3:-1].replace("|", " "))
# Around a quote, the ambiguous verbs are safe too: '"…?" she asked.', '"…," he added.'
_QUOTE_SPEECH_WORDS = _SPEECH_WORDS | _words(
    "added adds asked asks continued say posted observed suggested"
)
_QUOTED = re.compile(r"[“\"]([^“”\"]*)(?:[”\"]|$)")
# Words of an attribution frame besides names and speech verbs ("in a statement on Friday").
_FRAME_WORDS = _words(
    "he she they it we i who his her their its the a an in on at to of for and with by from as after before during "
    "also later then earlier again once still statement interview speech letter email e-mail tweet post briefing "
    "hearing conference call news release reporters reporter told asked when while that this was is today "
    "yesterday monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night week "
    "spokesman spokeswoman spokesperson senator sen rep representative mr mrs ms dr gov president chairman "
    "former leader official officials republican democrat democratic r d one"
)
_FRAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_COMMA = re.compile(r",[”\"’']?\s")
_LEADING_LINK = re.compile(r"^(?:[^“”\",]*?\bthat\s+|\s*[,:]\s*)")
# "Progressivism, he told the crowd, is …": an attribution set off by commas mid-sentence.
_ASIDE = re.compile(rf",\s+[^,;“”\"]{{0,60}}?\b{_SPEECH}\b[^,;“”\"]{{0,60}},\s+")
_ACCORDING_HEAD = re.compile(r"^(?:[A-Z]\w*\s+)?[Aa]ccording to\s+[^,]{1,80},\s+")
_ACCORDING_TAIL = re.compile(r",?\s+according to\s+[^,]{1,80}[.!?]?$")
# A speech verb as a whole word: at the start, or after a non-word character (a class first lets the
# regex engine skip ahead to those, where a leading "\b" was tried at every position).
_SPEECH_AT_START = re.compile(rf"(?P<verb>{_SPEECH})\b")
_SPEECH_AFTER = re.compile(rf"\W(?P<verb>{_SPEECH})\b")
_MIN_CONTENT_WORDS = 4
# After the last quotation mark: ', adding that …' with no quotation in what was added.
_ADDED = re.compile(r",\s+adding(?:\s+that)?\s+(?P<rest>[^“”\"]+)$")
# After a speaker named outside the quotation: ', a Republican who …', ', the city's mayor'.
_APPOSITION = re.compile(r",\s+(?:a|an|the|who|whose)\s[^“”\"]*$")


def _is_frame(words: list[str], allowed: int = 2) -> bool:
    """True when words only say who spoke, how, where and when: names, speech verbs and a few
    words of setting, with at most `allowed` other lower-case words ("said before the vote")."""
    substance = 0
    for word in words:
        lower = word.lower()
        if word[0].islower() and lower not in _FRAME_WORDS and lower not in _QUOTE_SPEECH_WORDS:
            substance += 1
            if substance > allowed:
                return False
    return True


def _as_sentence(content: str) -> str:
    """Quoted or cut-off content ends like the sentence it was ('"We won,"' -> 'We won.')."""
    content = content.strip().rstrip(",;:–— ").strip()
    if not any(character.isalnum() for character in content):
        return ""
    content = content[0].upper() + content[1:]
    return content if content.endswith((".", "?", "!", "…")) else content + "."


def _has_speech(words: list[str], verbs: frozenset[str] = _SPEECH_WORDS) -> bool:
    return any(word in verbs for word in words)


def _attribution_comma(text: str) -> int:
    """Where the earliest comma stands after which only an attribution follows, -1 for none.

    Both tests that skip a comma only ever pass for the earlier ones (fewer than
    _MIN_CONTENT_WORDS words before it, a figure after it), and a comma's tail holds the tail
    tokens of every later comma (no token holds a comma), so each is worked out once, not once
    a comma."""
    enough_words = False
    last_digit = -2  # not yet looked for
    tail: list[str] | None = None
    tail_start = 0
    for match in _COMMA.finditer(text):
        comma = match.start()
        if not enough_words:
            if len(text[:comma].split()) < _MIN_CONTENT_WORDS:
                continue  # "In May, …" is no content
            enough_words = True
        if last_digit == -2:
            digit = _DIGIT.search(text[::-1])
            last_digit = len(text) - 1 - digit.start() if digit else -1
        if comma <= last_digit:
            continue  # a tail with a figure in it is not a bare attribution
        if tail is None:
            tail = _FRAME_TOKEN.findall(text, comma)
        else:
            tail = tail[len(_FRAME_TOKEN.findall(text, tail_start, comma)) :]
        tail_start = comma
        if _has_speech(tail) and _is_frame(tail):
            return comma
    return -1


def reported_content(text: str) -> str:
    """`text` without its attribution: what a fact-checker would check. Text that attributes
    nothing comes back unchanged; text that is only an attribution gives ""."""
    if "ccording to" in text:
        text = _as_sentence(_ACCORDING_TAIL.sub("", _ACCORDING_HEAD.sub("", text)))
    # Only the speech verbs among its words matter below (_SPEECH_WORDS is a part of them).
    speech_words = _QUOTE_SPEECH_WORDS.intersection(_LOWER_WORD_TOKEN.findall(text))
    if not speech_words:
        return text
    if "“" in text or '"' in text:
        # '"…," Lee said.' / 'Lee said: "…"': the quote is the content.
        quotes = [quote.strip() for quote in _QUOTED.findall(text) if quote.strip()]
        outside_text = _QUOTED.sub(" ", text)
        # '"…," Lee said, adding that …': what was added is reported content too.
        added = _ADDED.search(text)
        if added:
            outside_text = _QUOTED.sub(" ", text[: added.start()])
        else:
            # '"…," said Jo Park, a Republican who represents …': the apposition describes the
            # speaker (unless it holds a figure, which may be what the sentence reports).
            apposition = _APPOSITION.search(outside_text)
            if (
                apposition
                and not _DIGIT.search(apposition.group())
                and _has_speech(
                    _FRAME_TOKEN.findall(outside_text, 0, apposition.start()), _QUOTE_SPEECH_WORDS
                )
            ):
                outside_text = outside_text[: apposition.start()]
        outside = _FRAME_TOKEN.findall(outside_text)
        if quotes and _has_speech(outside, _QUOTE_SPEECH_WORDS) and _is_frame(outside, allowed=1):
            content = _as_sentence(" ".join(quotes))
            return f"{content} {_as_sentence(added.group('rest'))}" if added else content
    # Each cut below needs one of _SPEECH's verbs as a whole word, and so as a run of a-z letters.
    if speech_words.isdisjoint(_SPEECH_WORDS):
        return text
    aside = _ASIDE.search(text)
    if (
        aside
        and not _DIGIT.search(aside.group())
        and _is_frame(_FRAME_TOKEN.findall(aside.group()))
    ):
        return text[: aside.start()] + " " + text[aside.end() :]
    # "…, Lee said on Tuesday." / "…, said Jo Park, a Vermont Democrat.": the earliest
    # comma after which only an attribution follows.
    comma = _attribution_comma(text)
    if comma >= 0:
        return _as_sentence(text[:comma])
    # "Lee told CNN on Tuesday that …": what follows the first speech verb.
    verb = _SPEECH_AT_START.match(text) or _SPEECH_AFTER.search(text)
    if verb and _is_frame(_FRAME_TOKEN.findall(text[: verb.start("verb")])):
        rest = text[verb.end("verb") :]
        link = _LEADING_LINK.match(rest)
        if link and _is_frame(_FRAME_TOKEN.findall(link.group())):
            rest = rest[link.end() :]
        return _as_sentence(rest)
    return text


_LOWER_WORD_TOKEN = re.compile(r"[a-z]+")
