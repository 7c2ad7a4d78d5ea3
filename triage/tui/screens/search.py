"""Search every claim in the workspace; Enter jumps to the claim in its article."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from triage.models import Claim
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.widgets.search_results import SearchResults

MIN_QUERY = 2


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
            placeholder="Search claims (at least two letters), Enter or ↓ for results", id="query"
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
        claims = self.store.search_claims(text) if len(text) >= MIN_QUERY else []
        titles = {a: self.store.article(a).title for a in {c.article_id for c in claims}}
        self.app.call_from_thread(self._show, text, claims, titles)

    def _show(self, text: str, claims: list[Claim], titles: dict[int, str]) -> None:
        self.query_one(SearchResults).show(claims, titles)
        message = f"{len(claims)} claims" if len(text) >= MIN_QUERY else ""
        self.query_one("#search-count", Static).update(message)

    def on_row_list_selected(self, event: SearchResults.Selected) -> None:
        event.stop()
        self.dismiss(self.query_one(SearchResults).current)

    def action_close(self) -> None:
        self.dismiss(None)
