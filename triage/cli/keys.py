"""`triage keys`: every action id, the keys it answers to now, and what it does."""

from __future__ import annotations

from pathlib import Path

import click

from triage.config import load_config, resolve_config_path


@click.command(name="keys")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Config file whose [keys] table to apply (default: TRIAGE_CONFIG, else the user "
    "config folder).",
)
@click.option(
    "--toml",
    "as_toml",
    is_flag=True,
    help="Print a ready-to-edit [keys] table for the config file instead of a list.",
)
def keys_command(config_path: Path | None, as_toml: bool) -> None:
    """List every action id with its current keys (after the config's remap) and description.

    Remap a key by adding its action id to the [keys] table of the config file, e.g.
    verdict_1 = "t" or cursor_down = "j,down,ctrl+n".
    """
    from triage.tui import actions  # Textual's Binding: imported only when the keys are listed

    config = load_config(resolve_config_path(config_path))
    rows = [
        (
            action.id,
            actions.current_keys(action, config.keys),
            actions.describe(action, config.verdicts),
        )
        for action in actions.visible_actions(config.verdicts)
    ]
    if as_toml:
        click.echo("[keys]")
        for action_id, keys, description in rows:
            click.echo(f'{action_id} = "{keys}"  # {description}')
        return
    id_width = max(len(row[0]) for row in rows)
    key_width = max(len(row[1]) for row in rows)
    for action_id, keys, description in rows:
        click.echo(f"{action_id:<{id_width}}  {keys:<{key_width}}  {description}")
    for clash in actions.clashes(config.keys, config.verdicts):
        click.echo(f"warning: {config.path}: [keys]: {clash}", err=True)
    for unknown in actions.unknown_ids(config.keys):
        click.echo(f"warning: {config.path}: [keys] names no action called {unknown!r}", err=True)
    for action_id, key in actions.invalid_keys(config.keys):
        click.echo(
            f"warning: {config.path}: [keys] {action_id} = {key!r} is not a key a terminal can "
            "send",
            err=True,
        )
