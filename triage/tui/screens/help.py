"""Help generated from the live bindings: every action, its keys now, and what it does."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from triage.tui import actions

KEY_COLUMN = 16


KeyDisplay = Callable[[Binding], str]


def key_labels(keys: str, display: KeyDisplay) -> str:
    return ", ".join(display(Binding(key, "")) for key in keys.split(",") if key)


def help_text(verdicts: Sequence[str], keymap: Mapping[str, str], display: KeyDisplay) -> Group:
    """Every action grouped by where it applies, with its current keys."""
    by_scope: dict[str, list[actions.Action]] = {}
    for action in actions.visible_actions(verdicts):
        by_scope.setdefault(action.scope, []).append(action)
    parts: list[RenderableType] = []
    for scope in actions.SCOPES:
        if scope not in by_scope:
            continue
        parts.append(Text(actions.SCOPE_TITLES[scope], style="bold underline"))
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=KEY_COLUMN, no_wrap=True)
        table.add_column(ratio=1)
        for action in by_scope[scope]:
            keys = key_labels(actions.current_keys(action, keymap), display)
            row = Text(actions.describe(action, verdicts))
            row.append(f"  ({action.id})", "dim")
            table.add_row(Text(keys, style="bold"), row)
        parts.extend([table, Text("")])
    parts.append(
        Text(
            "Claim list marks: = linked to the same claim in another article, ~ a suggested "
            "link, ! conflicting verdicts among the links, C checked before (a past "
            "fact-check matches), N the claim has a note.\n"
            "ctrl+p opens the command palette: every action that applies where it is opened, "
            "by name.\n"
            "Remap any key by id in the [keys] table of the config file; "
            "`triage keys` lists the ids.",
            style="italic",
        )
    )
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The key reference; Esc, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("help"), action="close", description="Close"),
        *[b for b in actions.bindings_in("list") if b.id in ("cursor_down", "cursor_up")],
    ]

    def __init__(self, verdicts: Sequence[str], keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.verdicts = verdicts
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(help_text(self.verdicts, self.keymap, self.app.get_key_display))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)
