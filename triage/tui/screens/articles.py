"""The article list: every article with outlet, date and progress; Enter opens it."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from triage.models import ArticleSummary
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.widgets.article_table import ArticleTable


class ArticleListScreen(Screen[int | None]):
    """Pick an article; returns its id, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("articles"), action="close", description="Back"),
    ]
    AUTO_FOCUS = "#article-table"

    def __init__(self, store: Store, current: int | None) -> None:
        super().__init__()
        self.store = store
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(Text(" Articles", style="bold"), id="list-title")
        yield ArticleTable(id="article-table")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def _load(self) -> None:
        summaries = self.store.articles()
        self.app.call_from_thread(self._show, summaries)

    def _show(self, summaries: list[ArticleSummary]) -> None:
        self.query_one(ArticleTable).show(summaries, self.current)
        decided = sum(a.decided for a in summaries)
        claims = sum(a.claims for a in summaries)
        title = Text(no_wrap=True, end="")
        title.append(f" Articles: {len(summaries):,}", "bold")
        title.append(f"   {decided:,}/{claims:,} claims decided   Enter opens, Esc goes back")
        self.query_one("#list-title", Static).update(title)

    def on_row_list_selected(self, event: ArticleTable.Selected) -> None:
        event.stop()
        article = self.query_one(ArticleTable).current
        self.dismiss(article.id if article else None)

    def action_close(self) -> None:
        self.dismiss(None)
