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


def badge(claim: Claim, width: int = BADGE_WIDTH) -> str:
    """What the status column says: the verdict once decided, else the status; "maybe" for a
    plain sentence (the band under the claims)."""
    if not claim.is_claim:
        label = "maybe"
    elif claim.status == DECIDED and claim.verdict:
        label = claim.verdict
    elif claim.status == CHECKING:
        label = "checking"
    elif claim.status == DISMISSED:
        label = "dismissed"
    else:
        label = "·"
    if len(label) > width - 1:
        label = label[: width - 2] + "…"
    return label.ljust(width)


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
        if [c.id for c in previous] != [c.id for c in self.claims]:
            self.set_row_count(len(self.claims), cursor)
            return
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
            self.refresh_row(index)

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
        row.append(badge(claim, badge_width), self.style_of(f"claim-list--{claim.status}"))
        meta = self.style_of("claim-list--meta")
        row.append(f"{round(claim.score * 100):>3} ", meta)
        if width >= WIDE:
            row.append(f"{KIND_LABELS.get(claim.kind, claim.kind[:5]):<6}", meta)
        if self.markers:
            marker = self.markers.get(claim.id, "")
            row.append(f"{marker[:2]:<2} ", self.style_of("claim-list--marker"))
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
        if self.markers:
            row.append("   ")
        row.append_text(safe_line(sentence.text))
        # A span, not the Text's base style: Text.render leaves the base style to its caller.
        row.stylize(self.style_of("claim-list--maybe"))
        return row
