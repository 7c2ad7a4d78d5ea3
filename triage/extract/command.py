"""`triage extract`: claims of one article, or scores of given sentences, as JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from triage.models import Sentence, TriageError

STDIN = "-"
# Formats whose file text is not the article text: their readers in triage.ingest extract it.
_PARSED_SUFFIXES = (".html", ".htm", ".jsonl")


def _decode(data: bytes, label: str) -> str:
    try:
        from triage.ingest.decode import DecodeError, decode_text
    except ImportError:  # ingest is optional for this command: plain UTF-8 is enough
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TriageError(f"{label}: not UTF-8 text") from None
    try:
        return decode_text(data)
    except DecodeError as error:
        raise TriageError(f"{label}: {error}") from None


def _article_texts(source: str) -> list[str]:
    """Texts to extract from. Plain text is used as it is, so offsets index the file itself."""
    label = "<stdin>" if source == STDIN else source
    if source == STDIN:
        data = sys.stdin.buffer.read()
        suffix = ""
    else:
        path = Path(source)
        suffix = path.suffix.lower()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise TriageError(f"{label}: no such file") from None
        except IsADirectoryError:
            raise TriageError(f"{label}: is a folder, not a file") from None
        except OSError as error:
            raise TriageError(f"{label}: cannot read ({error.strerror or error})") from None
    text = _decode(data, label)
    head = text.lstrip()[:1]
    if suffix in _PARSED_SUFFIXES or (source == STDIN and head in ("<", "{")):
        from triage.ingest.sources import IngestError, read_source

        try:
            return [article.text for article in read_source(source, stdin=data if source == STDIN else None)]
        except IngestError as error:
            raise TriageError(str(error)) from None
    if not text.strip():
        raise TriageError(f"{label}: empty article (no text)")
    return [text]


def _json_line(sentence: Sentence, fields: tuple[str, ...]) -> str:
    values = {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "score": round(sentence.score, 4),
        "claim": sentence.claim,
        "kind": sentence.kind,
        "speaker": sentence.speaker,
    }
    return json.dumps({name: values[name] for name in fields}, ensure_ascii=False)


@click.command(name="extract")
@click.argument("source", required=False, default=STDIN, metavar="[FILE|-]")
@click.option("--all", "every_sentence", is_flag=True,
              help='Print every sentence, with "claim": true or false, not just the claims.')
@click.option("--sentences", "one_per_line", is_flag=True,
              help="Read one sentence per line on stdin and print one JSON object per line, in order.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Score at or above which a sentence is a claim [default: the shipped model's threshold].")
def extract_command(source: str, every_sentence: bool, one_per_line: bool, threshold: float | None) -> None:
    """Print the claims of an article (FILE, or stdin with -) as JSON lines.

    Each line is {"text", "start", "end", "score", "kind", "speaker"}; start and end are character
    offsets into the article text: for .txt and .md the file as it is, for .html and .jsonl the
    text the importer reads out of it (each article of a .jsonl in turn).
    """
    from triage.extract import extract, score_sentences

    try:
        if one_per_line:
            if source != STDIN:
                raise TriageError("--sentences reads stdin; give no FILE (or '-')")
            lines = sys.stdin.read().splitlines()
            for sentence in score_sentences(lines, threshold):
                click.echo(_json_line(sentence, ("text", "score", "claim", "kind", "speaker")))
            return
        fields = ("text", "start", "end", "score", "kind", "speaker")
        if every_sentence:
            fields += ("claim",)
        for text in _article_texts(source):
            for sentence in extract(text, threshold):
                if every_sentence or sentence.claim:
                    click.echo(_json_line(sentence, fields))
    except TriageError as error:
        raise click.ClickException(str(error)) from None
