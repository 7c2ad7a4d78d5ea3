"""The `triage` command. Thin: parse, call the layer that does the work, print."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click
from click_default_group import DefaultGroup

from triage.cli_options import config_option, load, open_workspace, workspace_options
from triage.config import Config, resolve_config_path, resolve_db_path
from triage.models import STATUSES, TriageError
from triage.safe_text import clean
from triage.store.workspace import Store

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
def open_app(db: Path | None, config_path: Path | None) -> None:
    """Open the triage app (the default command). A new workspace starts empty: import
    articles from the app (i) or with `triage import PATH`; `triage demo` shows the samples."""
    from triage.pipeline import finish_linking

    path = resolve_db_path(db)
    store, config = open_workspace(db, config_path, wait_for_check=False)
    try:
        # The heavy import of the app runs while the damage check reads the file; a damaged
        # workspace is then one line and exit 1, before the app starts.
        from triage.tui.app import run_app

        store.wait_for_check()
        finish_linking(store, config.link)  # articles a killed import stored but never linked
    finally:
        store.close()
    run_app(path, config, checked=True)


@cli.command(name="demo")
@config_option
def demo_command(config_path: Path | None) -> None:
    """Open the app on a throwaway workspace filled with the bundled sample articles.

    The workspace is a temporary file, removed when the app closes; your own workspace
    (--db, TRIAGE_DB) is not touched.
    """
    import tempfile

    from triage.pipeline import bundled_seeds, import_paths

    config = load(config_path)
    with tempfile.TemporaryDirectory(prefix="triage-demo-") as folder:
        path = Path(folder) / "demo.db"
        click.echo("triage: opening a demo workspace with the sample articles "
                   "(removed when you quit)", err=True)  # fmt: skip
        store = Store.open(path, user=config.user)
        try:
            from triage.tui.app import run_app

            summary = import_paths(store, [str(bundled_seeds())], config.claim_threshold,
                                   link_thresholds=config.link)  # fmt: skip
        finally:
            store.close()
        if summary.failed:
            raise TriageError(
                "the sample articles could not be imported: " + "; ".join(summary.problems)
            )
        with _removed_on_hangup(Path(folder)):
            run_app(path, config)
    click.echo("triage: the demo workspace was removed; "
               "to start your own, run `triage import PATH` or open `triage`", err=True)  # fmt: skip


@contextlib.contextmanager
def _removed_on_hangup(folder: Path) -> Iterator[None]:
    """A closed terminal (SIGHUP) or a kill (SIGTERM) ends the process without unwinding, so the
    demo's folder goes in the signal handler, which then lets the signal end the process."""
    import shutil
    import signal

    def remove_then_die(signum: int, frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    signals = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, remove_then_die) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@cli.command(name="import")
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
            bar = click.progressbar(length=0, label="Importing", file=_unguarded(sys.stderr))

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


@cli.command(name="export")
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


@cli.command(name="stats")
@workspace_options
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats_command(db: Path | None, config_path: Path | None, as_json: bool) -> None:
    """Counts of articles and claims, by status, by verdict and per article."""
    store, _ = open_workspace(db, config_path, create=False)
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
        title = clean(article["title"], one_line=True)  # article text: never a control sequence
        click.echo(f"  {article['decided']:>4}/{article['claims']:<4} {title}")


@cli.command(name="backup")
@workspace_options
@click.argument("target", required=False, type=click.Path(path_type=Path))
def backup_command(db: Path | None, config_path: Path | None, target: Path | None) -> None:
    """Copy the workspace safely, even while the app or an import is using it.

    TARGET is a file or a folder; by default the copy goes beside the workspace, named with the
    date and time (workspace-backup-20250301-093000.db). To restore, close triage and copy the
    backup over the workspace file (see the README).
    """
    store, _ = open_workspace(db, config_path, create=False)
    try:
        written = store.backup(target.expanduser() if target else None)
    finally:
        store.close()
    click.echo(f"backup of {store.path} written to {written}")


@cli.command(name="locate")
@workspace_options
def locate_command(db: Path | None, config_path: Path | None) -> None:
    """Print where the workspace and the config file are."""
    click.echo(f"workspace: {clean(str(resolve_db_path(db)), one_line=True)}")
    click.echo(f"config:    {clean(str(resolve_config_path(config_path)), one_line=True)}")


@cli.group(name="config")
def config_group() -> None:
    """The config file (`triage locate` shows where it is)."""


@config_group.command(name="init")
@config_option
def config_init_command(config_path: Path | None) -> None:
    """Write a commented config file with every setting at its default.

    It goes where `triage locate` shows (or --config); an existing file is never replaced.
    """
    from triage.config import write_config_template

    path = resolve_config_path(config_path)
    write_config_template(path)
    click.echo(f"config written to {clean(str(path), one_line=True)}")


@cli.group(name="articles", invoke_without_command=True)
@workspace_options
@click.option("--json", "as_json", is_flag=True, help="Print the articles as a JSON list.")
@click.pass_context
def articles_group(
    ctx: click.Context, db: Path | None, config_path: Path | None, as_json: bool
) -> None:
    """List the articles, one a line, id first (`triage articles rm ID...` removes some)."""
    from triage.store.articles import ArticleStore

    ctx.obj = {"db": db, "config_path": config_path}
    if ctx.invoked_subcommand is not None:
        return
    store, _ = open_workspace(db, config_path, create=False)
    try:
        articles = ArticleStore(store).listing()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(articles, ensure_ascii=False, indent=2))
        return
    if not articles:
        click.echo(
            "no articles in this workspace (import some with `triage import PATH`)", err=True
        )
        return
    width = len(str(articles[-1]["id"]))
    for article in articles:
        where = ", ".join(part for part in (article["outlet"], article["published"]) if part)
        title = clean(article["title"], one_line=True)
        line = f"{article['id']:>{width}}  {title}"
        if where:
            line += f" ({clean(where, one_line=True)})"
        click.echo(f"{line}  {article['decided']}/{article['claims']} decided")


@articles_group.command(name="rm")
@workspace_options
@click.argument("ids", nargs=-1, required=True, type=int, metavar="ID...")
@click.pass_context
def articles_rm_command(
    ctx: click.Context, db: Path | None, config_path: Path | None, ids: tuple[int, ...]
) -> None:
    """Remove articles (by id, see `triage articles`) with their claims and links.

    Recorded in the event log. An id that is not in the workspace stops the command before
    anything is removed.
    """
    from triage.store.articles import ArticleStore

    parent = ctx.obj or {}
    store, _ = open_workspace(db or parent.get("db"), config_path or parent.get("config_path"),
                              create=False)  # fmt: skip
    try:
        removed = ArticleStore(store).remove(ids)
    finally:
        store.close()
    for article in removed:
        claims = "1 claim" if article.claims == 1 else f"{article.claims} claims"
        click.echo(
            f"removed article {article.id}: {clean(article.title, one_line=True)} ({claims})"
        )


class _TerminalSafe:
    """A text stream that shows control characters as the app does (triage.safe_text.clean).

    Installed over stderr, which carries only messages, and over stdout when that is a terminal:
    an article title, a claim or a file name can then never send an escape sequence (colours,
    an OSC 52 clipboard write, a title change). Data sent to a file or a pipe stays exact.
    """

    def __init__(self, stream: TextIO) -> None:
        self.unguarded = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")  # click probes with bytes
        self.unguarded.write(clean(text.replace("\r\n", "\n")))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.unguarded, name)


def _unguarded(stream: TextIO) -> TextIO:
    return getattr(stream, "unguarded", stream)


def _say_error(message: str) -> None:
    click.echo(f"triage: error: {clean(message, one_line=True)}", err=True)


def main() -> None:
    saved = sys.stdout, sys.stderr
    if sys.stderr is not None:
        sys.stderr = _TerminalSafe(sys.stderr)
    if sys.stdout is not None and sys.stdout.isatty():
        sys.stdout = _TerminalSafe(sys.stdout)
    try:
        _main()
    finally:
        sys.stdout, sys.stderr = saved


def _main() -> None:
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
        _say_error(str(error))
        sys.exit(1)
    except sqlite3.Error as error:
        _say_error(f"database: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("triage: interrupted", err=True)
        sys.exit(130)
    except OSError as error:
        name = getattr(error, "filename", None)
        _say_error(f"{name}: {error.strerror or error}" if name else f"{error.strerror or error}")
        sys.exit(1)


if __name__ == "__main__":
    main()
