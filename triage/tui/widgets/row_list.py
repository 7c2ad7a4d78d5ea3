"""A virtual list with a cursor: one row per line, only the rows in view are rendered.

Subclasses say how to draw one row (`render_row`); the list never builds a widget per row,
so 5,000 articles or 200 search results cost the same to show as ten.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from triage.tui import actions
from triage.tui.widgets.component_styles import CachedComponentStyles


def column(text: str, width: int) -> str:
    """`text` in a column of `width` cells: shortened with "…" to leave one cell of space."""
    if len(text) > width - 1:
        text = text[: width - 2] + "…"
    return f"{text:<{width}}"


def openable(bindings: list[Binding]) -> list[BindingType]:
    """A list's bindings with Enter shown in the footer as "Open"."""
    return [
        dataclasses.replace(b, description="Open", show=True) if b.id == "open" else b
        for b in bindings
    ]


class RowList(CachedComponentStyles, ScrollView, can_focus=True):
    """Rows drawn on demand through the Line API; `cursor` is the highlighted row."""

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("list")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--cursor-blurred",
        "row-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class _RowMessage(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor moved to `index`."""

    class Selected(_RowMessage):
        """Enter was pressed on `index`."""

    def __init__(self, empty_message: str = "Nothing here.", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_message = empty_message
        self._row_count = 0

    # -- what subclasses provide -------------------------------------------------------------

    def render_row(self, index: int, width: int) -> Text:
        """The text of row `index`, at most `width` cells (subclasses draw their rows)."""
        raise NotImplementedError

    # -- data --------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._row_count

    def set_row_count(self, count: int, cursor: int | None = None) -> None:
        """Declare how many rows there are and (optionally) where the cursor goes."""
        self._row_count = count
        if self.virtual_size.height != count:
            self.virtual_size = Size(self.size.width, count)
        target = self.cursor if cursor is None else cursor
        self.set_reactive(RowList.cursor, self._clamp(target))
        self.refresh()
        if self.size.height:
            self.scroll_to_cursor()
        else:  # not laid out yet: scroll once it has a size
            self.call_after_refresh(self.scroll_to_cursor)

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self._row_count - 1)) if self._row_count else 0

    def validate_cursor(self, index: int) -> int:
        return self._clamp(index)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self.scroll_to_cursor()
        if self._row_count:
            self.post_message(self.Highlighted(self, new))

    def move_cursor(self, index: int, *, announce: bool = True) -> None:
        """Move the cursor; with announce=False no Highlighted message is posted."""
        if announce:
            self.cursor = index
        else:
            old = self.cursor
            self.set_reactive(RowList.cursor, self._clamp(index))
            self.refresh_row(old)
            self.refresh_row(self.cursor)
            self.scroll_to_cursor()

    def refresh_row(self, index: int) -> None:
        self.refresh_line(index)

    def scroll_to_cursor(self) -> None:
        if self._row_count:
            self.scroll_to_region(
                Region(0, self.cursor, max(1, self.size.width), 1), animate=False, force=True
            )

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._row_count)
        self.scroll_to_cursor()

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        # The width left of the scrollbar: a long list gets one, and its rows must end in "…"
        # before it, not be cut by it.
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        base = self.style_of("")
        if not self._row_count:
            if y == 0:
                style = self.style_of("row-list--empty")
                text = Text(self.empty_message, style=style, no_wrap=True, end="")
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        if index >= self._row_count:
            return Strip.blank(width, base)
        text = self.render_row(index, width)
        text.no_wrap = True
        text.end = ""
        if index == self.cursor:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            text.stylize(self.style_of(name))
            return self._strip(text, width, base + self.style_of(name))
        return self._strip(text, width, base)

    def _strip(self, text: Text, width: int, fill: Style) -> Strip:
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(fill) if segments else Strip([])
        return strip.extend_cell_length(width, fill).crop(0, width)

    def on_focus(self) -> None:
        self.forget_styles()
        self.refresh_row(self.cursor)

    def on_blur(self) -> None:
        self.forget_styles()
        self.refresh_row(self.cursor)

    # -- actions (keys come from the registry) ------------------------------------------------

    def index_after(self, move: str) -> int:
        """Where a named move ("down", "up", "first", "last", "page_down", "page_up") lands."""
        page = max(1, self.size.height - 1)
        steps = {
            "down": self.cursor + 1,
            "up": self.cursor - 1,
            "first": 0,
            "last": self._row_count - 1,
            "page_down": self.cursor + page,
            "page_up": self.cursor - page,
        }
        return self._clamp(steps[move])

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._row_count - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height - 1)

    def action_open(self) -> None:
        if self._row_count:
            self.post_message(self.Selected(self, self.cursor))
