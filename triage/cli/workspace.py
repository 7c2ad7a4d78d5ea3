"""`triage stats`, `backup`, `locate` and `articles [rm]`: looking after the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import click

from triage.cli.options import open_workspace, workspace_options
from triage.config import resolve_config_path, resolve_db_path
from triage.safe_text import clean


@click.command(name="stats")
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


@click.command(name="backup")
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


@click.command(name="locate")
@workspace_options
def locate_command(db: Path | None, config_path: Path | None) -> None:
    """Print where the workspace and the config file are."""
    click.echo(f"workspace: {clean(str(resolve_db_path(db)), one_line=True)}")
    click.echo(f"config:    {clean(str(resolve_config_path(config_path)), one_line=True)}")


@click.group(name="articles", invoke_without_command=True)
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
