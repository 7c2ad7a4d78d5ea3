"""Every article in the workspace, one row each: progress, date, outlet, title."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from triage.models import ArticleSummary
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.widgets.row_list import RowList, column

OUTLET_WIDTH = 16


class ArticleTable(RowList):
    """A virtual table of article summaries; Enter posts `Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        dataclasses.replace(b, show=True) if b.id == "open" else b
        for b in actions.bindings_in("list")
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "article-table--done",
        "article-table--todo",
        "article-table--meta",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No articles in this workspace yet.", id=id)
        self.articles: list[ArticleSummary] = []
        # Columns no article fills (plain-text imports have no date or outlet) take no room.
        self._dates = self._outlets = False

    def show(self, articles: Sequence[ArticleSummary], select: int | None = None) -> None:
        self.articles = list(articles)
        self._dates = any(a.published for a in self.articles)
        self._outlets = any(a.outlet for a in self.articles)
        index = next((i for i, a in enumerate(self.articles) if a.id == select), 0)
        self.set_row_count(len(self.articles), index)

    @property
    def current(self) -> ArticleSummary | None:
        return self.articles[self.cursor] if self.articles else None

    def render_row(self, index: int, width: int) -> Text:
        article = self.articles[index]
        done = article.claims > 0 and article.decided == article.claims
        state = "article-table--done" if done else "article-table--todo"
        meta = self.style_of("article-table--meta")
        row = Text(no_wrap=True, end="")
        row.append("✓ " if done else "  ", self.style_of(state))
        row.append(f"{article.decided:>4}/{article.claims:<4} ", self.style_of(state))
        if self._dates:
            row.append(f"{safe_line(article.published).plain[:10]:<11}", meta)
        if self._outlets and width >= 70:
            row.append(column(safe_line(article.outlet).plain, OUTLET_WIDTH), meta)
        row.append_text(safe_line(article.title))
        return row
