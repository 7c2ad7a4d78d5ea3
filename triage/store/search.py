"""Full-text search over every stored sentence: the claims and the rest of each article's text.

One SQLite FTS5 table, `sentence_search`, keyed by the sentence's id in `claims` (every sentence
of an article is a row there; `is_claim` says which are claims). It is contentless: it holds the
tokens of each sentence's folded text, not a second copy of the text (53 MB for 1.5M sentences,
an eighth of such a workspace). Each row's length is kept (columnsize=1): bm25 needs it, and
without it FTS5 ranks a sentence saying a word three times below one saying it once. Two columns:
- body: fold(text), tokenized by unicode61 with remove_diacritics 2 (case and accents folded);
- numbers: numbers written with plain spaces between digit groups ("4 300"), joined ("4300"),
  so "4300" finds them while "300" still finds the body's "4 300".

Upkeep is explicit, in the transaction of the write that changes a sentence's text (import:
index_article; an edit of `text`: retext; removing articles: unindex). A contentless FTS5 table
forgets a row only when given exactly the values it indexed, which are recomputed from the stored
text with fold(): fold must stay a pure function, and changing it needs a migration that calls
rebuild() (as m_search_001 does for workspaces from before search).

Queries are never passed to FTS5 as typed: match_expression() folds the text the same way and
builds the MATCH expression from quoted tokens, so FTS5 syntax in a query (`NEAR`, `*`, `-`,
`:`, unbalanced quotes) is searched for as words, never parsed.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.models import Claim

TABLE = "sentence_search"
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, numbers, content='', "
    "tokenize='unicode61 remove_diacritics 2')"
)
# The last word of a query is searched as a prefix while it is being typed ("troops eur"), from
# this length on: shorter prefixes expand to too many terms to stay fast at 1M sentences.
PREFIX_MIN = 3
REBUILD_BATCH = 20_000
# At most this many matches are ranked, the newest: see search().
RANKED_MAX = 5_000

# Curly, low and modifier quotes and apostrophes, and primes, as their straight forms. The
# modifier apostrophe (U+02BC) matters most: Unicode counts it a letter, so "Trumpʼs" would be
# one token. The double forms matter for queries: “a phrase” is a phrase.
QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u00b4\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u02ba\uff02", '"'),
    }
)
# Letters with no decomposition, so remove_diacritics leaves them: "Lodz" should find "Łódź".
LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
     "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"}
)  # fmt: skip
# Digit groups of three after a thousands separator: comma, no-break, narrow no-break and thin
# spaces, the Arabic and full-width commas. "4,300" and "4 300" (narrow space) become "4300";
# "4,5" and "1,2345" do not match. Applied before NFKC, which turns those spaces into spaces.
GROUPED = re.compile(r"(?<!\d)\d{1,3}(?:[,\u00a0\u202f\u2009\u066c\uff0c]\d{3})+(?!\d)")
# Groups after plain spaces are ambiguous ("in 3 100-metre races"): kept in the body as they are
# and joined in the numbers column.
SPACED = re.compile(r"(?<!\d)\d{1,3}(?: \d{3})+(?!\d)")
SPACED_HINT = re.compile(r"\d \d\d\d")
CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
NON_DIGITS = re.compile(r"\D")
GROUP_HEAD = re.compile(r"\d{1,3}")
GROUP_TAIL = re.compile(r"\d{3}")
# A query: a quoted phrase (its closing quote may still be untyped), or a word.
QUERY_ITEM = re.compile(r'"([^"]*)("?)|([^\s"]+)')


def _join_digits(match: re.Match[str]) -> str:
    return NON_DIGITS.sub("", match.group(0))


def fold(text: str) -> str:
    """Text as the index and queries see it: quotes straight, compatibility forms (full-width,
    ligatures, combining accents) composed, a few letters spelled plainly, and thousands
    separators dropped from numbers. Case and accents are left to the tokenizer."""
    text = GROUPED.sub(_join_digits, text)
    if text.isascii():  # most news text: the rest would change nothing (a third of the time)
        return text
    return unicodedata.normalize("NFKC", text).translate(QUOTES).translate(LETTERS)


def spaced_numbers(folded: str) -> str:
    """The numbers column: each number written with plain spaces between groups, joined."""
    if not SPACED_HINT.search(folded):  # a quicker scan, and most sentences have none
        return ""
    return " ".join(_join_digits(match) for match in SPACED.finditer(folded))


def _has_token(text: str) -> bool:
    """Whether unicode61 finds a token in it (letters, digits, private use): an empty phrase
    would make FTS5 match nothing."""
    return any(
        unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co" for ch in text
    )


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None when it holds no word.

    Words match in any order (all of them), "quoted phrases" as written; digit groups with
    spaces ("4 300") match as those words in sequence or as one number; the last word, while
    no space or closing quote follows it, matches as a prefix (as typed, "eur" finds "Europe";
    "rent" also finds "rents"). Every item is an FTS5 string, so nothing typed is read as FTS5 syntax."""
    # Control characters out: FTS5 reads the expression as a C string, so NUL would end it.
    folded = CONTROLS.sub(" ", fold(query))
    items: list[tuple[str, bool]] = []  # (text, is a bare word)
    typing = False  # the query ends inside its last word or unclosed phrase
    for match in QUERY_ITEM.finditer(folded):
        phrase, closed, word = match.groups()
        text = word if phrase is None else phrase
        if _has_token(text):
            items.append((text, phrase is None))
            typing = match.end() == len(folded) and not closed and not text[-1:].isspace()
    if not items:
        return None
    parts: list[str] = []
    index = 0
    while index < len(items):
        text, is_word = items[index]
        group = [text]
        if is_word and GROUP_HEAD.fullmatch(text):
            while index + len(group) < len(items):
                following, following_is_word = items[index + len(group)]
                if not (following_is_word and GROUP_TAIL.fullmatch(following)):
                    break
                group.append(following)
        index += len(group)
        if len(group) > 1:
            parts.append(f"({_phrase(' '.join(group))} OR {_phrase(''.join(group))})")
        elif index == len(items) and typing and _prefixable(text.split()[-1]):
            parts.append(f"{_phrase(text)} *")  # the word itself is one of its prefixes
        else:
            parts.append(_phrase(text))
    return " AND ".join(parts)


def _prefixable(word: str) -> bool:
    return len(word) >= PREFIX_MIN and any(ch.isalpha() for ch in word)


# -- upkeep (callers hold the store's lock and an open write transaction) ----------------------


def _values(rows: Iterable[tuple[int, str]]) -> list[tuple[int, str, str]]:
    values = []
    for claim_id, text in rows:
        folded = fold(text)
        values.append((claim_id, folded, spaced_numbers(folded)))
    return values


def index(conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Add sentences (id, text) to the index."""
    conn.executemany(f"INSERT INTO {TABLE} (rowid, body, numbers) VALUES (?, ?, ?)", _values(rows))


def unindex(conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Remove sentences (id, text as stored, i.e. as last indexed) from the index."""
    conn.executemany(
        f"INSERT INTO {TABLE} ({TABLE}, rowid, body, numbers) VALUES ('delete', ?, ?, ?)",
        _values(rows),
    )


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Index every sentence of a newly stored article."""
    index(conn, conn.execute("SELECT id, text FROM claims WHERE article_id = ?", [article_id]))


def retext(conn: sqlite3.Connection, claim_id: int, old: str | None, new: str | None) -> None:
    """A sentence's text changed from `old` to `new` (an edit, its undo or redo)."""
    if old is not None:
        unindex(conn, [(claim_id, old)])
    if new is not None:
        index(conn, [(claim_id, new)])


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every sentence again from the stored text, in batches (constant memory)."""
    conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('delete-all')")
    last = 0
    while True:
        rows = conn.execute(
            "SELECT id, text FROM claims WHERE id > ? ORDER BY id LIMIT ?", [last, REBUILD_BATCH]
        ).fetchall()
        if not rows:
            break
        index(conn, rows)
        last = rows[-1][0]
    conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")


# -- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    """The best matches of a query, with their article's title, and how many there were."""

    hits: list[tuple[Claim, str]]
    matches: int  # matching sentences ranked: all of them, or the newest RANKED_MAX
    capped: bool  # there may be more than `matches`, not ranked


def search(conn: sqlite3.Connection, query: str, limit: int) -> SearchResult:
    """Sentences matching `query`: the best `limit` by bm25 (newest first among equals), shown
    claims first, each group best first. Ranking costs 1.5-4 microseconds of CPU a match (bm25
    reads each match's length, a b-tree lookup), so a query matching more than RANKED_MAX
    sentences ranks the newest RANKED_MAX: a common word stays under 100 ms at 1M claims,
    and recent articles win. They are not counted beyond that (a count walks every match)."""
    from triage.store.workspace import CLAIM_COLUMNS, _claim, chunks

    expression = match_expression(query)
    if expression is None:
        return SearchResult([], 0, False)
    best = conn.execute(
        f"SELECT id, COUNT(*) OVER () FROM (SELECT rowid AS id, bm25({TABLE}) AS score "
        f"FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?) "
        "ORDER BY score, id DESC LIMIT ?",
        [expression, RANKED_MAX, limit],
    ).fetchall()
    matches = best[0][1] if best else 0
    order = {row[0]: place for place, row in enumerate(best)}
    columns = ", ".join(f"c.{name.strip()}" for name in CLAIM_COLUMNS.split(","))
    hits: list[tuple[Claim, str]] = []
    for chunk in chunks(list(order)):
        cursor = conn.execute(
            f"SELECT {columns}, a.title AS article_title FROM claims c "
            f"JOIN articles a ON a.id = c.article_id WHERE c.id IN ({','.join('?' * len(chunk))})",
            list(chunk),
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            record = dict(zip(names, row))
            hits.append((_claim(record), record["article_title"]))
    hits.sort(key=lambda hit: (not hit[0].is_claim, order[hit[0].id]))
    return SearchResult(hits, matches, matches >= RANKED_MAX)


def indexed_ids(conn: sqlite3.Connection, query: str) -> Sequence[int]:
    """Every sentence id matching `query`, in id order (tests and checks, not the screen)."""
    expression = match_expression(query)
    if expression is None:
        return []
    return [row[0] for row in conn.execute(
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rowid", [expression]
    )]  # fmt: skip
