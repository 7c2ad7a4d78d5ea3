"""`triage extract`: claims of one article, or scores of given sentences, as JSON lines."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from triage.models import Sentence, TriageError

STDIN = "-"


@dataclass(frozen=True)
class _ArticleText:
    """An article as the importer reads it, and where its text's characters sit in the file."""

    text: str
    # file_offsets[i] is the file position of text[i] (one past the end at len(text)); None when
    # the offsets index the article text itself (HTML and JSONL, whose file is not the text).
    file_offsets: list[int] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.file_offsets is None:
            return start, end
        return self.file_offsets[start], self.file_offsets[
            end - 1
        ] + 1 if end > start else self.file_offsets[start]


def _read(source: str) -> tuple[bytes, str]:
    """The bytes of a file (or stdin), and its suffix."""
    if source == STDIN:
        return sys.stdin.buffer.read(), ""
    path = Path(source)
    try:
        return path.read_bytes(), path.suffix.lower()
    except FileNotFoundError:
        raise TriageError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise TriageError(f"{source}: is a folder, not a file") from None
    except OSError as error:
        raise TriageError(f"{source}: cannot read ({error.strerror or error})") from None


def _file_offsets(decoded: str, article_text: str) -> list[int] | None:
    """Where each character of a plain-text article sits in its decoded file.

    The importer reads .txt and .md with line ends made "\n" and the title line split off
    (triage.ingest.text), so the article text is a piece of the file with "\r\n" read as "\n"."""
    positions = [
        index
        for index, char in enumerate(decoded)
        if char != "\r" or decoded[index + 1 : index + 2] != "\n"
    ]
    normalised = "".join("\n" if decoded[index] == "\r" else decoded[index] for index in positions)
    first_line_end = normalised.find("\n", len(normalised) - len(normalised.lstrip()))
    at = normalised.find(article_text, max(first_line_end, 0))
    if at < 0:
        at = normalised.find(article_text)
    if at < 0:  # not a piece of the file after all: index the article text
        return None
    return positions[at : at + len(article_text)] + [positions[at + len(article_text) - 1] + 1]


def _articles(source: str) -> list[_ArticleText]:
    """The articles `triage import` would store from `source`, read by the same code (triage.ingest):
    same text, same title handling, so the same sentences and scores. For plain text and Markdown
    the offsets index the file as it is; for HTML and JSONL, the text the importer reads out of it."""
    from triage.ingest.decode import DecodeError, decode_text
    from triage.ingest.sources import IngestError, read_source

    label = "<stdin>" if source == STDIN else source
    data, suffix = _read(source)
    try:
        decoded = decode_text(data)
    except DecodeError as error:
        raise TriageError(f"{label}: {error}") from None
    if not decoded.strip():
        raise TriageError(f"{label}: empty article (no text)")
    try:
        articles = read_source(source, stdin=data if source == STDIN else None)
    except IngestError as error:
        raise TriageError(str(error)) from None
    plain = suffix in (".txt", ".md", ".markdown") or (
        source == STDIN and decoded.lstrip()[:1] not in ("<", "{")
    )
    found = []
    for article in articles:
        if not article.text.strip():
            raise TriageError(f"{label}: empty article (no text)")
        found.append(
            _ArticleText(article.text, _file_offsets(decoded, article.text) if plain else None)
        )
    return found


def _json_line(
    sentence: Sentence, fields: tuple[str, ...], article: _ArticleText | None = None
) -> str:
    start, end = (
        article.span(sentence.start, sentence.end) if article else (sentence.start, sentence.end)
    )
    values = {
        "text": sentence.text,
        "start": start,
        "end": end,
        "score": round(sentence.score, 4),
        "claim": sentence.claim,
        "kind": sentence.kind,
        "speaker": sentence.speaker,
    }
    return json.dumps({name: values[name] for name in fields}, ensure_ascii=False)


@click.command(name="extract")
@click.argument("source", required=False, default=STDIN, metavar="[FILE|-]")
@click.option(
    "--all",
    "every_sentence",
    is_flag=True,
    help='Print every sentence, with "claim": true or false, not just the claims.',
)
@click.option(
    "--sentences",
    "one_per_line",
    is_flag=True,
    help="Read one sentence per line on stdin and print one JSON object per line, in order.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Score at or above which a sentence is a claim [default: claim_threshold of the config "
    "file, else the shipped model's threshold].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Config file (default: TRIAGE_CONFIG, else the user config folder), for claim_threshold.",
)
def extract_command(
    source: str,
    every_sentence: bool,
    one_per_line: bool,
    threshold: float | None,
    config_path: Path | None,
) -> None:
    """Print the claims of an article (FILE, or stdin with -) as JSON lines.

    The article is read as `triage import` reads it (a .txt or .md file's title line is the title,
    not a sentence) and judged with the same threshold, so the sentences, scores, kinds and
    speakers are the ones import stores. Each line is {"text", "start", "end", "score", "kind",
    "speaker"}; start and end are character offsets: for .txt and .md into the file as it is (a
    sentence's text has its line ends as "\n"), for .html and .jsonl into the text the importer
    reads out of it (each article of a .jsonl in turn).
    """
    from triage.config import load_config, resolve_config_path
    from triage.extract import extract, score_sentences

    try:
        if threshold is None:  # as `triage import` does
            threshold = load_config(resolve_config_path(config_path)).claim_threshold
        if one_per_line:
            if source != STDIN:
                raise TriageError("--sentences reads stdin; give no FILE (or '-')")
            lines = sys.stdin.read().splitlines()
            for sentence in score_sentences(lines, threshold):
                click.echo(_json_line(sentence, ("text", "score", "claim", "kind", "speaker")))
            return
        fields: tuple[str, ...] = ("text", "start", "end", "score", "kind", "speaker")
        if every_sentence:
            fields += ("claim",)
        for article in _articles(source):
            for sentence in extract(article.text, threshold):
                if every_sentence or sentence.claim:
                    click.echo(_json_line(sentence, fields, article))
    except TriageError as error:
        raise click.ClickException(str(error)) from None
