"""A yes/no question before a bulk change."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from triage.tui import actions


class ConfirmScreen(ModalScreen[bool]):
    """Ask before acting on many claims at once; y confirms, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        b for b in actions.bindings_in("modal") if b.id in ("confirm", "close")
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question, style="bold"), id="question")
            yield Static("y to confirm, Esc to cancel", id="hint")
        yield Footer()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
