"""The duplicates view of one claim: its repeats in other articles beside its archive matches.

Left, the claims of other articles linked or suggested as the same claim; right, published
fact-checks (and verdicts given in this workspace) that match it. Below, the row under the cursor
in full, with the words that differ from the selected claim highlighted. `a`/`r` accept or reject
the link under the cursor, `A`/`R` every link shown, Enter jumps to the other claim's article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from triage.link.normalize import normalize
from triage.models import ACCEPTED, AUTOMATIC, OPPOSITE, REJECTED, SUGGESTED
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.link_views import Duplicates, LinkRow, MatchRow, duplicates, judge
from triage.tui.safe_text import safe_line
from triage.tui.widgets.row_list import RowList

STATE_LABELS = {
    AUTOMATIC: "auto",
    SUGGESTED: "suggested",
    ACCEPTED: "accepted",
    REJECTED: "rejected",
}
DIFF_STYLE = "bold reverse"
_WORD = re.compile(r"\S+")

# Where to go after the view closes: (article id, claim id), or None to stay.
Jump = tuple[int, int] | None


def highlight(text: str, reference: str, style: str = "") -> Text:
    """`text` with every word the `reference` lacks (after normalising) highlighted."""
    known = set(normalize(reference).split())
    out = Text(end="")
    position = 0
    for match in _WORD.finditer(text):
        out.append_text(safe_line(text[position : match.start()], style))
        word = match.group(0)
        differs = any(token not in known for token in normalize(word).split())
        out.append_text(safe_line(word, f"{style} {DIFF_STYLE}" if differs else style))
        position = match.end()
    out.append_text(safe_line(text[position:], style))
    return out


class LinkRows(RowList):
    """Claims of other articles linked to the selected claim, best first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No repeats of this claim in other articles.", id=id)
        self.rows: list[LinkRow] = []
        self.reference = ""

    def show(self, rows: Sequence[LinkRow], reference: str) -> None:
        self.rows, self.reference = list(rows), reference
        self.set_row_count(len(self.rows))

    @property
    def current(self) -> LinkRow | None:
        return self.rows[self.cursor] if self.rows else None

    def render_row(self, index: int, width: int) -> Text:
        row = self.rows[index]
        text = Text(no_wrap=True, end="")
        text.append(f"{STATE_LABELS.get(row.link.state, row.link.state):<10}", "bold")
        text.append(f"{row.link.score:>4.0f} ", "dim")
        text.append_text(safe_line(f"{row.article_title[:18]:<18} ", "italic"))
        if row.link.relation == OPPOSITE:  # one side negates the other: never the same claim
            text.append("opposite of ", "bold red")
        text.append_text(highlight(row.text, self.reference))
        return text


class MatchRows(RowList):
    """Archive entries matching the selected claim, best first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No fact-check in the archive matches this claim.", id=id)
        self.rows: list[MatchRow] = []
        self.reference = ""

    def show(self, rows: Sequence[MatchRow], reference: str) -> None:
        self.rows, self.reference = list(rows), reference
        self.set_row_count(len(self.rows))

    @property
    def current(self) -> MatchRow | None:
        return self.rows[self.cursor] if self.rows else None

    def render_row(self, index: int, width: int) -> Text:
        row = self.rows[index]
        text = Text(no_wrap=True, end="")
        text.append(f"{row.score:>4.0f} ", "dim")
        text.append_text(safe_line(f"{(row.factcheck.rating or '?')[:12]:<12} ", "bold"))
        text.append_text(highlight(row.factcheck.claim, self.reference))
        return text


class DuplicatesScreen(Screen[Jump]):
    """Repeats and archive matches of one claim. Esc goes back."""

    DEFAULT_CSS = """
    DuplicatesScreen { layout: vertical; }
    DuplicatesScreen #dup-claim { height: auto; max-height: 6; padding: 0 1; }
    DuplicatesScreen #dup-panes { height: 1fr; }
    DuplicatesScreen LinkRows, DuplicatesScreen MatchRows {
        width: 1fr; border: round $panel-lighten-2; overflow-x: hidden;
    }
    DuplicatesScreen LinkRows:focus, DuplicatesScreen MatchRows:focus { border: round $accent; }
    DuplicatesScreen #dup-compare {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $panel-lighten-2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *actions.bindings("duplicates"),
        actions.binding("close"),
    ]

    def __init__(self, store: Store, claim_id: int) -> None:
        super().__init__()
        self.store = store
        self.claim_id = claim_id
        self.data: Duplicates | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="dup-claim")
        with Horizontal(id="dup-panes"):
            yield LinkRows(id="dup-links")
            yield MatchRows(id="dup-matches")
        yield Static("", id="dup-compare")
        yield Footer()

    @property
    def links(self) -> LinkRows:
        return self.query_one(LinkRows)

    @property
    def matches(self) -> MatchRows:
        return self.query_one(MatchRows)

    def on_mount(self) -> None:
        self.links.border_title = "Same claim in other articles"
        self.matches.border_title = "Checked before"
        self.links.focus()
        self._load()

    # -- loading (the store is read in a worker, widgets only get the results) -------------------

    @work(thread=True, exclusive=True, group="duplicates", exit_on_error=False)
    def _load(self) -> None:
        with self.store.reader() as reader:  # off the writer's lock: judging keys stay quick
            data = duplicates(reader, self.claim_id)
        self.app.call_from_thread(self._show, data)

    def _show(self, data: Duplicates) -> None:
        self.data = data
        # The cursor follows the claim it was on, wherever judging moved its row.
        current = self.links.current
        cursor = self.links.cursor
        if current is not None:
            ids = [row.link.other_id for row in data.links]
            if current.link.other_id in ids:
                cursor = ids.index(current.link.other_id)
        self.links.show(data.links, data.text)
        self.links.move_cursor(cursor, announce=False)
        self.matches.show(data.matches, data.text)
        header = Text(end="")
        header.append_text(safe_line(data.text, "bold"))
        summary = data.summary
        facts = [summary.seen_line(), summary.verdict_line()]
        if summary.conflict:
            facts.append("CONFLICTING VERDICTS in this cluster")
        if data.checked_before:
            best = data.matches[0].factcheck
            facts.append(
                f"checked before: {best.rating or 'rated'} by {best.publisher or 'the archive'}"
            )
        facts = [fact for fact in facts if fact]
        if facts:
            header.append("\n")
            header.append_text(safe_line(" · ".join(facts), "italic"))
        self.query_one("#dup-claim", Static).update(header)
        pending = sum(row.link.state in (SUGGESTED, AUTOMATIC) for row in data.links)
        self.links.border_subtitle = f"{pending} to review" if pending else ""
        self._compare()

    # -- the comparison below the lists --------------------------------------------------------

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._compare()

    def on_descendant_focus(self) -> None:
        self._compare()

    def _compare(self) -> None:
        compare = self.query_one("#dup-compare", Static)
        if self.data is None:
            return
        reference = self.data.text
        text = Text(end="")
        if self.focused is self.matches and self.matches.current is not None:
            match = self.matches.current
            fc = match.factcheck
            text.append_text(highlight(fc.claim, reference))
            details = [
                f"score {match.score:.0f}",
                fc.rating or "no rating",
                fc.publisher,
                fc.date,
                fc.url,
            ]
            text.append("\n")
            text.append_text(safe_line(" · ".join(d for d in details if d), "dim"))
        elif self.focused is self.links and self.links.current is not None:
            row = self.links.current
            if row.link.relation == OPPOSITE:
                text.append("opposite of ", "bold red")
            text.append_text(highlight(row.text, reference))
            details = [f"{STATE_LABELS.get(row.link.state, row.link.state)} {row.link.score:.0f}",
                       f"{row.article_title} ({row.article_date})" if row.article_date else row.article_title]  # fmt: skip
            if row.verdict:
                details.append(f"verdict: {row.verdict}")
            if row.link.differing:
                details.append("differs: " + ", ".join(row.link.differing))
            text.append("\n")
            text.append_text(safe_line(" · ".join(details), "dim"))
        compare.update(text)

    # -- keys ----------------------------------------------------------------------------------

    def action_switch_pane(self) -> None:
        (self.matches if self.focused is self.links else self.links).focus()

    def action_accept(self) -> None:
        self._judge_current(ACCEPTED)

    def action_reject(self) -> None:
        self._judge_current(REJECTED)

    def action_accept_all(self) -> None:
        self._judge_shown(ACCEPTED)

    def action_reject_all(self) -> None:
        self._judge_shown(REJECTED)

    def _judge_current(self, state: str) -> None:
        row = self.links.current if self.focused is self.links else None
        if row is None:
            self.notify("Move to a link in the left list first.", severity="warning")
            return
        self._judge([row.link.other_id], state)

    def _judge_shown(self, state: str) -> None:
        if self.data is None:
            return
        others = [row.link.other_id for row in self.data.links if row.link.state != state]
        if not others:
            self.notify("Nothing to change.", severity="information")
            return
        self._judge(others, state)

    def _judge(self, others: list[int], state: str) -> None:
        changed = judge(self.store, self.claim_id, others, state)
        self.notify(f"{changed} link{'s' if changed != 1 else ''} {state}.")
        self._load()

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        """Enter on a repeat opens its article at that claim."""
        event.stop()
        if event.row_list is self.links and self.links.current is not None:
            row = self.links.current
            self.dismiss((row.article_id, row.link.other_id))
        elif event.row_list is self.matches and self.matches.current is not None:
            match = self.matches.current
            if match.claim_id is not None:
                claim = self.store.claim(match.claim_id)
                self.dismiss((claim.article_id, claim.id))
            else:
                self.notify(match.factcheck.url or "This fact-check has no URL.", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
