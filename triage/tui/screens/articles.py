"""The article list: every article with outlet, date and progress; Enter opens it, x removes it."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from triage.models import ArticleSummary, TriageError
from triage.safe_text import clean
from triage.store.articles import ArticleStore, RemovedArticle
from triage.store.workspace import Store, describe_sqlite_error
from triage.tui import actions
from triage.tui.verdict_labels import cut
from triage.tui.widgets.article_table import ArticleTable

TITLE_IN_QUESTION = 60


class ArticleListScreen(Screen[int | None]):
    """Pick an article; returns its id, or None on Esc.

    Articles removed here are in `removed`; when the article open behind this screen was one of
    them, Esc returns the article now under the cursor, so the main screen never keeps showing
    a removed article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("articles"), action="close", description="Back"),
        *actions.bindings("articles"),
    ]
    AUTO_FOCUS = "#article-table"

    def __init__(self, store: Store, current: int | None) -> None:
        super().__init__()
        self.store = store
        self.current = current
        self.removed: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(Text(" Articles", style="bold"), id="list-title")
        yield ArticleTable(id="article-table")
        yield Footer()

    def on_mount(self) -> None:
        self._load(self.current)

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def _load(self, select: int | None) -> None:
        summaries = self.store.articles()
        self.app.call_from_thread(self._show, summaries, select)

    def _show(self, summaries: list[ArticleSummary], select: int | None) -> None:
        self.query_one(ArticleTable).show(summaries, select)
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

    def action_remove(self) -> None:
        table = self.query_one(ArticleTable)
        article = table.current
        if article is None:
            return
        # The article after it takes its place under the cursor (the one before, at the end).
        ids = [a.id for a in table.articles]
        at = ids.index(article.id)
        neighbour = ids[at + 1] if at + 1 < len(ids) else ids[at - 1] if at else None
        claims = "1 claim" if article.claims == 1 else f"{article.claims} claims"
        title = cut(clean(article.title, one_line=True), TITLE_IN_QUESTION)
        question = (
            f"Remove “{title}” with its {claims}, their decisions and links? "
            "Undo (u) cannot bring it back."
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._remove(article.id, neighbour)

        from triage.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question), confirmed)

    @work(thread=True, exclusive=True, group="remove-article", exit_on_error=False)
    def _remove(self, article_id: int, neighbour: int | None) -> None:
        try:
            removed = ArticleStore(self.store).remove([article_id])
        except TriageError as error:  # removed meanwhile by another session, or a full disk
            self.app.call_from_thread(self._not_removed, str(error), neighbour)
        except sqlite3.Error as error:
            message = describe_sqlite_error(self.store.path, error)
            self.app.call_from_thread(self._not_removed, message, neighbour)
        else:
            self.app.call_from_thread(self._removed, removed[0], neighbour)

    def _removed(self, article: RemovedArticle, neighbour: int | None) -> None:
        self.removed.add(article.id)
        claims = "1 claim" if article.claims == 1 else f"{article.claims} claims"
        self.notify(f"Removed “{clean(article.title, one_line=True)}” ({claims}).", markup=False)
        self._load(neighbour)

    def _not_removed(self, message: str, neighbour: int | None) -> None:
        self.notify(message, severity="warning", markup=False)
        self._load(neighbour)

    def action_close(self) -> None:
        if self.current in self.removed:
            article = self.query_one(ArticleTable).current
            self.dismiss(article.id if article else None)
            return
        self.dismiss(None)
