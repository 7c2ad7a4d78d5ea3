"""Do the claims that attribute to a named person carry that person as their speaker?

    .venv/bin/python benchmarks/eval_speakers.py [--data ../shared/eval] [--sample 25] [--seed 1]

Runs extract() on every article of DATA/news/basil.jsonl and judges each claim with a heuristic of
its own, written apart from triage/extract/speaker.py (different word lists, token rules and
order of search), so that the figure is not the code grading itself.

"Attributes to a named person" (the heuristic):
1. Quoted words are blanked first: text between “ and ” (or between a pair of straight double
   quotes) is not searched, so '"Smith lied," Jones said' attributes to Jones, not Smith.
2. A speech verb: said, says, told, tells, wrote, writes, added, asked, noted, explained, argued,
   insisted, warned, recalled, testified, "pointed out", or the phrase "according to".
3. A name is a run of capitalised words (initials such as "L.", "O’Neill", "de"/"van" inside).
   Leading titles and role words are set aside (Mr., Sen., Rep., Senator, President, spokesman,
   "White House press secretary"...), and so are a trailing party tag ("R-N.C.") and state
   ("(Calif.)"). The run names a person when a title or role word preceded it, or it has two or
   more words none of which names an institution ("House", "Department", "Times"...) and it does
   not open with a function word ("The", "In"...), or it is one word that the article uses
   elsewhere as the last word of such a person's name ("Lee" after "Adam Lee").
4. Shapes, outside quotes: "NAME [, appositive,] [(R-Calif.)] [also/later...] VERB" where NAME
   starts the sentence or follows a comma, colon, closing quote, "and" or "but"; "VERB NAME" after
   a comma or a closing quote (the inverted '"…," said NAME'); "according to NAME"; "as NAME VERB".
   The earliest shape in the sentence is the attribution.
A claim carries the speaker when its stored speaker contains the name's last word (the surname)
as a word, ignoring case. Also printed: speakers with trailing punctuation or a leading title,
the sentences that continue a quote across sentences and whether they carry its speaker, and a
sample of the misses.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

VERBS = (
    "said|says|told|tells|wrote|writes|added|asked|noted|explained|argued|insisted|warned|recalled|"
    "testified|pointed out"
)
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
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
    "adm",
    "maj",
    "prof",
    "rev",
    "hon",
    "atty",
    "det",
    "supt",
    "insp",
    "amb",
    "pres",
}
ROLES = {
    "senator",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "president",
    "vice",
    "speaker",
    "leader",
    "majority",
    "minority",
    "secretary",
    "attorney",
    "general",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "mayor",
    "judge",
    "justice",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "former",
    "acting",
    "deputy",
    "state",
    "house",
    "white",
    "senate",
    "democratic",
    "republican",
    "minister",
    "prime",
    "commissioner",
    "sheriff",
    "police",
    "council",
    "councilman",
    "councilwoman",
    "lawyer",
    "aide",
    "adviser",
    "strategist",
    "pastor",
    "bishop",
    "pope",
    "sgt.",
    "officer",
    "executive",
    "campaign",
    "manager",
    "counsel",
    "special",
    "assistant",
    "ambassador",
    "lt.",
    "u.s.",
    "federal",
    "district",
    "county",
    "city",
    "national",
    "security",
    "homeland",
    "defense",
    "first",
    "lady",
    "candidate",
    "nominee",
    "chief-of-staff",
}
INSTITUTIONS = {
    "house",
    "senate",
    "congress",
    "department",
    "committee",
    "party",
    "court",
    "post",
    "times",
    "news",
    "office",
    "agency",
    "bureau",
    "council",
    "association",
    "institute",
    "union",
    "administration",
    "service",
    "commission",
    "police",
    "university",
    "center",
    "centre",
    "fund",
    "foundation",
    "network",
    "church",
    "company",
    "inc",
    "corp",
    "group",
    "republicans",
    "democrats",
    "states",
    "america",
    "american",
    "americans",
    "county",
    "city",
    "state",
    "federal",
    "national",
    "journal",
    "press",
    "reuters",
    "cnn",
    "fbi",
    "cia",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "msnbc",
    "twitter",
    "facebook",
    "white",
    "board",
    "patrol",
    "club",
    "alliance",
    "coalition",
    "project",
    "organization",
    "caucus",
    "campaign",
    "report",
    "statement",
    "act",
    "bill",
    "law",
    "street",
    "avenue",
    "tower",
    "airport",
    "hospital",
    "school",
    "college",
    "magazine",
    "newspaper",
    "broadcasting",
    "corporation",
    "watch",
    "media",
    "communications",
    "capitol",
    "pentagon",
    "kremlin",
    "government",
    "ministry",
    "army",
    "navy",
    "force",
    "guard",
    "department’s",
    "department's",
}
FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "so",
    "if",
    "as",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "then",
    "when",
    "while",
    "after",
    "before",
    "since",
    "still",
    "yet",
    "also",
    "now",
    "later",
    "earlier",
    "asked",
    "both",
    "many",
    "some",
    "other",
    "one",
    "two",
    "no",
    "not",
    "there",
    "here",
    "what",
    "who",
    "how",
    "why",
    "yes",
    "meanwhile",
    "however",
    "instead",
    "speaking",
    "last",
    "next",
    "today",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "democrats",
    "republicans",
    "officials",
    "critics",
    "supporters",
}
# A capitalised word of a name: "Dora", "K.", "O’Neill", "McConnell", "Ocasio-Cortez", "Jr."
NAME_WORD = r"(?:[A-Z][a-zA-Z’'\-]*\.?|de|van|von|bin|da|del|la|le)"
NAME_RUN = rf"(?:{NAME_WORD}(?:\s+{NAME_WORD}){{0,7}})"
PARTY_TAG = r"(?:,\s*[RDI]-[A-Z][A-Za-z.]*,|\s*\([RDI]?-?[A-Z][A-Za-z.]*\.?\))"
APPOSITIVE = r"(?:,\s+[^,“”\"]{1,90},)"
ADVERBS = r"(?:(?:also|later|then|previously|once|recently|again|repeatedly|publicly|has|had|have)\s+){0,2}"
OF_PLACE = r"(?:\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
# Up to three lower-case words may stand before a name: "spokeswoman Ashley Etienne said".
SUBJECT_FIRST = re.compile(
    rf"(?:^|[,:;]\s+|[”\"]\s*|\b(?:and|but)\s+)(?:[a-z]+\s+){{0,3}}(?P<name>{NAME_RUN}){OF_PLACE}?(?:{PARTY_TAG})?"
    rf"(?:{APPOSITIVE})?"
    rf"\s+{ADVERBS}(?:{VERBS})\b"
)
VERB_FIRST = re.compile(
    rf"(?:[,”\"]\s*)(?:{VERBS})\s+(?P<name>{NAME_RUN}){OF_PLACE}?(?=\s*(?:[,.;(]|$))"
)
ACCORDING = re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>{NAME_RUN})")
AS_NAME = re.compile(rf"\b[Aa]s\s+(?P<name>{NAME_RUN})(?:{PARTY_TAG})?\s+(?:{VERBS}|put it)\b")
QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
PERSON_NAME = re.compile(
    r"\b(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z’'\-]+){1,2})\b"
)
TITLE_THEN_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov)\.\s+(?P<surname>[A-Z][a-zA-Z’'\-]+)")


def _key(word: str) -> str:
    return word.lower().strip(".,’'").removesuffix("’s").removesuffix("'s")


def _mask_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked (same length, so positions still hold)."""

    def blank(match: re.Match[str]) -> str:
        quote = match.group()
        if len(quote) > 1 and quote[-1] in '”"':
            return quote[0] + " " * (len(quote) - 2) + quote[-1]
        return quote[0] + " " * (len(quote) - 1)

    return QUOTED.sub(blank, sentence)


def person_surnames(article: str) -> set[str]:
    """Last words of what the article writes as a person's full name or a title plus a name."""
    surnames = {_key(match.group("surname")) for match in TITLE_THEN_NAME.finditer(article)}
    for match in PERSON_NAME.finditer(article):
        keys = [_key(word) for word in match.group("name").split()]
        while keys and (keys[0] in HONORIFICS or keys[0] in ROLES):
            keys = keys[1:]
        if (
            len(keys) < 2
            or keys[0] in FUNCTION_WORDS
            or any(k in INSTITUTIONS or k in ROLES for k in keys)
        ):
            continue
        surnames.add(keys[-1])
    return surnames


def person_in(run: str, surnames: set[str]) -> str:
    """The person `run` names, as its surname key, or "" (see the module docstring, rule 3)."""
    words = run.split()
    titled = False
    while words and (_key(words[0]) in HONORIFICS or _key(words[0]) in ROLES):
        titled = True
        words = words[1:]
    while words and _key(words[-1]) in {"jr", "sr", "ii", "iii"}:
        words = words[:-1]
    if not words:
        return ""
    keys = [_key(word) for word in words]
    if any(key in INSTITUTIONS for key in keys) or keys[0] in FUNCTION_WORDS:
        return ""
    if titled or len(words) >= 2 or keys[-1] in surnames:
        return keys[-1]
    return ""


def attributed_person(sentence: str, surnames: set[str]) -> str:
    """The surname of the named person `sentence` attributes its content to, or ""."""
    masked = _mask_quotes(sentence)
    found: list[tuple[int, str]] = []
    for pattern in (SUBJECT_FIRST, VERB_FIRST, ACCORDING, AS_NAME):
        for match in pattern.finditer(masked):
            person = person_in(match.group("name"), surnames)
            if person:
                found.append((match.start("name"), person))
                break
    return min(found)[1] if found else ""


def carries(speaker: str, surname: str) -> bool:
    return surname in {_key(word) for word in speaker.split()}


@dataclass
class Tally:
    attributed: int = 0
    carried: int = 0

    def share(self) -> str:
        return f"{self.carried}/{self.attributed} = {self.carried / max(self.attributed, 1):.1%}"


# Trailing punctuation, but not the stop of "Jr." or of initials ("U.S.").
TRAILING = re.compile(r"(?<!\bJr)(?<!\bSr)(?<![A-Z]\.[A-Z])[.,;:)(”“\"'’]$")
TITLE_START = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Lt|Gen|Senator|Representative|President)\b\.?\s"
)
SPEECH_WORD = re.compile(r"\b(?:said|says|told)\b")


@click.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    default=REPO.parent / "shared" / "eval",
    show_default=True,
    help="Folder of the shared evaluation data.",
)
@click.option("--sample", type=int, default=25, show_default=True, help="Misses to print.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the sample.")
def main(data: Path, sample: int, seed: int) -> None:
    """Share of claims attributing to a named person that carry that speaker, on BASIL."""
    from triage.extract import extract

    path = data / "news" / "basil.jsonl"
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    claims, every = Tally(), Tally()
    misses: list[tuple[str, str, str]] = []
    trailing = titled = with_speaker = claim_count = said_without = 0
    quote_tail = Tally()
    for record in records:
        text = record["text"]
        surnames = person_surnames(text)
        sentences = extract(text)
        for sentence in sentences:
            person = attributed_person(sentence.text, surnames)
            if sentence.claim:
                claim_count += 1
                with_speaker += bool(sentence.speaker)
                trailing += bool(TRAILING.search(sentence.speaker))
                titled += bool(TITLE_START.match(sentence.speaker))
                if not sentence.speaker and SPEECH_WORD.search(_mask_quotes(sentence.text)):
                    said_without += 1
            if not person:
                continue
            hit = carries(sentence.speaker, person)
            every.attributed += 1
            every.carried += hit
            if sentence.claim:
                claims.attributed += 1
                claims.carried += hit
                if not hit:
                    misses.append((sentence.text, person, sentence.speaker))
        quote_tail_sentences(sentences, surnames, quote_tail)
    click.echo(f"{len(records)} articles, {claim_count} claims, {with_speaker} with a speaker")
    click.echo(f"claims attributing to a named person that carry that speaker: {claims.share()}")
    click.echo(f"  (all sentences: {every.share()})")
    click.echo(
        f"sentences of a multi-sentence quote whose attribution names a person, carrying it: "
        f"{quote_tail.share()}"
    )
    click.echo(f"claims with said/says/told outside quotes and no speaker: {said_without}")
    click.echo(f"claim speakers ending in punctuation: {trailing}; starting with a title: {titled}")
    click.echo(
        f"\nsample of misses ({min(sample, len(misses))} of {len(misses)}): expected surname | got"
    )
    for text, person, got in random.Random(seed).sample(misses, min(sample, len(misses))):
        shown = text if len(text) <= 200 else text[:90] + " … " + text[-100:]
        click.echo(f"- {shown}\n    {person} | {got!r}")


def quote_tail_sentences(sentences: list, surnames: set[str], tally: Tally) -> None:
    """Sentences of a quote that runs over several sentences take the person its attribution names.

    A group is a sentence that opens “ without closing it, the sentences after it, and the one
    that closes it (at most 8 sentences); its attribution is the first one the heuristic finds in
    any of them. Every sentence of the group that does not itself name someone is counted."""
    index = 0
    while index < len(sentences):
        text = sentences[index].text
        if text.count("“") > text.count("”"):
            end = index + 1
            while end < len(sentences) and end - index < 8 and "”" not in sentences[end].text:
                end += 1
            if end < len(sentences) and end - index < 8:
                group = sentences[index : end + 1]
                person = next(
                    (p for p in (attributed_person(s.text, surnames) for s in group) if p), ""
                )
                if person:
                    for sentence in group:
                        if not attributed_person(sentence.text, surnames):
                            tally.attributed += 1
                            tally.carried += carries(sentence.speaker, person)
                index = end + 1
                continue
        index += 1


if __name__ == "__main__":
    main()
