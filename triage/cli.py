"""The `triage` command. Thin: parse, call the layer that does the work, print."""

from __future__ import annotations

import importlib
import json
import sqlite3
import sys
from pathlib import Path

import click
from click_default_group import DefaultGroup

from triage.cli_options import open_workspace, workspace_options
from triage.config import resolve_config_path, resolve_db_path
from triage.models import STATUSES, TriageError

# Commands that live beside the code they drive, imported only when used (fast start-up).
LAZY_COMMANDS = {
    "extract": "triage.extract.command:extract_command",
    "keys": "triage.tui.commands:keys_command",
    "factchecks": "triage.link.commands:factchecks_group",
    "match": "triage.link.commands:match_command",
}


class TriageGroup(DefaultGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, attr = LAZY_COMMANDS[cmd_name].partition(":")
            try:
                self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
            except (ImportError, AttributeError):
                return None
        return super().get_command(ctx, cmd_name)


@click.group(cls=TriageGroup, default="open", default_if_no_args=True)
@click.version_option(package_name="triage")
def cli() -> None:
    """Triage the factual claims in news articles, from the keyboard.

    With no command, opens the app on the workspace.
    """


@cli.command(name="open")
@workspace_options
@click.option("--no-seed", is_flag=True, help="Do not fill a new workspace with the sample articles.")
def open_app(db: Path | None, config_path: Path | None, no_seed: bool) -> None:
    """Open the triage app (the default command)."""
    from triage.pipeline import bundled_seeds, import_paths

    path = resolve_db_path(db)
    fresh = not path.exists()
    store, config = open_workspace(db, config_path)
    try:
        if fresh and not no_seed and store.article_count() == 0:
            import_paths(store, [str(bundled_seeds())], config.claim_threshold,
                         link_thresholds=config.link)
    finally:
        store.close()
    from triage.tui.app import run_app

    run_app(path, config)


@cli.command(name="import")
@workspace_options
@click.argument("paths", nargs=-1, required=True)
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Check-worthiness score a sentence needs to become a claim.")
def import_command(db: Path | None, config_path: Path | None, paths: tuple[str, ...],
                   threshold: float | None) -> None:
    """Import articles from files, folders (recursively) or '-' for stdin.

    Formats: .txt and .md (first line is the title), .html/.htm, .jsonl (one article a line).
    """
    from triage.pipeline import import_paths

    store, config = open_workspace(db, config_path)
    bar = None
    try:
        if sys.stderr.isatty():
            bar = click.progressbar(length=0, label="Importing", file=sys.stderr)

        def progress(done: int, total: int, source: str) -> None:
            if bar is not None:
                bar.length = total
                bar.update(done - bar.pos)

        summary = import_paths(store, paths, threshold if threshold is not None
                               else config.claim_threshold, on_progress=progress,
                               link_thresholds=config.link)
    finally:
        if bar is not None:
            bar.render_finish()
        store.close()
    for problem in summary.problems:
        click.echo(f"triage: error: {problem}", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@cli.command(name="export")
@workspace_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "claimreview", "links"]), default="csv",
              show_default=True, help="Output format.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only claims with this status.")
@click.option("--verdict", default=None, help="Only claims with this verdict (case-insensitive).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export_command(db: Path | None, config_path: Path | None, fmt: str, status: str | None,
                   verdict: str | None, output: Path | None) -> None:
    """Export claims as CSV, JSONL or schema.org ClaimReview JSON-LD, or the links between claims."""
    from triage.export import with_clusters, write_claimreview, write_csv, write_jsonl, write_links
    from triage.link.clusters import cluster_index
    from triage.store.links import LinkStore

    store, config = open_workspace(db, config_path)
    rows = store.iter_claims(status=status, verdict=verdict, verdict_only=fmt == "claimreview")
    clusters = cluster_index(LinkStore(store)) if fmt in ("jsonl", "links") else {}
    target = output.with_name(output.name + ".partial") if output else None
    try:
        with (open(target, "w", encoding="utf-8", newline="") if target else
              _stdout()) as out:
            if fmt == "csv":
                count = write_csv(rows, out)
            elif fmt == "jsonl":
                count = write_jsonl(with_clusters(rows, clusters, LinkStore(store).link_counts()), out)
            elif fmt == "links":
                count = write_links(LinkStore(store).export_links(), out, clusters)
            else:
                count = write_claimreview(rows, out, author=config.user, verdicts=config.verdicts)
        if target and output:
            target.replace(output)  # never leave a half-written export under the real name
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) has gone; that is not an error
        return
    except OSError as error:
        if target:
            target.unlink(missing_ok=True)
        raise TriageError(f"{output}: cannot write ({error.strerror or error})") from error
    finally:
        store.close()
    if output:
        click.echo(f"{count} {'links' if fmt == 'links' else 'claims'} exported to {output}", err=True)


class _stdout:
    """stdout as a context manager that is not closed afterwards."""

    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


@cli.command(name="stats")
@workspace_options
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats_command(db: Path | None, config_path: Path | None, as_json: bool) -> None:
    """Counts of articles and claims, by status, by verdict and per article."""
    store, _ = open_workspace(db, config_path)
    try:
        stats = store.stats()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"{stats['articles']} articles, {stats['claims']} claims")
    click.echo("by status:  " + ", ".join(f"{k} {v}" for k, v in stats["by_status"].items()))
    verdicts = ", ".join(f"{k} {v}" for k, v in stats["by_verdict"].items()) or "none yet"
    click.echo("by verdict: " + verdicts)
    for article in stats["per_article"]:
        click.echo(f"  {article['decided']:>4}/{article['claims']:<4} {article['title']}")


@cli.command(name="locate")
@workspace_options
def locate_command(db: Path | None, config_path: Path | None) -> None:
    """Print where the workspace and the config file are."""
    click.echo(f"workspace: {resolve_db_path(db)}")
    click.echo(f"config:    {resolve_config_path(config_path)}")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("triage: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except TriageError as error:
        click.echo(f"triage: error: {error}", err=True)
        sys.exit(1)
    except sqlite3.Error as error:
        click.echo(f"triage: error: database: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("triage: interrupted", err=True)
        sys.exit(130)
    except OSError as error:
        name = getattr(error, "filename", None)
        click.echo(f"triage: error: {name + ': ' if name else ''}{error.strerror or error}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
