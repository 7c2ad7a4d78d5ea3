"""Claims and article sentences found by a workspace search, with the article each belongs to."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from triage.models import Claim
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.verdict_labels import scale_of
from triage.tui.widgets.claim_list import BADGE_WIDTH, badge
from triage.tui.widgets.row_list import RowList, column

TITLE_WIDTH = 24


class SearchResults(RowList):
    """A virtual list of matching claims, then other sentences; Enter posts `Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        dataclasses.replace(b, show=True) if b.id == "open" else b
        for b in actions.bindings_in("list")
        if b.id in ("cursor_down", "cursor_up", "page_down", "page_up", "open")
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {"search-results--article"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Type to search every claim and article in the workspace.", id=id)
        self.claims: list[Claim] = []
        self.titles: Mapping[int, str] = {}

    def show(self, claims: Sequence[Claim], titles: Mapping[int, str]) -> None:
        self.claims = list(claims)
        self.titles = titles
        self.set_row_count(len(self.claims), 0)

    @property
    def current(self) -> Claim | None:
        return self.claims[self.cursor] if self.claims else None

    def render_row(self, index: int, width: int) -> Text:
        claim = self.claims[index]
        row = Text(no_wrap=True, end="")
        # A sentence that is not a claim says where it is from rather than "maybe".
        shown = badge(claim, scale=scale_of(self.app)) if claim.is_claim else "text"
        row.append(shown.ljust(BADGE_WIDTH), "bold")
        if width >= 70:
            title = column(safe_line(self.titles.get(claim.article_id, "")).plain, TITLE_WIDTH)
            row.append(title, self.style_of("search-results--article"))
        row.append_text(safe_line(claim.text))
        return row
