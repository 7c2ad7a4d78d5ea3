"""New repeats: claims not yet decided that repeat a claim this desk has already rated, with
that verdict, best first (the strongest repeat, then the newest article). When an article
arrives (`triage watch`, an import, another journalist) with a claim the desk has checked, it
shows here at once: the screen reloads whenever the workspace changes.

Enter opens the claim in its article; Esc (or the key that opened it) goes back.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from triage.store.watch import NewRepeat, WatchStore
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.widgets.new_repeat_list import NewRepeatList
from triage.tui.widgets.triage_footer import TriageFooter

LIMIT = 500


class NewRepeatsScreen(Screen[tuple[int, int] | None]):
    """Returns (article id, claim id) to open, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("new_repeats"), action="close", description="Back"),
    ]
    AUTO_FOCUS = "#queue-list"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._loaded_once = False

    def compose(self) -> ComposeResult:
        # The queue's ids: the same title bar, bordered list and detail box (triage.tcss).
        yield Static("", id="queue-title")
        yield NewRepeatList(id="queue-list")
        yield Static("", id="queue-detail")
        yield TriageFooter(show_command_palette=False, compact=True)

    @property
    def repeat_list(self) -> NewRepeatList:
        return self.query_one(NewRepeatList)

    def on_mount(self) -> None:
        self.repeat_list.empty_message = "Loading…"
        self._load()

    def refresh_from_store(self) -> None:
        """The workspace changed (an arrival, a decision elsewhere): read the rows again."""
        self._load()

    @work(thread=True, exclusive=True, group="new-repeats", exit_on_error=False)
    def _load(self) -> None:
        rows = WatchStore(self.store).new_repeats(LIMIT)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[NewRepeat]) -> None:
        current = self.repeat_list.current
        self.repeat_list.empty_message = "No undecided claim repeats a claim rated here."
        self.repeat_list.show(rows, keep=current.claim.id if current else None)
        self._loaded_once = True
        self._after_move()

    def _after_move(self) -> None:
        rows = self.repeat_list
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        count = f"{rows.row_count:,}{'+' if rows.row_count >= LIMIT else ''}"
        title.append(f" New repeats: {count}", "bold")
        claims = "claim repeats" if rows.row_count == 1 else "claims repeat"
        title.append(f" undecided {claims} a rated claim, best first · Enter opens it")
        self.query_one("#queue-title", Static).update(title, layout=False)
        self.query_one("#queue-detail", Static).update(self._detail(rows.current), layout=False)

    @staticmethod
    def _detail(item: NewRepeat | None) -> Text:
        text = Text(end="")
        if item is None:
            return text
        text.append_text(safe_line(item.article_title, "bold"))
        text.append("\n")
        text.append(f"repeats ({round(item.score)}/100) a claim rated ", "dim")
        text.append_text(safe_line(item.earlier.verdict or "", "bold"))
        text.append(" in ", "dim")
        text.append_text(safe_line(item.earlier_title, "italic"))
        text.append(": ", "dim")
        text.append_text(safe_line(item.earlier.text))
        text.append("\n")
        text.append_text(safe_line(item.claim.text))
        return text

    def on_row_list_highlighted(self, event: NewRepeatList.Highlighted) -> None:
        event.stop()
        self._after_move()

    def on_row_list_selected(self, event: NewRepeatList.Selected) -> None:
        event.stop()
        item = self.repeat_list.current
        if item is not None:
            self.dismiss((item.claim.article_id, item.claim.id))

    def action_close(self) -> None:
        self.dismiss(None)
