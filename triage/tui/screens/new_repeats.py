"""New repeats: claims not yet decided that repeat a claim this desk has already rated, with
that verdict, best first (the strongest repeat, then the newest article). When an article
arrives (`triage watch`, an import, another journalist) with a claim the desk has checked, it
shows here at once: the screen reloads whenever the workspace changes.

The verdict keys, c, x, u and ctrl+r decide here as in the workspace queue (the same ids, so a
remap applies): the write is committed before the row changes, the row keeps its place showing
the decision until the view reloads, and the cursor moves to the next undecided row. Enter opens
the claim in its article; Esc (or the key that opened it) goes back.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from triage.models import CHECKING, DISMISSED, UNDECIDED, TriageError
from triage.store.watch import NewRepeat, WatchStore
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.widgets.new_repeat_list import NewRepeatList
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

LIMIT = 500
# Keys that decide on the main screen and in the queue, and decide here the same way.
DECIDING = {f"verdict_{n}" for n in range(1, actions.MAX_VERDICTS + 1)} | {
    "checking",
    "dismiss",
    "undo",
    "redo",
}


class NewRepeatsScreen(Screen[tuple[int, int] | None]):
    """Returns (article id, claim id) to open, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[b for b in actions.bindings("triage", "claims") if b.id in DECIDING],
        actions.binding("close"),
        dataclasses.replace(actions.binding("new_repeats"), action="close", description="Back"),
    ]
    AUTO_FOCUS = "#queue-list"

    def __init__(self, store: Store, verdicts: Sequence[str]) -> None:
        super().__init__()
        self.store = store
        self.verdicts = tuple(verdicts)

    def compose(self) -> ComposeResult:
        # The queue's ids: the same title bar, bordered list and detail box (triage.tcss).
        yield Static("", id="queue-title")
        yield NewRepeatList(id="queue-list")
        yield Static("", id="queue-detail")
        yield VerdictBar(id="verdicts")
        yield TriageFooter(show_command_palette=False, compact=True)

    @property
    def repeat_list(self) -> NewRepeatList:
        return self.query_one(NewRepeatList)

    def on_mount(self) -> None:
        self.repeat_list.empty_message = "Loading…"
        self.call_after_refresh(self._show_verdict_bar)
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
        self._after_move()

    def _after_move(self) -> None:
        rows = self.repeat_list
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        waiting = sum(row.claim.status in (UNDECIDED, CHECKING) for row in rows.rows)
        count = f"{waiting:,}{'+' if rows.row_count >= LIMIT else ''}"
        title.append(f" New repeats: {count}", "bold")
        claims = "claim repeats" if waiting == 1 else "claims repeat"
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

    def _show_verdict_bar(self) -> None:
        keys: dict[str, str] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in keys:
                keys[binding.id] = self.app.get_key_display(binding)
        shown = [keys.get(f"verdict_{n}", "?") for n in range(1, len(self.verdicts) + 1)]
        self.query_one(VerdictBar).show(self.verdicts, shown)

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

    # -- decisions, as in the workspace queue ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "verdict":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and number <= len(self.verdicts)
        return True

    def action_verdict(self, number: int) -> None:
        if 1 <= number <= len(self.verdicts):
            verdict = self.verdicts[number - 1]
            self._decide(lambda ids: self.store.set_verdict(ids, verdict))

    def action_checking(self) -> None:
        self._decide(lambda ids: self.store.set_status(ids, CHECKING))

    def action_dismiss_claim(self) -> None:
        self._decide(lambda ids: self.store.set_status(ids, DISMISSED))

    def action_undo(self) -> None:
        self._replay(self.store.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._replay(self.store.redo, "Nothing to redo.", "Redone")

    def _write(self, what: Callable[[], list[int]]) -> list[int] | None:
        try:
            return what()
        except (TriageError, sqlite3.Error) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return None

    def _decide(self, write: Callable[[list[int]], list[int]]) -> None:
        rows = self.repeat_list
        item = rows.current
        if item is None:
            return
        touched = self._write(lambda: write([item.claim.id]))
        if touched is None:
            return
        self._show_fresh(touched or [item.claim.id])
        target = rows.next_undecided(rows.cursor)
        if target is None:
            self.notify("Every repeat listed is decided.", timeout=2)
        else:
            rows.move_cursor(target, announce=False)
        self._after_move()

    def _show_fresh(self, touched: list[int]) -> None:
        """Re-read the changed claims (already committed) into their rows."""
        for claim in self.store.claims_by_id(touched):
            self.repeat_list.replace(claim)

    def _replay(self, step: Callable[[], list[int]], nothing: str, done: str) -> None:
        touched = self._write(step)
        if touched is None:
            return
        if not touched:
            self.notify(nothing, timeout=2)
            return
        self._show_fresh(touched)
        here = [i for i in map(self.repeat_list.index_of, touched) if i is not None]
        if here:
            self.repeat_list.move_cursor(min(here), announce=False)
        self.notify(f"{done}: {len(touched)} claim{'s' if len(touched) != 1 else ''}.", timeout=2)
        self._after_move()
