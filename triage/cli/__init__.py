"""The `triage` command. Thin: parse, call the layer that does the work, print.

Each command lives in its own module of this package and is imported only when it runs or when
`--help` lists it, so every module here imports click and light triage modules at the top and
the heavy ones (the store, the linker, Textual) inside the command.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from typing import Any

import click
from click_default_group import DefaultGroup

from triage.cli.terminal import TerminalSafe
from triage.models import TriageError
from triage.safe_text import clean

# Every command: name -> "module:attribute", one a line, imported when first needed.
COMMANDS: dict[str, str] = {
    "articles": "triage.cli.workspace:articles_group",
    "backup": "triage.cli.workspace:backup_command",
    "config": "triage.cli.config:config_group",
    "demo": "triage.cli.app:demo_command",
    "export": "triage.cli.export:export_command",
    "extract": "triage.cli.extract:extract_command",
    "factchecks": "triage.cli.link:factchecks_group",
    "import": "triage.cli.import_articles:import_command",
    "keys": "triage.cli.keys:keys_command",
    "locate": "triage.cli.workspace:locate_command",
    "match": "triage.cli.link:match_command",
    "open": "triage.cli.app:open_app",
    "serve": "triage.cli.serve:serve_command",
    "stats": "triage.cli.workspace:stats_command",
    "watch": "triage.cli.watch:watch_command",
}


class CommandLoadError(click.ClickException):
    """A command whose module cannot be imported: one line naming the command, the module and
    the error, exit 1; never mistaken for a mistyped command name."""

    def __init__(self, name: str, module: str, error: Exception) -> None:
        super().__init__(
            f"command '{name}' cannot be loaded: importing {module} failed: "
            f"{type(error).__name__}: {error}"
        )


def load_command(name: str) -> click.Command:
    """The command registered under `name`, its module imported now."""
    module, _, attr = COMMANDS[name].partition(":")
    try:
        command = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as error:
        raise CommandLoadError(name, module, error) from error
    if not isinstance(command, click.Command):
        raise CommandLoadError(name, module, TypeError(f"{attr} is not a click command"))
    return command


class UnloadableCommand(click.Command):
    """Stands in for a command whose module failed to import. `triage --help` lists it with the
    reason (the other commands stay usable); running it, even with --help, fails with that line."""

    def __init__(self, name: str, error: CommandLoadError) -> None:
        super().__init__(name, help=error.message, short_help=f"[broken] {error.message}")
        self.error = error

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        raise self.error


class TriageGroup(DefaultGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # An unknown name runs the default command with that word as its argument (DefaultGroup).
        name = cmd_name if cmd_name in COMMANDS else self.default_cmd_name
        if name in COMMANDS and name not in self.commands:
            try:
                self.add_command(load_command(name), name)
            except CommandLoadError as error:
                return UnloadableCommand(name, error)
        return super().get_command(ctx, cmd_name)


@click.group(cls=TriageGroup, default="open", default_if_no_args=True)
@click.version_option(package_name="triage")
def cli() -> None:
    """Triage the factual claims in news articles, from the keyboard.

    With no command, opens the app on the workspace.
    """


def _say_error(message: str) -> None:
    click.echo(f"triage: error: {clean(message, one_line=True)}", err=True)


def main() -> None:
    saved = sys.stdout, sys.stderr
    if sys.stderr is not None:
        sys.stderr = TerminalSafe(sys.stderr)
    if sys.stdout is not None and sys.stdout.isatty():
        sys.stdout = TerminalSafe(sys.stdout)
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
