"""Help generated from the live bindings: every action, its keys now, and what it does."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

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


def help_text(
    verdicts: Sequence[str], keymap: Mapping[str, str], display: KeyDisplay
) -> Text:
    """Every action grouped by where it applies, with its current keys."""
    text = Text(end="")
    by_scope: dict[str, list[actions.Action]] = {}
    for action in actions.visible_actions(verdicts):
        by_scope.setdefault(action.scope, []).append(action)
    for scope in actions.SCOPES:
        if scope not in by_scope:
            continue
        if text:
            text.append("\n")
        text.append(actions.SCOPE_TITLES[scope] + "\n", "bold underline")
        for action in by_scope[scope]:
            keys = key_labels(actions.current_keys(action, keymap), display)
            text.append(f"  {keys:<{KEY_COLUMN}}", "bold")
            text.append(f" {actions.describe(action, verdicts)}")
            text.append(f"  ({action.id})\n", "dim")
    text.append("\nRemap any key by id in the [keys] table of the config file.", "italic")
    return text


class HelpScreen(ModalScreen[None]):
    """The key reference; Esc, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("help"), action="close", description="Close"),
        *[b for b in actions.bindings("list") if b.id in ("cursor_down", "cursor_up")],
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
