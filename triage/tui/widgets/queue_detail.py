"""The queue's claim under the cursor in full: its article, the whole sentence, speaker, type."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from triage.models import Claim
from triage.tui.safe_text import safe_line


class QueueDetail(Static):
    """A fixed-height box (see triage.tcss), so updating it never re-lays out the screen."""

    _shown: tuple[Claim | None, str] | None = None

    def show(self, claim: Claim | None, article_title: str) -> None:
        if (claim, article_title) == self._shown:
            return
        self._shown = (claim, article_title)
        if claim is None:
            self.update("", layout=False)
            return
        title = safe_line(article_title, "bold")
        title.truncate(max(self.content_size.width, 20), overflow="ellipsis")  # one line, always
        text = Text(end="")
        text.append_text(title)
        text.append("\n")
        if claim.speaker:
            text.append_text(safe_line(claim.speaker, "bold"))
            text.append(" · ")
        text.append(f"{claim.kind} · score {claim.score:.2f} · ", "dim")
        text.append(claim.verdict or claim.status, "bold")
        if claim.note:
            text.append(" — ")
            text.append_text(safe_line(claim.note))
        text.append("\n")
        text.append_text(safe_line(claim.text))  # last: a long sentence wraps, never hides facts
        self.update(text, layout=False)
