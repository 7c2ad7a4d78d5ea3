"""The workspace queue: the undecided claims of every article, best first.

Deciding works as on the main screen (the same verdict and status keys, the same ids, so a
remap applies here too): the write is committed before the row changes, then the cursor
moves to the next undecided claim. Decided rows stay, showing their verdict, until the queue
is reopened. Rows come a page at a time (keyset paging), so a 100k-claim workspace opens as
fast as a small one. Enter opens the claim in its article; Esc goes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from triage.models import UNDECIDED, Claim
from triage.store.workspace import Store
from triage.tui import claim_queue
from triage.tui.screens.deciding import DecidingScreen, deciding_bindings
from triage.tui.widgets.queue_detail import QueueDetail
from triage.tui.widgets.queue_list import QueueList
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

PAGE = 500
PREFETCH = 50  # rows from the end at which the next page is fetched


class QueueScreen(DecidingScreen):
    """Returns (article id, claim id) to open, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = deciding_bindings("queue")
    AUTO_FOCUS = "#queue-list"

    def __init__(self, store: Store, verdicts: Sequence[str]) -> None:
        super().__init__(store, verdicts)
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

    def on_row_list_highlighted(self, event: QueueList.Highlighted) -> None:
        event.stop()
        self._after_move()

    def on_row_list_selected(self, event: QueueList.Selected) -> None:
        event.stop()
        claim = self.queue_list.current
        if claim is not None:
            self.dismiss((claim.article_id, claim.id))

    # -- decisions (keys in DecidingScreen) -----------------------------------------------------

    def current_claim(self) -> Claim | None:
        return self.queue_list.current

    def show_fresh(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.queue_list.replace(claim)

    def after_decision(self, before: Claim, fresh: list[Claim]) -> None:
        for claim in fresh:
            if claim.id == before.id:  # counted here: a recount scans every claim
                self.undecided += (claim.status == UNDECIDED) - (before.status == UNDECIDED)
        rows = self.queue_list
        target = claim_queue.next_undecided_index(rows.claims, rows.cursor)
        if target is None:
            self.notify("Every claim in the queue is decided.", timeout=2)
        else:
            rows.move_cursor(target, announce=False)
        self._after_move()

    def after_replay(self, touched: list[int]) -> None:
        here = [i for i in map(self.queue_list.index_of, touched) if i is not None]
        if here:
            self.queue_list.move_cursor(min(here), announce=False)
        self._after_move()
        self._recount()
