"""A list of claims from across the workspace that takes the main screen's deciding keys: the
workspace queue (`w`) and new repeats (`N`).

The keys are the main screen's own bindings, with the same ids, so a remap applies here too. The
write is committed (through the session's `Decisions`) before the row changes; the row keeps its
place showing the decision, and the cursor moves to the next undecided row. Enter opens the claim
in its article; Esc, or the key that opened the list, goes back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from textual.binding import BindingType
from textual.screen import Screen

from triage.models import CHECKING, DISMISSED, UNDECIDED, Claim
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.session import Decisions, NotSaved, plural
from triage.tui.widgets.verdict_bar import VerdictBar

# Keys that decide on the main screen and decide in these lists the same way.
DECIDING = {f"verdict_{n}" for n in range(1, actions.MAX_VERDICTS + 1)} | {
    "checking",
    "dismiss",
    "reset",
    "undo",
    "redo",
}


def deciding_bindings(opened_by: str) -> list[BindingType]:
    """The deciding keys, Esc, and the key that opened the list (it goes back)."""
    return [
        *[b for b in actions.bindings_in("triage", "claims") if b.id in DECIDING],
        actions.binding("close"),
        dataclasses.replace(actions.binding(opened_by), action="close", description="Back"),
    ]


class DecidingScreen(Screen[tuple[int, int] | None]):
    """Returns (article id, claim id) to open, or None on Esc. Subclasses say which claim the
    cursor is on and how their rows take a decision."""

    def __init__(self, store: Store, verdicts: Sequence[str]) -> None:
        super().__init__()
        self.store = store
        self.decisions = Decisions(store, verdicts)

    # -- what a list says ------------------------------------------------------------------------

    def current_claim(self) -> Claim | None:
        raise NotImplementedError

    def show_fresh(self, claims: list[Claim]) -> None:
        """Put the changed claims (already committed) into their rows."""
        raise NotImplementedError

    def after_decision(self, before: Claim, fresh: list[Claim]) -> None:
        """Move on after `before` was decided: to the next undecided row."""
        raise NotImplementedError

    def after_replay(self, touched: list[int]) -> None:
        """Put the cursor back on what undo or redo changed."""
        raise NotImplementedError

    # -- the keys ----------------------------------------------------------------------------------

    def _show_verdict_bar(self) -> None:
        self.query_one(VerdictBar).show_screen_keys(self.decisions.verdicts)

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "verdict":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and number <= len(self.decisions.verdicts)
        return True

    def action_verdict(self, number: int) -> None:
        if 1 <= number <= len(self.decisions.verdicts):
            self._decide(lambda ids: self.decisions.verdict(ids, number))

    def action_checking(self) -> None:
        self._decide(lambda ids: self.decisions.status(ids, CHECKING))

    def action_dismiss_claim(self) -> None:
        self._decide(lambda ids: self.decisions.status(ids, DISMISSED))

    def action_reset_claim(self) -> None:
        self._decide(lambda ids: self.decisions.status(ids, UNDECIDED))

    def action_undo(self) -> None:
        self._replay(self.decisions.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._replay(self.decisions.redo, "Nothing to redo.", "Redone")

    def _write(self, what: Callable[[], list[int]]) -> list[int] | None:
        try:
            return what()
        except NotSaved as error:
            self.notify(str(error), severity="error", markup=False)
            return None

    def _decide(self, write: Callable[[list[int]], list[int]]) -> None:
        claim = self.current_claim()
        if claim is None:
            return
        touched = self._write(lambda: write([claim.id]))
        if touched is None:
            return
        fresh = self.decisions.fresh(touched or [claim.id])
        self.show_fresh(fresh)
        self.after_decision(claim, fresh)

    def _replay(self, step: Callable[[], list[int]], nothing: str, done: str) -> None:
        touched = self._write(step)
        if touched is None:
            return
        if not touched:
            self.notify(nothing, timeout=2)
            return
        self.show_fresh(self.decisions.fresh(touched))
        self.after_replay(touched)
        self.notify(f"{done}: {plural(len(touched), 'claim')}.", timeout=2)
