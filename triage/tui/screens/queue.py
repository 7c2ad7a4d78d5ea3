"""The workspace queue: the undecided claims of every article, best first.

Deciding works as on the main screen (the same verdict and status keys, the same ids, so a
remap applies here too): the write is committed before the row changes, then the cursor
moves to the next undecided claim. Decided rows stay, showing their verdict, until the queue
is reopened. Rows come a page at a time (keyset paging), so a 100k-claim workspace opens as
fast as a small one. Enter opens the claim in its article; Esc goes back.
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

from triage.models import CHECKING, DISMISSED, UNDECIDED, Claim, TriageError
from triage.store.workspace import Store
from triage.tui import actions, claim_queue
from triage.tui.widgets.queue_detail import QueueDetail
from triage.tui.widgets.queue_list import QueueList
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

PAGE = 500
PREFETCH = 50  # rows from the end at which the next page is fetched
# Keys that decide on the main screen and decide here the same way.
DECIDING = {f"verdict_{n}" for n in range(1, actions.MAX_VERDICTS + 1)} | {
    "checking",
    "dismiss",
    "undo",
    "redo",
}


class QueueScreen(Screen[tuple[int, int] | None]):
    """Returns (article id, claim id) to open, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[b for b in actions.bindings_in("triage", "claims") if b.id in DECIDING],
        actions.binding("close"),
        dataclasses.replace(actions.binding("queue"), action="close", description="Back"),
    ]
    AUTO_FOCUS = "#queue-list"

    def __init__(self, store: Store, verdicts: Sequence[str]) -> None:
        super().__init__()
        self.store = store
        self.verdicts = tuple(verdicts)
        self.undecided = 0
        self._more = False  # the last page was full: there may be more rows
        self._fetching = False

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-title")
        yield QueueList(id="queue-list")
        yield QueueDetail(id="queue-detail")
        yield VerdictBar(id="verdicts")
        yield TriageFooter(show_command_palette=False, compact=True)

    @property
    def queue_list(self) -> QueueList:
        return self.query_one(QueueList)

    def on_mount(self) -> None:
        self.queue_list.empty_message = "Loading the queue…"
        self.call_after_refresh(self._show_verdict_bar)
        self._load()

    # -- loading ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def _load(self) -> None:
        count = self.store.undecided_count()
        rows = self.store.undecided_claims(PAGE)
        self.app.call_from_thread(self._loaded, count, rows)

    def _loaded(self, count: int, rows: list[tuple[Claim, str]]) -> None:
        self.undecided = count
        self._more = len(rows) == PAGE
        self.queue_list.empty_message = "No undecided claims anywhere: the workspace is done."
        self.queue_list.show(rows)
        self._after_move()

    @work(thread=True, exclusive=True, group="queue-page", exit_on_error=False)
    def _load_page(self, after: Claim) -> None:
        rows = self.store.undecided_claims(PAGE, after)
        self.app.call_from_thread(self._page_loaded, rows)

    def _page_loaded(self, rows: list[tuple[Claim, str]]) -> None:
        self._fetching = False
        self._more = len(rows) == PAGE
        self.queue_list.extend(rows)

    def _prefetch(self) -> None:
        rows = self.queue_list
        if self._more and not self._fetching and rows.cursor >= rows.row_count - PREFETCH:
            self._fetching = True
            self._load_page(rows.claims[-1])

    @work(thread=True, exclusive=True, group="queue-count", exit_on_error=False)
    def _recount(self) -> None:
        count = self.store.undecided_count()
        self.app.call_from_thread(self._counted, count)

    def _counted(self, count: int) -> None:
        self.undecided = count
        self._show_title()

    # -- drawing ---------------------------------------------------------------------------------

    def _show_title(self) -> None:
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(f" Queue: {self.undecided:,} undecided", "bold")
        title.append(" claims of every article, best first · Enter opens it")
        self.query_one("#queue-title", Static).update(title, layout=False)

    def _after_move(self) -> None:
        rows = self.queue_list
        self.query_one(QueueDetail).show(rows.current, rows.current_title)
        self._show_title()
        self._prefetch()

    def _show_verdict_bar(self) -> None:
        keys: dict[str, str] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in keys:
                keys[binding.id] = self.app.get_key_display(binding)
        shown = [keys.get(f"verdict_{n}", "?") for n in range(1, len(self.verdicts) + 1)]
        self.query_one(VerdictBar).show(self.verdicts, shown)

    def on_row_list_highlighted(self, event: QueueList.Highlighted) -> None:
        event.stop()
        self._after_move()

    def on_row_list_selected(self, event: QueueList.Selected) -> None:
        event.stop()
        claim = self.queue_list.current
        if claim is not None:
            self.dismiss((claim.article_id, claim.id))

    def action_close(self) -> None:
        self.dismiss(None)

    # -- decisions -------------------------------------------------------------------------------

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

    def _write(self, what: Callable[[], list[int]]) -> list[int] | None:
        try:
            return what()
        except (TriageError, sqlite3.Error) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return None

    def _decide(self, write: Callable[[list[int]], list[int]]) -> None:
        rows = self.queue_list
        claim = rows.current
        if claim is None:
            return
        touched = self._write(lambda: write([claim.id]))
        if touched is None:
            return
        for fresh in self._show_fresh(touched or [claim.id]):
            if fresh.id == claim.id:  # counted here: a recount scans every claim
                self.undecided += (fresh.status == UNDECIDED) - (claim.status == UNDECIDED)
        target = claim_queue.next_undecided_index(rows.claims, rows.cursor)
        if target is None:
            self.notify("Every claim in the queue is decided.", timeout=2)
        else:
            rows.move_cursor(target, announce=False)
        self._after_move()

    def _show_fresh(self, touched: list[int]) -> list[Claim]:
        """Re-read the changed claims (already committed) into their rows."""
        fresh = self.store.claims_by_id(touched)
        for claim in fresh:
            self.queue_list.replace(claim)
        return fresh

    def action_undo(self) -> None:
        self._replay(self.store.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._replay(self.store.redo, "Nothing to redo.", "Redone")

    def _replay(self, step: Callable[[], list[int]], nothing: str, done: str) -> None:
        touched = self._write(step)
        if touched is None:
            return
        if not touched:
            self.notify(nothing, timeout=2)
            return
        self._show_fresh(touched)
        here = [i for i in map(self.queue_list.index_of, touched) if i is not None]
        if here:
            self.queue_list.move_cursor(min(here), announce=False)
        self.notify(f"{done}: {len(touched)} claim{'s' if len(touched) != 1 else ''}.", timeout=2)
        self._after_move()
        self._recount()
