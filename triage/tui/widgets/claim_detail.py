"""The selected claim in full: speaker, type, score, verdict and note."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from triage.models import Claim
from triage.tui.safe_text import safe_line, safe_text


class ClaimDetail(Static):
    """Everything about the claim under the cursor that the list row has no room for.

    Fixed at two lines (see triage.tcss), so updating it never re-lays out the screen.
    """

    _shown: tuple[Claim | None, str] | None = None

    def show(self, claim: Claim | None, links: str = "") -> None:
        """`links`: where else the claim was seen, an inherited verdict ("verdict from ...")."""
        if (claim, links) == self._shown and claim is not None:
            return
        self._shown = (claim, links)
        if claim is None:
            self.update("", layout=False)
            return
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        facts = [claim.kind, f"score {claim.score:.2f}"]
        if claim.speaker:
            text.append_text(safe_line(claim.speaker, "bold"))
            text.append(" · ")
        text.append(" · ".join(facts), "dim")
        text.append("\n")
        if claim.is_claim:
            text.append(claim.verdict or claim.status, "bold")
        else:
            text.append("a plain sentence, not a claim", "italic")
        if links:
            text.append(" · ")
            text.append_text(safe_line(links, "italic"))
        if claim.note:
            text.append(" — ")
            text.append_text(safe_text(claim.note))
        self.update(text, layout=False)
