"""The guard against automatic links between claims that only look alike.

"4 million" vs "4 billion", "Putin" vs "Zelensky", "Friday" vs "Thursday" or "will" vs "will not"
score high on every string measure yet are different claims. Such pairs, and very short claims, may
be suggested to the journalist but never linked automatically; what differs is kept so the app can
show it. Names and times are compared inside the claim only, not in its attribution tail
(", Boehner said on Friday"): who reported a claim does not change the claim.

Details one claim adds are not differences: a number written rounder ("$43 million" for
"$43,885,310") is the same number, and a name blocks only where it stands in the other claim's
place ("Putin told" / "Zelensky told"), not where one report adds a name elsewhere ("his wife,
Margaret," / "a grand jury in San Diego"). Two more differences keep a pair a suggestion: a plan
against the deed ("is set to vote" / "voted") and a repeat of only an aside of the other claim.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from triage.link.normalize import (
    STOPWORDS,
    claim_core,
    content_terms,
    entity_phrases,
    normalize,
    quantities,
    stem,
    word_count,
)
from triage.link.polarity import negations

# Below this many words a claim ("Taxes went up.") matches too many unrelated claims.
MIN_WORDS_FOR_AUTOMATIC = 8

# Times, plans and futures are matched in the lower-cased claim (faster than ignoring case).
_TIMES = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b"
)


# A claim about what is planned or expected ("is set to vote", "is expected to plead") is another
# stage than the report that it happened ("rejected the veto", "pleaded guilty"). A bare "will" is
# not a cue ("a 1 in 3 chance that they will lose" repeats "a one-in-three chance of losing"), but
# it answers one: "were expected to include" and "will include" are one stage.
_PLANNED = re.compile(
    r"\b(?:(?:is|are|was|were|be) (?:set|due|planning|preparing|about) to"
    r"|(?:(?:is|are|was|were|be) )?(?:expected|scheduled|poised) to|plans? to|intends? to)\b"
)
# "a second surgery" is not the surgery the other report tells of: a repeat counted on one side only.
_ORDINAL = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[2-9](?:nd|rd|th))\b"
)
_FUTURE = re.compile(r"\b(?:will|would|going to)\b|['’]ll\b")


_TOKEN = re.compile(r"[a-z0-9]+")

# A relative or appositive aside (", the Texas Republican who used $84,000 …,", ", which …,") and
# a leading subordinate clause ("Two days after …, ") say something beside the sentence's main
# claim. A repeat of the aside alone is not a repeat of the sentence.
_CLAUSE = r"(?:[^,;]|,(?=\d{3}))"  # a comma inside a number does not end a clause
_ASIDE = re.compile(
    rf",\s*(?:who|which|whose)\b{_CLAUSE}*,|,\s*(?:the|a|an)\s{_CLAUSE}*?\b(?:who|which)\b{_CLAUSE}*,"
)
_LEADING = re.compile(
    r"^(?:[\w'-]+\s){0,3}?(?:after|before|when|while|as|although|though|because|since|despite)\b"
    rf"{_CLAUSE}{{0,150}},\s*",
    re.IGNORECASE,
)
# A clause that ends the sentence beside its main claim: a relative clause (", which operates the
# bridge.") or an apposition with no verb (", a longtime aide to Secretary of State Clinton.").
_TRAILING = re.compile(
    r",\s*(?:(?:who|which|whose)\b[^,;:]*"
    r"|(?:a|an|the)(?:\s(?!(?:is|are|was|were|has|have|had|will|would|said|says)\b)[\w.'’-]+){1,12})"
    r"[.!?\"'”’]*$"
)
# An attribution frame before what is reported: "Attorney General Eric Holder said Wednesday that",
# "Sen. Mark Warner, the top Democrat on the committee, also said", "X confirmed in a statement
# that". Two reports that share only who spoke and when are two statements, not one claim.
_FRAME = re.compile(
    r"^[\w.'’-]+(?:\s[\w.'’-]+){0,7}?(?:,[^,]{1,80},)?\s(?:also\s|later\s|first\s|again\s)?"
    r"(?:said|says|told|reported|announced|argued|claimed|wrote|added|acknowledged|insisted|"
    r"warned|noted|stated|testified|confirmed)"
    r"(?:(?:\s(?!(?:that|he|she|they|it|we|i)\b)[\w.'’-]+){0,4}?\sthat\s|\s(?:(?:on\s)?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|today|yesterday)\s)?)",
    re.IGNORECASE,
)
_MIN_REPORTED_WORDS = 4  # what is left shorter than this is kept whole: too little to compare
# The main clause must share this much of its content with the other claim.
MAIN_CLAUSE_SHARE = 0.4
# And what the claim reports, without its frame and trailing clause, this much: less than for an
# aside, since a paraphrase says it in other words. On 150 automatic BASIL links judged by hand
# (not the shared labels), 0.25 kept 5 of 18 wrong links from the automatic tier at the cost of 2
# of 119 right ones; 0.4 kept 8 wrong at the cost of 9 right.
REPORTED_SHARE = 0.25


@dataclass(frozen=True)
class GuardResult:
    """Why a pair may not be linked automatically, and what differs (shown to the user)."""

    numbers: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()  # the plan or expectation one side states and the other does not
    side_clause: bool = False  # what they share is only an aside of one of them
    short: bool = False
    substituted_names: bool = False
    substituted_numbers: bool = False
    substituted_times: bool = False

    @property
    def opposite(self) -> bool:
        """One side negates or denies what the other asserts."""
        return bool(self.negations)

    @property
    def blocks_automatic(self) -> bool:
        return (self.short or self.substituted_numbers or self.substituted_names
                or self.substituted_times or self.opposite or bool(self.stage) or self.side_clause)  # fmt: skip

    @property
    def differing(self) -> tuple[str, ...]:
        """What one claim says and the other does not: numbers, names, times, negations, a plan."""
        return self.numbers + self.entities + self.times + self.negations + self.stage


@dataclass(frozen=True)
class _Profile:
    core: str  # the claim without dateline and attribution tail
    numbers: dict[str, str]
    words: frozenset[str]
    prefixes: frozenset[str]
    entities: tuple[tuple[str, ...], ...]
    times: frozenset[str]
    negations: tuple[str, ...]
    planned: tuple[str, ...]
    ordinals: frozenset[str]
    main: str | None  # the main clause, when the claim has an aside or a leading clause
    word_count: int
    text_tokens: tuple[str, ...] | None  # the normalised text, when it is all claim

    # Read only for the pairs that need them (most pairs need none): computed once, on demand.
    @cached_property
    def tokens(self) -> tuple[str, ...]:
        return tuple(normalize(self.core).split())

    def __post_init__(self) -> None:
        if self.text_tokens is not None:  # the claim is the whole text: its words are read
            self.__dict__["tokens"] = self.text_tokens

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(content_terms(" ".join(self.tokens)))

    @cached_property
    def main_terms(self) -> frozenset[str] | None:
        return None if self.main is None else frozenset(content_terms(normalize(self.main)))

    @cached_property
    def reported(self) -> str | None:
        """The main clause without an attribution frame or trailing clause (None if neither)."""
        return _reported(self.main if self.main is not None else self.core)

    @cached_property
    def reported_terms(self) -> frozenset[str] | None:
        return None if self.reported is None else frozenset(content_terms(normalize(self.reported)))

    @cached_property
    def main_negations(self) -> tuple[str, ...]:
        """The negations of the main clause: "Cowan, who opted not to wear a tie, is a former
        counsel" asserts, it does not deny."""
        return self.negations if self.main is None else tuple(negations(self.main))

    @cached_property
    def future(self) -> bool:
        """Planned, or told in the future tense."""
        return bool(self.planned) or _FUTURE.search(self.core.lower()) is not None


@lru_cache(maxsize=65_536)
def _profile(text: str) -> _Profile:
    # One claim meets many candidates while an article is linked: read it once, not per pair.
    core = claim_core(text)
    lowered = core.lower()
    tokens = tuple(normalize(text).split())
    words = frozenset(tokens)
    return _Profile(
        core=core,
        numbers={q.value: q.surface for q in quantities(core)},
        words=words,
        prefixes=frozenset(word[:5] for word in words if len(word) >= 5),
        entities=tuple(dict.fromkeys(entity_phrases(core))),
        times=frozenset(_TIMES.findall(lowered)),
        negations=tuple(negations(core)),
        planned=tuple(m.group() for m in _PLANNED.finditer(lowered)),
        ordinals=frozenset(_ORDINAL.findall(lowered)),
        main=_main_clause(core),
        word_count=word_count(text),
        text_tokens=tokens if core == text else None,
    )


def _stage(pa: _Profile, pb: _Profile) -> tuple[str, ...]:
    """The plan one claim states while the other tells neither a plan nor a future, or the
    repeat ("a second vote") one claim counts and the other does not."""
    if pa.planned and not pb.future:
        return pa.planned
    if pb.planned and not pa.future:
        return pb.planned
    return tuple(sorted(pa.ordinals ^ pb.ordinals))


def _main_clause(core: str) -> str | None:
    """The claim without its asides and leading clause (None if it has none)."""
    main = _LEADING.sub("", core) if "," in core else core
    while "," in main and (shorter := _ASIDE.sub(",", main, count=1)) != main:
        main = shorter
    return main if main != core else None


def _reported(main: str) -> str | None:
    """The main clause without its attribution frame and trailing clause (None if it has neither)."""
    reported = main
    for clause in (_FRAME, _TRAILING):
        shorter = clause.sub("", reported, count=1)
        if shorter != reported and word_count(shorter) >= _MIN_REPORTED_WORDS:
            reported = shorter
    return reported if reported != main else None


def _polarity_cues(p: _Profile, other: _Profile) -> tuple[str, ...]:
    """The negations that bear on what the other claim says: those of the main clause, unless the
    other claim repeats the asides too ("Smith, who did not attend, resigned" / "Smith attended")."""
    if p.main_terms is None:
        return p.negations
    aside_terms = p.terms - p.main_terms - {word for cue in p.negations for word in cue.split()}
    return p.negations if _repeats(aside_terms, other) else p.main_negations


def _only_aside(p: _Profile, other: _Profile) -> bool:
    """Whether the other claim shares next to nothing with this one's main clause, or with what
    it reports ("Holder said Wednesday that …" / "Holder said Wednesday that …" of another thing)."""
    if p.main_terms is not None and not _repeats(p.main_terms, other):
        return True
    return p.reported_terms is not None and not _repeats(p.reported_terms, other, REPORTED_SHARE)


def _repeats(terms: frozenset[str], other: _Profile, share: float = MAIN_CLAUSE_SHARE) -> bool:
    """Whether the other claim holds this share of these terms."""
    return len(terms & other.terms) >= share * len(terms)


def _slot(phrase: tuple[str, ...], tokens: tuple[str, ...]) -> tuple[str, str]:
    """A name's neighbours: the nearest content word before and after it (stemmed, "" at either
    end), the slot it fills ("Putin told", "the House voted")."""
    parts = _TOKEN.findall(" ".join(phrase))  # as normalize() splits it
    if not parts:
        return ("", "")
    n, first = len(parts), parts[0]
    start = -1
    while True:
        try:
            start = tokens.index(first, start + 1)
        except ValueError:
            return ("", "")
        if n == 1 or list(tokens[start : start + n]) == parts:
            break
    before = next((t for t in reversed(tokens[:start]) if t not in STOPWORDS), "")
    after = next((t for t in tokens[start + n :] if t not in STOPWORDS), "")
    return (stem(before) if before else "", stem(after) if after else "")


def _substituted(only_a: list, only_b: list, pa: _Profile, pb: _Profile) -> bool:
    """Whether a name of one claim takes the place of a name of the other: both follow or both
    precede the same word ("Putin told" / "Zelensky told", "voted for Smith" / "voted for Jones").
    Names each side adds elsewhere ("her husband, Daniel," / "a grand jury in Port Ellis") are
    detail."""
    if not only_a or not only_b:
        return False
    # Two people of one first name in one place ("Bill Baroni" / "Bill Stepien" in a list of
    # names) are two people: only the family name is compared (see _mentioned).
    if any(len(x) > 1 and len(y) > 1 and x[0] == y[0] for x in only_a for y in only_b):
        return True
    slots_b = [_slot(y, pb.tokens) for y in only_b]
    for x in only_a:
        before_x, after_x = _slot(x, pa.tokens)
        for before_y, after_y in slots_b:
            if (before_x and before_x == before_y) or (after_x and after_x == after_y):
                return True
    return False


def _mentioned(phrase: tuple[str, ...], other: _Profile) -> bool:
    """Whether the other text names this phrase: a word of it, or a word sharing its first five
    letters ("Russia" / "Russian", "Democrats" / "Democratic"). In a phrase of several words the
    first does not count alone: "Bill Baroni" is not named by "Bill Stepien", while "Michael E.
    Horowitz" is by "Horowitz"."""
    return any(
        word in other.words or (len(word) >= 5 and word[:5] in other.prefixes)
        for word in (phrase[1:] if len(phrase) > 1 else phrase)
    )


_PERCENT = " percent"
_YEARS = range(1800, 2101)


def _precision(value: str) -> float:
    """The unit of the last significant digit of a canonical number: 0.1 for "35.7", 1,000,000
    for "43000000", 1 for "43"."""
    if "." in value:
        return 10.0 ** -len(value.split(".")[1])
    return 10.0 ** (len(value) - len(value.rstrip("0"))) if value.strip("0") else 1.0


@lru_cache(maxsize=65_536)  # figures recur across the pairs of one story
def _approximately(a: str, b: str) -> bool:
    """Whether two canonical numbers are one figure written more or less precisely: "35.72" and
    "35.7 percent", "$43,885,310" and "$43 million", "$716 billion" and "more than $700 billion".
    The rounder one must keep two significant digits unless it counts millions or more, so 2000
    and 2010 (years) or 90 and 87 stay different; equal precision must be equal ("141 million"
    vs "139 million", "5,587.75" vs "5,687.75")."""
    if a == b:
        return True
    a, b = a.removesuffix(_PERCENT), b.removesuffix(_PERCENT)
    x, y, qx, qy = float(a), float(b), _precision(a), _precision(b)
    if x == y:  # the same figure, "percent" written on one side only
        return True
    if qx == qy:
        return False  # equally precise and different
    (coarse, q), fine = ((x, qx), y) if qx > qy else ((y, qy), x)
    if coarse < 1_000_000 and (abs(coarse) < 10 * q or int(coarse) in _YEARS):
        return False
    # Of one order of magnitude: "$1 million" is not "$500,000" written round.
    return abs(fine - coarse) < q and _magnitude(fine) == _magnitude(coarse)


def _magnitude(value: float) -> int:
    return math.floor(math.log10(abs(value))) if value else 0


def _unmatched_numbers(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """The numbers of a that b does not state, exactly or approximately."""
    if not b:
        return list(a)
    return [v for v in a if v not in b and not any(_approximately(v, w) for w in b)]


def compare(a: str, b: str, automatic: bool = True) -> GuardResult:
    """Check two claim texts for differing numbers, names, times and polarity, and shortness.
    `automatic=False` (a pair scoring too low to link automatically anyway) skips the checks that
    only decide the automatic tier (a name in the other's place, a repeated aside): what differs
    is the same."""
    pa = _profile(a)
    if a == b:  # the same sentence again (wire copy, a re-run story): nothing can differ
        return GuardResult(short=pa.word_count < MIN_WORDS_FOR_AUTOMATIC)
    pb = _profile(b)
    only_a_numbers = _unmatched_numbers(pa.numbers, pb.numbers)
    only_b_numbers = _unmatched_numbers(pb.numbers, pa.numbers)
    # A name counts as differing only if the other text does not mention it at all (its tail
    # included), so "Putin said" vs "said Vladimir Putin" passes while "Putin" vs "Zelensky" does not.
    # A phrase is matched when any of its words is ("Michael E. Horowitz" / "Horowitz").
    names_a = [p for p in pa.entities if not _mentioned(p, pb)]
    names_b = [p for p in pb.entities if not _mentioned(p, pa)]
    only_a = sorted(" ".join(p) for p in names_a)
    only_b = sorted(" ".join(p) for p in names_b)
    only_a_times, only_b_times = sorted(pa.times - pb.times), sorted(pb.times - pa.times)
    # Polarity: an odd difference in negation cues. Shown as the cues of the more negated side.
    # When both main clauses carry what the claims share, a negation inside an aside or a leading
    # clause is about something else; otherwise every negation counts (the safe side).
    side_clause = automatic and (_only_aside(pa, pb) or _only_aside(pb, pa))
    cues_a, cues_b = (
        (_polarity_cues(pa, pb), _polarity_cues(pb, pa))
        if automatic and not side_clause
        else (pa.negations, pb.negations)
    )
    flipped: tuple[str, ...] = ()
    if (len(cues_a) - len(cues_b)) % 2:
        flipped = cues_a if len(cues_a) > len(cues_b) else cues_b
    # A number, name or time blocks when each claim has one the other lacks (a substitution: 2002
    # vs 2003, House vs Senate, Friday vs Thursday). One on one side only is extra detail ("$84,000
    # in taxpayer funds") and is shown, but the claims can still be the same.
    return GuardResult(
        numbers=tuple(
            [pa.numbers[v] for v in only_a_numbers] + [pb.numbers[v] for v in only_b_numbers]
        ),
        entities=tuple(only_a + only_b),
        times=tuple(only_a_times + only_b_times),
        negations=flipped,
        stage=_stage(pa, pb),
        side_clause=side_clause,
        short=min(pa.word_count, pb.word_count) < MIN_WORDS_FOR_AUTOMATIC,
        substituted_names=automatic and _substituted(names_a, names_b, pa, pb),
        substituted_numbers=bool(only_a_numbers) and bool(only_b_numbers),
        substituted_times=bool(only_a_times) and bool(only_b_times),
    )
