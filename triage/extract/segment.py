"""Split article text into sentences with exact character offsets.

syntok finds sentence boundaries inside running prose (abbreviations, decimals, quotes, ellipses);
this module first cuts the text into blocks the way a reader sees them: blank lines end a
paragraph, each bullet item and each heading stands alone, and a line break inside wrapped prose
is just a space. Offsets always index the original text, so `text[start:end]` is the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syntok.tokenizer import Tokenizer

# A list item marker at the start of a line: -, *, •, ·, –, —, ▪, or "1." / "1)" / "a)".
_BULLET = re.compile(r"[ \t]*(?:[-*•·–—▪●◦]|\d{1,3}[.)]|[a-zA-Z]\))[ \t]+(?=\S)")
_LINE = re.compile(r"[^\n]*\n?")
# A line ending like this continues into the next line only if the segmenter says so.
_TERMINAL = tuple(".!?:;…\"”'’)]")
# Headings are short; wrapped prose lines are long and of similar width.
_HEADING_MAX_WORDS = 12
_HEADING_MAX_WIDTH_RATIO = 0.7
# Titles that syntok sometimes takes for a sentence end ("Gov. Jack Markell", "Mr. LaPierre"):
# a title always belongs to the name after it, so no sentence ends on one.
_TITLES = (
    "Mr|Mrs|Ms|Mx|Dr|Gov|Rep|Reps|Sen|Sens|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Pvt|Prof|"
    "Rev|Hon|Pres|Supt|Det|Insp|Atty|Amb|Fr|Sr|Sra|St|Mt|Ft|No|Nos|Vol|Fig|vs"
)
_TITLE_END = re.compile(r"(?:^|[\s(“\"'‘])(?:" + _TITLES + r")\.$")
# "Jr." ends no sentence before a bracket ("Jesse Jackson Jr. (D-Ill.) pleaded") or inside a
# title-case headline ("Donald Trump Jr. Met With WikiLeaks"): two capitalised words follow, the
# first not a sentence starter. Elsewhere it may ("… Thomas J. Bliley Jr. Reaching that …").
_JUNIOR_END = re.compile(r"(?:^|[\s(“\"'‘])Jr\.$")
# A block whose only sentence punctuation is at its very end is one sentence: no need for syntok,
# which costs about 1 µs a character (headings, list items and one-sentence paragraphs are common).
_SINGLE_SENTENCE = re.compile(r"[^.!?…;]*[.!?…;:]*[\"'”’)\]]*\s*")
# A sentence end nobody can mistake: a lower-case word of two letters or more, a full stop, "!"
# or "?", maybe a closing quote, a space, then a capital or an opening quote. Text between such
# ends goes to syntok only when it still holds sentence punctuation (about half of news text).
_PLAIN_END = re.compile(r"(?<![\w.])(?P<word>[a-z]{2,})[.!?][\"'”’)]?\s+(?=[\"“‘(]?[A-Z])")
_LOWERCASE_ABBREVIATIONS = frozenset(
    [
        "etc",
        "vs",
        "al",
        "approx",
        "cf",
        "ca",
        "ft",
        "oz",
        "lb",
        "lbs",
        "min",
        "max",
        "est",
        "dept",
        "govt",
        "misc",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "pp",
        "fig",
        "figs",
        "sq",
        "mt",
        "st",
        "ave",
        "blvd",
        "rd",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "gov",
        "sen",
        "rep",
    ]
)
# A month abbreviation ends no sentence when a day number follows ("Jan. 5").
_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_END = re.compile(r"(?:^|\s)(?:" + _MONTHS + r")\.$")
# Punctuation that ends no sentence in the end: a title before a space ("Mr. Steele"), a month
# before a day ("Sept. 11") and a semicolon (_syntok_starts overrules syntok on those), a decimal
# point, and the last stop of an initialism before a lower-case word or a comma ("U.S. officials",
# "D.C., ended"), where syntok never splits. A piece whose only other sentence punctuation is at
# its end is one sentence whatever syntok says, so it skips syntok.
_OVERRULED_STOP = re.compile(
    r"(?<![^\s(“\"'‘])(?:" + _TITLES + r")\.(?=\s)"
    r"|(?<!\S)(?:" + _MONTHS + r")\.(?=\s+\d)"
    r"|;|(?<=\d)\.(?=\d)"
    r"|(?<![^\s(“\"'‘])(?:[A-Z]\.){2,}(?=,|\s+[a-z])"
)
# Where else syntok may end a sentence: brackets, and terminals other than . ! ? ; (its own lists).
_BRACKET_OR_RARE_TERMINAL = re.compile(
    "[([{\uff5f\uff5b\uff3b\uff08\ufe5d\ufe5b\ufe59\ufd3e\u301a\u3018\u2985\u2983\u2329"
    ")\\]}\uff60\uff5d\uff3d\uff09\ufe5e\ufe5c\ufe5a\ufd3f\u301b\u3019\u2986\u2984\u232a"
    "\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61]"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@cache
def _tokenizer() -> Tokenizer:
    from syntok.tokenizer import Tokenizer

    # Keep "n't" as written: token values must not differ from the text.
    return Tokenizer(replace_not_contraction=False, emit_hyphen_or_underscore_sep=True)


def _lines(text: str) -> list[Span]:
    """Every line of `text` without its newline, as spans."""
    spans = []
    for match in _LINE.finditer(text):
        if match.start() == len(text):
            break
        end = match.end() - 1 if match.group().endswith("\n") else match.end()
        if end > match.start() and text[end - 1] == "\r":
            end -= 1
        spans.append(Span(match.start(), end))
    return spans


def _looks_like_heading(line: str, widest: int) -> bool:
    stripped = line.strip()
    return (
        not stripped.endswith(_TERMINAL)
        and len(stripped.split()) <= _HEADING_MAX_WORDS
        and len(stripped) < _HEADING_MAX_WIDTH_RATIO * widest
    )


def _blocks(text: str) -> list[Span]:
    """Cut text into paragraphs, list items and headings; wrapped lines stay together."""
    lines = _lines(text)
    widest = max((line.end - line.start for line in lines), default=0)
    blocks: list[Span] = []
    current: Span | None = None
    previous_line = ""
    for line in lines:
        content = text[line.start : line.end]
        if not content.strip():
            if current:
                blocks.append(current)
            current, previous_line = None, ""
            continue
        start = line.start
        bullet = _BULLET.match(content)
        if bullet:
            start += bullet.end()
        starts_new = (
            current is None
            or bullet is not None
            or (not content.lstrip()[:1].islower() and _looks_like_heading(previous_line, widest))
        )
        if current is not None and not starts_new:
            current = Span(current.start, line.end)
        else:
            if current:
                blocks.append(current)
            current = Span(start, line.end)
        previous_line = content
    if current:
        blocks.append(current)
    return blocks


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _syntok_starts(chunk: str) -> list[int]:
    """Offsets in `chunk` where syntok starts a sentence, less the ends it gets wrong."""
    from syntok.segmenter import split

    found = [sentence[0].offset for sentence in split(_tokenizer().tokenize(chunk)) if sentence]
    starts = [0]  # keep any leading punctuation syntok skipped
    for start in found[1:]:
        before = chunk[:start].rstrip()[-12:]
        # syntok also ends sentences at semicolons; a list like "Breyer, 87; Roberts, 78" must stay whole.
        if before.endswith(";") or _TITLE_END.search(before):
            continue
        if _JUNIOR_END.search(before) and _junior_goes_on(chunk[start:]):
            continue
        if _MONTH_END.search(before) and chunk[start : start + 1].isdigit():
            continue
        starts.append(start)
    return starts


_TITLE_CASE = re.compile(r"(?P<word>[A-Z][A-Za-z]*)[\w'’-]*[ \t\n\r\xa0]+[A-Z]")


_HOLIDAY = re.compile(r"Day\b")  # "Martin Luther King Jr. Day"


def _junior_goes_on(rest: str) -> bool:
    """Whether the sentence goes on past "Jr." when `rest` follows it (see _JUNIOR_END)."""
    from syntok._segmentation_states import State

    if rest.startswith("(") or _HOLIDAY.match(rest):
        return True
    words = _TITLE_CASE.match(rest)
    return words is not None and words["word"] not in State.starters


@cache
def _syntok_keeps_going() -> re.Pattern[str]:
    """One stop where syntok never ends a sentence (or _syntok_starts overrules it), read off
    syntok's decision rules (State._move_and_maybe_extract_terminal in syntok 1.4.4). Built on
    first use: it needs syntok's list of sentence starters.

    - "…": not one of syntok's terminals.
    - ";" before a space or a letter: syntok may split there, _syntok_starts rejoins.
    - Stops before a comma or colon, or before white space and a lower-case letter (maybe after a
      closing quote): syntok's first rule keeps the sentence going.
    - "." inside a word ("site.com", the first stop of "N.Y."): the tokenizer keeps it in the
      word unless a lower-case letter precedes and a capital follows.
    - The last stop of "U.S." or of a capital initial ("Donald J. Trump") before a capitalised
      word: syntok splits there only before one of its sentence starters ("The", "It"...), also
      as a prefix ("TheX"), so those stay with syntok.
    - Titles before a space and months before a day (see _OVERRULED_STOP).
    White space is spelled out where Python's \\s and syntok's could differ.
    """
    from syntok._segmentation_states import State

    space = r"[ \t\n\r\xa0]+"
    starter = "|".join(sorted(map(re.escape, State.starters), key=len, reverse=True))
    before_capitalised_non_starter = rf"(?={space}(?!(?:{starter})(?![a-z]))[A-Z])"

    def after_one_of(words: list[str], boundary: str) -> str:
        # A lookbehind must have one width, so one per word length.
        by_length: dict[int, list[str]] = {}
        for word in words:
            by_length.setdefault(len(word), []).append(word)
        return "|".join(
            rf"(?<=(?<!{boundary})(?:{'|'.join(group)})\.)" for group in by_length.values()
        )

    titles = after_one_of(_TITLES.split("|"), r"[^\s(“\"'‘]")
    months = after_one_of(_MONTHS.split("|"), r"\S")
    return re.compile(
        "[.!?…;]"  # a class first, so the regex engine skips ahead to stops
        "(?:(?<=…)"
        r"|(?<=;)(?=[ \t\n\r\xa0A-Za-z0-9])"
        rf"|(?<=[.!?])(?=[.!?]*[\"'”’]?(?:[,:]|{space}[a-z]))"
        r"|(?<=[A-Za-z0-9]\.)(?=[a-z0-9])|(?<=[A-Z0-9]\.)(?=[A-Z])"
        rf"|(?:(?<=[A-Z]\.[A-Z]\.)|(?<=[A-Z]\.)(?<!\S[A-Z]\.)){before_capitalised_non_starter}"
        rf"|(?:{titles})(?=\s)"
        rf"|(?<=(?<![^\s(“\"'‘])Jr\.)(?={space}(?:\(|(?!(?:{starter})(?![a-z]))[A-Z][\w'’-]*{space}[A-Z]))"
        rf"|(?:{months})(?=\s+\d)"
        ")"
    )


def _one_sentence(piece: str) -> bool:
    """True when `piece` has no sentence punctuation but at its end, less the full stops after
    titles and months that _syntok_starts would not let end a sentence (and so skips syntok)."""
    if _SINGLE_SENTENCE.fullmatch(piece):
        return True
    if _BRACKET_OR_RARE_TERMINAL.search(piece):
        return False  # syntok also ends sentences at brackets: "In (Sen. Marco) Rubio's state"
    # The stops _OVERRULED_STOP masks are not all safe (syntok ends a sentence after ';"' and
    # _syntok_starts keeps that end), so the finer masks are a separate chance. They are tried
    # first: their pattern opens with a character class the regex engine skips ahead to, while
    # _OVERRULED_STOP opens with a lookbehind tried at every character (eight times slower), and
    # only a quarter of these pieces in news still need it.
    if _SINGLE_SENTENCE.fullmatch(_syntok_keeps_going().sub("_", piece)):
        return True
    masked = _OVERRULED_STOP.sub("_", piece)
    return masked != piece and _SINGLE_SENTENCE.fullmatch(masked) is not None


# A capitalised word, a full stop, white space and a capital ("... in Ohio. The ..."): syntok's rules
# always end a sentence there unless the word is one of its abbreviations ("Gen", "Sen") or "No"
# (before "A380"), and _syntok_starts keeps that end unless the word is a title. So also with a
# closing quote after the stop, which syntok keeps in the sentence ('… Union.” The'), or an
# opening one before the capital ('… told Fox News. “We …', as _PLAIN_END allows): syntok then
# decides on the same word before the stop, and no rule of its own looks at a quote there but
# the closing one it moves past. _syntok_starts keeps such an end as it keeps the others (titles
# are left out here, and "Jr." is checked below).
_NAME_END = re.compile(r"(?<!\S)(?P<word>[A-Z][a-z]+)\.[\"'”’]?[ \t\n\r\xa0]+(?=[\"“‘]?[A-Z])")


@cache
def _words_a_sentence_may_not_end_on() -> frozenset[str]:
    from syntok._segmentation_states import State

    return State.abbreviations | {"No"} | frozenset(_TITLES.split("|"))


def _split_starts(piece: str) -> list[int]:
    """_syntok_starts(piece), with syntok run only on the parts between sure sentence ends.

    syntok decides at a stop from the tokens that follow it, and after a sentence end it starts
    afresh, so splitting at a sure end changes nothing, as long as no bracket makes it look further
    ahead. The parts then skip syntok when they are plainly one sentence, as whole pieces do."""
    if _BRACKET_OR_RARE_TERMINAL.search(piece):
        return _syntok_starts(piece)
    not_an_end = _words_a_sentence_may_not_end_on()
    cuts = [0] + [
        end.end()
        for end in _NAME_END.finditer(piece)
        if end["word"] not in not_an_end
        and (end["word"] != "Jr" or not _junior_goes_on(piece[end.end() :]))
    ]
    if len(cuts) == 1:
        return _syntok_starts(piece)
    starts: list[int] = []
    for cut, next_cut in zip(cuts, cuts[1:] + [len(piece)]):
        part = piece[cut:next_cut]
        # Only the masks proven safe: _OVERRULED_STOP may merge what syntok would split.
        if _SINGLE_SENTENCE.fullmatch(part) or _SINGLE_SENTENCE.fullmatch(
            _syntok_keeps_going().sub("_", part)
        ):
            starts.append(cut)
        else:
            starts.extend(cut + start for start in _syntok_starts(part))
    return starts


def _pieces(chunk: str) -> list[int]:
    """Starts of the pieces of `chunk` between plain sentence ends ("... the economy. The ...")."""
    starts = [0]
    for match in _PLAIN_END.finditer(chunk):
        if match.group("word").lower() not in _LOWERCASE_ABBREVIATIONS:
            starts.append(match.end())
    return starts


# A quote that ends in "?" or "!" ends a sentence for syntok even when its attribution follows
# ('“Does it matter?” Mrs. Clinton said.'). The attribution joins the quote when the next sentence
# opens with a speaker of at most seven words, the first capitalised ("Sen. Jo Lee", "The aide"),
# maybe a party tag or an aside between commas, and a speech verb, and the verb ends the clause: then comes
# punctuation, a preposition or time word, or the object of "told"/"asked".
_QUESTION_OR_EXCLAMATION_QUOTE = re.compile(r".{0,1}[?!][”\"’']\)?$", re.DOTALL)
_CLOSERS = frozenset("”\"’')")
_ATTRIBUTION_OPENING = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|[a-z][a-z-]*)){0,6}?"
    r"(?:,\s+[RDI]-[A-Z][\w.]*,|\s+\([^()]{1,30}\)|,\s+[^,“”\"]{1,80},)?"
    r"\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:said|says|asked|asks|wrote|writes|told|tells|added|adds|replied|responded|shouted|exclaimed|"
    r"wondered|declared|insisted|recalled|tweeted|posted|noted|quipped|joked|continued|countered|argued|responds|"
    r"responded|answered)"
    r"(?:\s+(?:reporters|him|her|them|us|me|(?:his|her|their|the|a)\s+[a-z]+|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}))?"
    r"(?:\s*[,.;:!?—–-]|\s+(?:on|in|at|to|of|during|after|before|when|while|from|with|as|about|later|again|"
    r"then|afterward|afterwards|yesterday|today|tonight|last|this|recently|earlier|early|late|repeatedly|once)\b"
    r"|\s*$)"
)


def _join_quote_attributions(text: str, spans: list[Span]) -> list[Span]:
    """Spans of one block with each '“…?”' / '“…!”' sentence joined to its attribution."""
    joined: list[Span] = []
    for span in spans:
        if (
            joined
            and text[joined[-1].end - 1] in _CLOSERS  # cheap test first: most sentences end in "."
            and _QUESTION_OR_EXCLAMATION_QUOTE.match(
                text, max(joined[-1].start, joined[-1].end - 3), joined[-1].end
            )
            and _ATTRIBUTION_OPENING.match(text, span.start, span.end)
        ):
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def sentence_spans(text: str) -> list[Span]:
    """Spans of every sentence in `text`, in order; whitespace between sentences is excluded."""
    spans: list[Span] = []
    for block in _blocks(text):
        chunk = text[block.start : block.end]
        piece_starts = _pieces(chunk)
        block_spans: list[Span] = []
        for piece_start, piece_end in zip(piece_starts, piece_starts[1:] + [len(chunk)]):
            piece = chunk[piece_start:piece_end]
            # Only pieces with a "." or "?" inside (abbreviations, decimals, quotes) need syntok.
            starts = [0] if _one_sentence(piece) else _split_starts(piece)
            for begin, finish in zip(starts, starts[1:] + [len(piece)]):
                span = _strip(
                    text, block.start + piece_start + begin, block.start + piece_start + finish
                )
                if span:
                    block_spans.append(span)
        spans.extend(
            _join_quote_attributions(text, block_spans) if len(block_spans) > 1 else block_spans
        )
    return spans
