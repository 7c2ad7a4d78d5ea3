"""`triage export`: claims as CSV, JSONL or ClaimReview, or the links between claims."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from triage.cli.options import open_workspace, workspace_options
from triage.config import Config, resolve_config_path, resolve_db_path
from triage.models import STATUSES, TriageError
from triage.safe_text import clean

if TYPE_CHECKING:
    from triage.store.workspace import Store


@click.command(name="export")
@workspace_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "claimreview", "links"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--status",
    type=click.Choice(STATUSES, case_sensitive=False),
    default=None,
    help="Only claims with this status.",
)
@click.option("--verdict", default=None, help="Only claims with this verdict (case-insensitive).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def export_command(
    db: Path | None,
    config_path: Path | None,
    fmt: str,
    status: str | None,
    verdict: str | None,
    output: Path | None,
) -> None:
    """Export claims as CSV, JSONL or schema.org ClaimReview JSON-LD, or the links between claims."""
    from triage.export import with_clusters, write_claimreview, write_csv, write_jsonl, write_links
    from triage.link.clusters import cluster_index
    from triage.store.links import LinkStore

    store, config = open_workspace(db, config_path, create=False)
    try:
        verdict = _known_verdict(store, config, verdict)
    except TriageError:
        store.close()
        raise
    if fmt == "claimreview":
        _warn_without_publisher(config)
    if output:
        try:
            _refuse_overwriting_a_database(output, resolve_db_path(db))
        except TriageError:
            store.close()
            raise
    rows = store.iter_claims(status=status, verdict=verdict, verdict_only=fmt == "claimreview")
    clusters = cluster_index(LinkStore(store)) if fmt in ("jsonl", "links") else {}
    try:
        with _export_target(output) as out:
            if fmt == "csv":
                count = write_csv(rows, out)
            elif fmt == "jsonl":
                count = write_jsonl(
                    with_clusters(rows, clusters, LinkStore(store).link_counts()), out
                )
            elif fmt == "links":
                count = write_links(LinkStore(store).export_links(), out, clusters)
            else:
                count = write_claimreview(
                    rows, out, verdicts=config.verdicts, publisher=config.publisher
                )
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) has gone; that is not an error
        return
    finally:
        store.close()
    if output:
        noun = "links" if fmt == "links" else "claims"
        click.echo(f"{count} {noun} exported to {clean(str(output), one_line=True)}", err=True)


def _known_verdict(store: Store, config: Config, verdict: str | None) -> str | None:
    """The verdict as the scale spells it; one in the config's scale or given in this workspace
    (a scale changed since), else an error listing the scale: a typo must not export nothing."""
    if verdict is None:
        return None
    from triage.store.articles import ArticleStore

    known = {v.lower(): v for v in (*ArticleStore(store).verdicts_in_use(), *config.verdicts)}
    if verdict.lower() in known:
        return known[verdict.lower()]
    raise TriageError(
        f"unknown verdict {verdict!r}; the verdicts are: {', '.join(config.verdicts)}"
    )


def _warn_without_publisher(config: Config) -> None:
    """ClaimReview names who publishes the fact-check; without [publisher] it cannot."""
    missing = config.publisher.missing()
    if not missing:
        return
    where = clean(str(config.path or resolve_config_path()), one_line=True)
    click.echo(
        f"triage: warning: ClaimReview without a publisher: set {', '.join(missing)} in the "
        f"[publisher] table of {where} (`triage config init` writes an example)",
        err=True,
    )


_SQLITE_HEADER = b"SQLite format 3\x00"


_SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _refuse_overwriting_a_database(output: Path, workspace: Path) -> None:
    """An export never replaces the workspace (or its journal files) or any other SQLite file."""
    target = output.expanduser().resolve()
    home = workspace.expanduser().resolve()
    if any(target == home.with_name(home.name + suffix) for suffix in _SQLITE_COMPANIONS):
        raise TriageError(f"{output}: that is the workspace; export to another file")
    if not target.is_file():  # nothing there yet, or a pipe or device that must not be opened
        return
    try:
        with open(target, "rb") as existing:
            header = existing.read(len(_SQLITE_HEADER))
    except OSError:  # a file that cannot be read is no database we know of
        return
    if header == _SQLITE_HEADER:
        raise TriageError(
            f"{output}: is an SQLite database, not overwritten; export to another file"
        )


@contextlib.contextmanager
def _export_target(output: Path | None) -> Iterator[TextIO]:
    """stdout, or `output` written as `output.partial` and renamed once complete, so a half-written
    export never sits under the real name. A .partial left by a killed export goes first."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    partial = output.with_name(output.name + ".partial")
    done = False
    try:
        partial.unlink(missing_ok=True)
        with open(partial, "w", encoding="utf-8", newline="") as out:
            yield out
        partial.replace(output)
        done = True
    except OSError as error:
        raise TriageError(f"{output}: cannot write ({error.strerror or error})") from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
