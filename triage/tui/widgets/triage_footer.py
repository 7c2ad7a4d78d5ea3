"""The footer, leaving out the keys a narrow terminal has no room for (help lists them all)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from triage.tui import actions


class TriageFooter(Footer):
    """Textual's footer minus the bindings whose `footer_min_width` exceeds the terminal."""

    def compose(self) -> ComposeResult:
        hidden = actions.footer_hidden(self.app.size.width)
        for widget in super().compose():
            if getattr(widget, "action", None) in hidden:  # a FooterKey of a hidden binding
                continue
            yield widget

    _hidden_for: set[str] | None = None

    def on_resize(self) -> None:
        hidden = actions.footer_hidden(self.app.size.width)
        if self._hidden_for is not None and hidden != self._hidden_for:
            self.call_after_refresh(self.recompose)
        self._hidden_for = hidden
