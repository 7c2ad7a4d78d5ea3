"""The claim list: one row per claim with its status badge, score, type and first words."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from triage.models import CHECKING, DECIDED, DISMISSED, Claim
from triage.tui import actions
from triage.tui.safe_text import safe_line
from triage.tui.verdict_labels import cut, scale_of, short_label
from triage.tui.widgets.row_list import RowList

KIND_LABELS = {
    "quantity": "qty",
    "prediction": "pred",
    "correlation/causation": "cause",
    "law/rule": "law",
    "personal experience": "exper",
    "quote/attribution": "quote",
    "other": "other",
}
MOVES = {"cursor_down", "cursor_up", "first", "last", "page_down", "page_up"}
BADGE_WIDTH = 9
WIDE_BADGE_WIDTH = 13
WIDE = 50  # from this width on, the claim type gets its own column and badges grow
# The marker column: repeat mark (= ~ !) and checked before (C) when the article has any, then N
# for a claim with a note when any claim has one.
NOTE_MARK = "N"


def badge(claim: Claim, width: int = BADGE_WIDTH, scale: Sequence[str] = ()) -> str:
    """What the status column says: the verdict once decided, else the status; "maybe" for a
    plain sentence (the band under the claims). A verdict too long for the column is shortened
    so that no two verdicts of the `scale` read alike ("M. true", "M. false")."""
    if not claim.is_claim:
        label = "maybe"
    elif claim.status == DECIDED and claim.verdict:
        return short_label(claim.verdict, scale, width - 1).ljust(width)
    elif claim.status == CHECKING:
        label = "checking"
    elif claim.status == DISMISSED:
        label = "dismissed"
    else:
        label = "·"
    return cut(label, width - 1).ljust(width)


class ClaimList(RowList):
    """The claims of one article (as the queue filter shows them)."""

    # Cursor keys go to the screen, which moves this cursor and the article highlight in the
    # same frame (a message hop would paint the two panes one frame apart).
    BINDINGS: ClassVar[list[BindingType]] = [
        dataclasses.replace(b, action=f"screen.move_claim('{b.action}')") if b.id in MOVES else b
        for b in actions.bindings_in("list", "claims")
        if b.id != "open"
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "claim-list--undecided",
        "claim-list--checking",
        "claim-list--decided",
        "claim-list--dismissed",
        "claim-list--tag",
        "claim-list--meta",
        "claim-list--marker",
        "claim-list--maybe",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No claims match the filter.", id=id)
        self.claims: list[Claim] = []
        self.tagged: Collection[int] = frozenset()
        self.markers: Mapping[int, str] = {}
        self._marker_columns = (False, False)  # (repeat marks, note marks) shown
        self._index: dict[int, int] = {}

    def show(
        self,
        claims: Sequence[Claim],
        *,
        tagged: Collection[int] = frozenset(),
        markers: Mapping[int, str] | None = None,
        select: int | None = None,
    ) -> None:
        """Replace the rows; `select` is the claim id to put the cursor on."""
        previous, previous_tagged = self.claims, set(self.tagged)
        self.claims = list(claims)
        self.tagged = tagged
        self.markers = markers or {}
        self._index = {claim.id: i for i, claim in enumerate(self.claims)}
        cursor = self._index.get(select, self.cursor) if select is not None else self.cursor
        column_changed = self._update_marker_column()
        if [c.id for c in previous] != [c.id for c in self.claims]:
            self.set_row_count(len(self.claims), cursor)
            return
        if column_changed:  # every row gains or loses the marker column
            self.refresh()
        # Same rows: repaint only the ones that changed (a decision touches one or two).
        for index, (old, new) in enumerate(zip(previous, self.claims, strict=True)):
            if old != new or (new.id in previous_tagged) != (new.id in self.tagged):
                self.refresh_row(index)
        self.move_cursor(cursor, announce=False)

    def replace(self, claim: Claim) -> None:
        """Redraw one row after its claim changed."""
        index = self._index.get(claim.id)
        if index is not None:
            self.claims[index] = claim
            if self._update_marker_column():
                self.refresh()
            else:
                self.refresh_row(index)

    def _update_marker_column(self) -> bool:
        """Give the repeat marks and the note marks their columns when any claim has one; True
        if that changed (every row then shifts)."""
        shown = (bool(self.markers), any(c.note for c in self.claims if c.is_claim))
        changed = shown != self._marker_columns
        self._marker_columns = shown
        return changed

    def _marks(self, claim: Claim) -> str:
        links, notes = self._marker_columns
        marks = f"{self.markers.get(claim.id, '')[:2]:<2}" if links else ""
        if notes:
            marks += NOTE_MARK if claim.note and claim.is_claim else " "
        return marks

    @property
    def current(self) -> Claim | None:
        return self.claims[self.cursor] if self.claims else None

    def index_of(self, claim_id: int) -> int | None:
        return self._index.get(claim_id)

    def render_row(self, index: int, width: int) -> Text:
        claim = self.claims[index]
        if not claim.is_claim:
            return self._render_maybe(claim, width)
        tagged = claim.id in self.tagged
        row = Text(no_wrap=True, end="")
        row.append("●" if tagged else " ", self.style_of("claim-list--tag"))
        badge_width = WIDE_BADGE_WIDTH if width >= WIDE else BADGE_WIDTH
        row.append(
            badge(claim, badge_width, scale_of(self.app)),
            self.style_of(f"claim-list--{claim.status}"),
        )
        meta = self.style_of("claim-list--meta")
        row.append(f"{round(claim.score * 100):>3} ", meta)
        if width >= WIDE:
            row.append(f"{KIND_LABELS.get(claim.kind, claim.kind[:5]):<6}", meta)
        if any(self._marker_columns):
            # A blank cell stays plain: reverse video (NO_COLOR) would show it as a block.
            for mark in self._marks(claim):
                row.append(mark, self.style_of("claim-list--marker") if mark != " " else "")
            row.append(" ")
        row.append_text(safe_line(claim.text))
        return row

    def _render_maybe(self, sentence: Claim, width: int) -> Text:
        """A maybe-band row: the same columns, all dimmed, so it reads as "not a claim yet"."""
        row = Text(no_wrap=True, end="")
        row.append(" ")
        row.append(badge(sentence, WIDE_BADGE_WIDTH if width >= WIDE else BADGE_WIDTH))
        row.append(f"{round(sentence.score * 100):>3} ")
        if width >= WIDE:
            row.append(f"{KIND_LABELS.get(sentence.kind, sentence.kind[:5]):<6}")
        if any(self._marker_columns):
            row.append(" " * (len(self._marks(sentence)) + 1))
        row.append_text(safe_line(sentence.text))
        # A span, not the Text's base style: Text.render leaves the base style to its caller.
        row.stylize(self.style_of("claim-list--maybe"))
        return row
