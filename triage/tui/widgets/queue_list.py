"""The workspace queue: undecided claims of every article, best first, with their article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from triage.models import Claim
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.verdict_labels import scale_of
from triage.tui.widgets.claim_list import BADGE_WIDTH, WIDE_BADGE_WIDTH, badge
from triage.tui.widgets.row_list import RowList, column, openable

TITLE_WIDTH = 22
SHOW_TITLE = 70  # from this width on, each row names its article


class QueueList(RowList):
    """A virtual list of (claim, article title) rows; Enter posts `Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = openable(actions.bindings_in("list"))
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "queue-list--article",
        "queue-list--meta",
        "queue-list--undecided",
        "queue-list--checking",
        "queue-list--decided",
        "queue-list--dismissed",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No undecided claims anywhere: the workspace is done.", id=id)
        self.claims: list[Claim] = []
        self.titles: list[str] = []
        self._index: dict[int, int] = {}

    def show(self, rows: Sequence[tuple[Claim, str]], cursor: int = 0) -> None:
        """Replace every row."""
        self.claims = [claim for claim, _ in rows]
        self.titles = [title for _, title in rows]
        self._index = {claim.id: i for i, claim in enumerate(self.claims)}
        self.set_row_count(len(self.claims), cursor)

    def extend(self, rows: Sequence[tuple[Claim, str]]) -> None:
        """Append the next page (the cursor stays where it is)."""
        for claim, title in rows:
            if claim.id not in self._index:
                self._index[claim.id] = len(self.claims)
                self.claims.append(claim)
                self.titles.append(title)
        self.set_row_count(len(self.claims))

    def replace(self, claim: Claim) -> None:
        """Redraw one row after its claim changed."""
        index = self._index.get(claim.id)
        if index is not None:
            self.claims[index] = claim
            self.refresh_row(index)

    def index_of(self, claim_id: int) -> int | None:
        return self._index.get(claim_id)

    @property
    def current(self) -> Claim | None:
        return self.claims[self.cursor] if self.claims else None

    @property
    def current_title(self) -> str:
        return self.titles[self.cursor] if self.claims else ""

    def render_row(self, index: int, width: int) -> Text:
        claim = self.claims[index]
        row = Text(no_wrap=True, end="")
        row.append(" ")
        row.append(
            badge(
                claim, WIDE_BADGE_WIDTH if width >= SHOW_TITLE else BADGE_WIDTH, scale_of(self.app)
            ),
            self.style_of(f"queue-list--{claim.status}"),
        )
        row.append(f"{round(claim.score * 100):>3} ", self.style_of("queue-list--meta"))
        if width >= SHOW_TITLE:
            title = column(safe_line(self.titles[index]).plain, TITLE_WIDTH)
            row.append(title, self.style_of("queue-list--article"))
        row.append_text(safe_line(claim.text))
        return row
