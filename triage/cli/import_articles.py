"""`triage import`: articles from files, folders or stdin into the workspace."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from triage.cli.options import open_workspace, workspace_options
from triage.cli.terminal import unguarded
from triage.safe_text import clean


@click.command(name="import")
@workspace_options
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Check-worthiness score a sentence needs to become a claim.",
)
def import_command(
    db: Path | None, config_path: Path | None, paths: tuple[str, ...], threshold: float | None
) -> None:
    """Import articles from files, folders (recursively) or '-' for stdin.

    Formats: .txt and .md (first line is the title), .html/.htm, .jsonl (one article a line).
    """
    from triage.pipeline import import_paths

    store, config = open_workspace(db, config_path)
    bar = None
    try:
        if sys.stderr.isatty():
            # The bar's own carriage returns must reach the terminal, so it writes past the cleaning.
            bar = click.progressbar(length=0, label="Importing", file=unguarded(sys.stderr))

        def progress(done: int, total: int, source: str) -> None:
            if bar is not None:
                bar.length = total
                bar.update(done - bar.pos)

        summary = import_paths(
            store,
            paths,
            threshold if threshold is not None else config.claim_threshold,
            on_progress=progress,
            link_thresholds=config.link,
            max_bytes=config.max_article_bytes,
        )
    finally:
        if bar is not None:
            bar.render_finish()
        store.close()
    for warning in summary.warnings:
        click.echo(f"triage: warning: {clean(warning, one_line=True)}", err=True)
    for problem in summary.problems:
        click.echo(f"triage: error: {clean(problem, one_line=True)}", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)
