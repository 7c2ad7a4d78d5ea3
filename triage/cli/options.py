"""Options every command shares, and opening the workspace they name. Used by all CLI modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from triage.config import Config, load_config, resolve_config_path, resolve_db_path
from triage.models import TriageError
from triage.safe_text import clean

if TYPE_CHECKING:
    from triage.store.workspace import Store


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Workspace file (default: TRIAGE_DB, else the user data folder).",
    )(command)


def config_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Config file (default: TRIAGE_CONFIG, else the user config folder).",
    )(command)


def workspace_options(command: Callable[..., Any]) -> Callable[..., Any]:
    return db_option(config_option(command))


def load(config_path: Path | None) -> Config:
    return load_config(resolve_config_path(config_path))


def open_workspace(
    db: Path | None,
    config_path: Path | None,
    create: bool = True,
    wait_for_check: bool = True,
    fill: str = "import articles first",
) -> tuple[Store, Config]:
    """The config and the workspace; reading commands pass create=False, so a mistyped --db is
    named instead of becoming a new empty workspace (and its folders), with `fill`: how a
    workspace gets what the command reads."""
    from triage.store.workspace import Store  # sqlite-utils (and numpy with it): not for --help

    config = load(config_path)
    path = resolve_db_path(db)
    if not create and not path.exists():
        raise TriageError(f"{path}: no workspace there (check --db, or {fill})")

    def say_upgrading() -> None:
        click.echo(
            f"{clean(str(path), one_line=True)}: updating the workspace for this version of "
            "triage (once; a large workspace takes a while)…",
            err=True,
        )

    store = Store.open(
        path,
        user=config.user,
        create=create,
        wait_for_check=wait_for_check,
        on_upgrade=say_upgrading,
    )
    return store, config
