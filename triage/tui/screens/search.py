"""Search every claim and article sentence in the workspace; Enter jumps to it in its article.

Words match in any order, "quoted phrases" as written, ignoring case, accents, curly or straight
quotes and thousands separators (triage/store/search.py); results come best first, claims
before the other sentences. Each keystroke's query runs in a thread worker, so typing never
waits for the database."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from triage.models import Claim
from triage.store.search import SearchResult
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.widgets.search_results import SearchResults

MIN_QUERY = 2
LIMIT = 200


class SearchScreen(Screen[Claim | None]):
    """Type, move down into the results, press Enter; Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        actions.binding("close"),
        dataclasses.replace(actions.binding("cursor_down"), action="focus_results"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='Search claims and articles: words in any order, "a phrase"; ↓ for results',
            id="query",
        )
        yield Static("", id="search-count")
        yield SearchResults(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value.strip())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_results()

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResults)
        if results.row_count:
            results.focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str) -> None:
        result = self.store.search(text, LIMIT) if len(text) >= MIN_QUERY else None
        if not get_current_worker().is_cancelled:  # a newer query is on its way
            self.app.call_from_thread(self._show, text, result)

    def _show(self, text: str, result: SearchResult | None) -> None:
        if text != self.query_one("#query", Input).value.strip():
            return  # answered after the query changed again: its own answer follows
        hits = result.hits if result else []
        claims = [claim for claim, _ in hits]
        self.query_one(SearchResults).show(claims, {c.article_id: t for c, t in hits})
        self.query_one("#search-count", Static).update(count_line(result) if result else "")

    def on_row_list_selected(self, event: SearchResults.Selected) -> None:
        event.stop()
        self.dismiss(self.query_one(SearchResults).current)

    def action_close(self) -> None:
        self.dismiss(None)


def count_line(result: SearchResult) -> str:
    """What the line above the results says: claims and other sentences shown, and how many
    matched when that is more."""
    claims = sum(claim.is_claim for claim, _ in result.hits)
    line = f"{claims} claims"
    if len(result.hits) > claims:
        line += f", {len(result.hits) - claims} other sentences"
    if result.capped:
        line += f" (the best of the newest {result.matches:,} matches)"
    elif result.matches > len(result.hits):
        line += f" (the best of {result.matches:,} matches)"
    return line
