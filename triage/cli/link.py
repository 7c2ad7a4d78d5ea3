"""`triage factchecks import|relink` and `triage match`: the archive and matching from the shell."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from triage.cli.options import open_workspace, workspace_options
from triage.models import ArchiveMatch, FactCheck, TriageError

FILL_ARCHIVE = "triage factchecks import FILE"

# triage.link is imported inside each command: the matcher brings rapidfuzz, the linker numpy and
# the embedding model, none of which `triage --help` needs.


@click.group(name="factchecks")
def factchecks_group() -> None:
    """Manage the archive of published fact-checks that claims are matched against."""


@factchecks_group.command(name="import")
@workspace_options
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def import_factchecks(db: Path | None, config_path: Path | None, files: tuple[Path, ...]) -> None:
    """Load fact-checks from FILES: JSONL, schema.org ClaimReview JSON-LD, or CSV with a header.

    Every file is read before anything is stored: if one is malformed, nothing is imported.
    Claims already in the workspace that share words with the new fact-checks are then matched
    against the grown archive.
    """  # fmt: skip
    from triage.link.archive import read_archive
    from triage.link.linker import Thresholds, linker_for
    from triage.link.matcher import StoredArchive

    factchecks: list[FactCheck] = []
    try:
        for path in files:
            factchecks += read_archive(path)
    except TriageError as error:
        raise click.ClickException(f"{error} (nothing imported)") from error
    store, config = open_workspace(db, config_path)
    try:
        linker = linker_for(store, Thresholds.from_config(config.link))
        with store.writing():  # the archive and its stored index change together
            added = linker.links.add_factchecks(factchecks, source=", ".join(map(str, files)))
            indexed = StoredArchive(store).refresh(imported=True)
        flagged = linker.rematch_after_import(factchecks)
    finally:
        store.close()
    click.echo(
        f"{len(factchecks)} fact-checks read, {added} new in the archive ({indexed} indexed); "
        f"{flagged} claims in the workspace were checked before"
    )


@factchecks_group.command(name="relink")
@workspace_options
@click.option(
    "--reindex", is_flag=True, help="Normalise every claim again and rebuild the term index first."
)
def relink(db: Path | None, config_path: Path | None, reindex: bool) -> None:
    """Rebuild every automatic and suggested link between claims of the workspace.

    Links the journalist accepted or rejected are kept. Use after changing thresholds.
    """
    from triage.link.linker import Thresholds, linker_for

    store, config = open_workspace(db, config_path)
    try:
        linker = linker_for(store, Thresholds.from_config(config.link))

        def say(step: str) -> None:
            click.echo(f"{step}...", err=True)

        if reindex:
            linker.reindex(say)
        counts = linker.relink_all(say)
    finally:
        store.close()
    click.echo(", ".join(f"{value} {name}" for name, value in counts.items()))


def read_queries(stream: TextIO) -> Iterator[tuple[str, str, str]]:
    """(id, text, date) per query line: TSV `id<TAB>text` or JSONL {"id", "text"[, "date"]}."""
    for number, line in enumerate(stream, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise TriageError(f"stdin:{number}: not valid JSON ({error.msg})") from error
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise TriageError(f'stdin:{number}: expected {{"id": ..., "text": "..."}}')
            yield str(record.get("id", number)), record["text"], str(record.get("date") or "")
            continue
        query_id, tab, text = line.partition("\t")
        if not tab:
            raise TriageError(f"stdin:{number}: expected `id<TAB>text` or a JSON object")
        if number == 1 and (query_id.strip().lower(), text.strip().lower()) == ("id", "text"):
            continue  # a header line
        yield query_id, text, ""


def match_record(text: str, match: ArchiveMatch) -> dict:
    """One match as `triage match` prints it: "opposite" when one side denies what the other
    asserts; "differing": the numbers and names in one text only (abbreviations and number words
    compared closed up: "I.R.S." = "IRS", "one-in-three" = "1 in 3")."""
    from triage.link.guard import compare
    from triage.link.matcher import canonical

    return {
        "id": match.factcheck.id,
        "score": match.score,
        "rating": match.factcheck.rating,
        "url": match.factcheck.url,
        "opposite": match.opposite,
        "differing": list(compare(canonical(text), canonical(match.factcheck.claim)).differing),
    }


@click.command(name="match")
@workspace_options
@click.option(
    "--top",
    "top",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="How many archive matches to print per query.",
)
def match_command(db: Path | None, config_path: Path | None, top: int) -> None:
    """Rank the fact-check archive for each query read on stdin.

    Input: one query a line, TSV `id<TAB>text` (a header line `id<TAB>text` is skipped) or JSONL
    {"id", "text"} with an optional "date". Output: one JSON object a line, {"id",
    "checked_before", "matches": [{"id", "score", "rating", "url", "opposite", "differing"}, ...]},
    best match first, scores 0-100. A match whose claim says the opposite ("opposite": true)
    never makes a query "checked_before". The archive's index is read from the workspace.
    """  # fmt: skip
    # Opened first, without waiting for the damage check: the check reads the whole file on a
    # thread of its own while the matcher is imported and the first query ranked, and a damaged
    # workspace still fails before anything is printed.
    store, config = open_workspace(db, config_path, create=False, wait_for_check=False,
                                   fill=f"load an archive with `{FILL_ARCHIVE}`")  # fmt: skip
    try:
        from triage.link.dates import find_date
        from triage.link.linker import Thresholds, linker_for
        from triage.link.matcher import checked_before

        thresholds = Thresholds.from_config(config.link)
        matcher = linker_for(store, thresholds).archive()
        if not len(matcher):
            store.wait_for_check()  # a damaged workspace is named as damaged, not as empty
            raise click.ClickException(f"the archive is empty: load one with `{FILL_ARCHIVE}`")
        out = sys.stdout
        for number, (query_id, text, date) in enumerate(read_queries(sys.stdin)):
            ranked = matcher.match(text, top=top, claim_date=find_date(date) if date else None)
            record = {
                "id": query_id,
                "checked_before": checked_before(ranked, thresholds.checked_before) is not None,
                "matches": [match_record(text, m) for m in ranked],
            }
            if not number:
                store.wait_for_check()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except TriageError as error:
        raise click.ClickException(store.damage() or str(error)) from error
    finally:
        store.close()
