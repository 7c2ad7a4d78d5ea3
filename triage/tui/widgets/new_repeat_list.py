"""New repeats: undecided claims that repeat a rated claim, each with the verdict it repeats."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from triage.models import Claim
from triage.store.watch import NewRepeat
from triage.tui import actions, claim_queue
from triage.tui.safe_text import safe_line
from triage.tui.widgets.claim_list import BADGE_WIDTH, badge
from triage.tui.widgets.row_list import RowList, column, openable

VERDICT_WIDTH = 13
TITLE_WIDTH = 22
SHOW_TITLE = 80  # from this width on, each row names its article


class NewRepeatList(RowList):
    """A virtual list of NewRepeat rows; Enter posts `Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = openable(actions.bindings_in("list"))
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "new-repeat-list--status",
        "new-repeat-list--verdict",
        "new-repeat-list--meta",
        "new-repeat-list--article",
    }
    # Its own look (the app's stylesheet need not know it): the verdict stands out, the rest
    # of the row's furniture is muted like the queue's.
    DEFAULT_CSS = """
    NewRepeatList > .new-repeat-list--verdict {
        text-style: bold;
        color: $warning;
    }
    NewRepeatList > .new-repeat-list--status, NewRepeatList > .new-repeat-list--meta,
    NewRepeatList > .new-repeat-list--article {
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No undecided claim repeats a rated claim.", id=id)
        self.rows: list[NewRepeat] = []

    def show(self, rows: Sequence[NewRepeat], keep: int | None = None) -> None:
        """Replace every row; the cursor stays on claim `keep` when it is still listed."""
        self.rows = list(rows)
        cursor = next((i for i, row in enumerate(self.rows) if row.claim.id == keep), None)
        self.set_row_count(len(self.rows), cursor if cursor is not None else 0)

    @property
    def current(self) -> NewRepeat | None:
        return self.rows[self.cursor] if self.rows else None

    def index_of(self, claim_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.claim.id == claim_id), None)

    def replace(self, claim: Claim) -> None:
        """Redraw a row after its claim was decided (it keeps its place until a reload)."""
        index = self.index_of(claim.id)
        if index is not None:
            self.rows[index] = dataclasses.replace(self.rows[index], claim=claim)
            self.refresh_row(index)

    def next_undecided(self, after: int) -> int | None:
        """The first undecided row after `after`, wrapping; None when every row is decided."""
        return claim_queue.next_undecided_index([row.claim for row in self.rows], after)

    def render_row(self, index: int, width: int) -> Text:
        item = self.rows[index]
        verdict = column(safe_line(item.earlier.verdict or "").plain, VERDICT_WIDTH)
        row = Text(no_wrap=True, end="")
        row.append(" ")
        # Its own state first (· while undecided), then the verdict of the claim it repeats.
        row.append(badge(item.claim, BADGE_WIDTH), self.style_of("new-repeat-list--status"))
        row.append(verdict, self.style_of("new-repeat-list--verdict"))
        # ~ a suggested link (may be another claim), = a link the linker or a journalist made
        mark = "~" if item.suggested else "="
        row.append(f"{mark}{round(item.score):>3} ", self.style_of("new-repeat-list--meta"))
        if width >= SHOW_TITLE:
            title = column(safe_line(item.article_title).plain, TITLE_WIDTH)
            row.append(title, self.style_of("new-repeat-list--article"))
        row.append_text(safe_line(item.claim.text))
        return row
