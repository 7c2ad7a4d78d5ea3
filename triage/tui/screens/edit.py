"""Edit one text field of a claim: the note (several lines) or the claim text (one line)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, TextArea

from triage.tui import actions
from triage.tui.safe_text import clean


class EditScreen(ModalScreen[str | None]):
    """Returns the edited text, or None when cancelled with Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        b for b in actions.bindings_in("modal") if b.id in ("save_edit", "close")
    ]

    def __init__(self, title: str, value: str, *, multiline: bool) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.multiline = multiline

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text(self.title_text, style="bold"))
            if self.multiline:
                editor = TextArea(clean(self.value), id="editor", soft_wrap=True)
                editor.show_line_numbers = False
                yield editor
            else:
                yield Input(clean(self.value, one_line=True), id="editor")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#editor").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_save(self) -> None:
        editor = self.query_one("#editor")
        if isinstance(editor, TextArea):
            self.dismiss(editor.text)
        elif isinstance(editor, Input):
            self.dismiss(editor.value)

    def action_close(self) -> None:
        self.dismiss(None)
