"""Edit one text field of a claim: the note or the claim text, in a wrapping multi-line editor."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from triage.tui import actions
from triage.tui.safe_text import clean

_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")


class EditScreen(ModalScreen[str | None]):
    """Returns the edited text, or None when cancelled with Esc.

    Both fields open in the same editor, soft-wrapped, with the cursor at the end and nothing
    selected, so typing adds to the text instead of replacing it. `multiline=False` (the claim
    text) keeps the result on one line: line breaks typed in the editor become spaces."""

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
            text = clean(self.value) if self.multiline else clean(self.value, one_line=True)
            editor = TextArea(text, id="editor", soft_wrap=True, show_line_numbers=False)
            yield editor
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.move_cursor(editor.document.end)
        editor.focus()

    def action_save(self) -> None:
        text = self.query_one("#editor", TextArea).text
        self.dismiss(text if self.multiline else _LINE_BREAKS.sub(" ", text).strip())

    def action_close(self) -> None:
        self.dismiss(None)
