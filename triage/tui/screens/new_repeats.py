"""New repeats: claims not yet decided that repeat a claim this desk has already rated, with
that verdict, best first (the strongest repeat, then the newest article). When an article
arrives (`triage watch`, an import, another journalist) with a claim the desk has checked, it
shows here at once: the screen reloads whenever the workspace changes.

The deciding keys work as in the workspace queue (screens/deciding.py); a decided row keeps its
place until the view reloads.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from triage.models import CHECKING, UNDECIDED, Claim
from triage.store.watch import NewRepeat, WatchStore
from triage.tui.safe_text import safe_line
from triage.tui.screens.deciding import DecidingScreen, deciding_bindings
from triage.tui.widgets.new_repeat_list import NewRepeatList
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

LIMIT = 500


class NewRepeatsScreen(DecidingScreen):
    """Returns (article id, claim id) to open, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = deciding_bindings("new_repeats")
    AUTO_FOCUS = "#queue-list"

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
        rows = WatchStore(self.store).new_repeats(LIMIT)  # on a reader (store/watch.py)
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
        if item.suggested:  # the linker saw a difference, or too little to be sure
            text.append(f"may repeat (suggested, {round(item.score)}/100) a claim rated ", "dim")
        else:
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

    # -- decisions (keys in DecidingScreen) -----------------------------------------------------

    def current_claim(self) -> Claim | None:
        item = self.repeat_list.current
        return item.claim if item is not None else None

    def show_fresh(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.repeat_list.replace(claim)

    def after_decision(self, before: Claim, fresh: list[Claim]) -> None:
        rows = self.repeat_list
        target = rows.next_undecided(rows.cursor)
        if target is None:
            self.notify("Every repeat listed is decided.", timeout=2)
        else:
            rows.move_cursor(target, announce=False)
        self._after_move()

    def after_replay(self, touched: list[int]) -> None:
        here = [i for i in map(self.repeat_list.index_of, touched) if i is not None]
        if here:
            self.repeat_list.move_cursor(min(here), announce=False)
        self._after_move()
