"""The header line: workspace, article position and progress, overall progress, filter."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from triage.tui.safe_text import safe_line


@dataclass(frozen=True)
class Progress:
    workspace: str = ""
    article_position: int = 0  # 1-based; 0 when there is no article
    article_count: int = 0
    article_decided: int = 0
    article_claims: int = 0
    decided: int = 0
    total: int = 0
    counted: bool = True  # False until the workspace totals have been read: shown as "…"


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


class ProgressHeader(Static):
    """Where the journalist is and how much is done, in one line."""

    _shown: Progress | None = None

    def show(self, progress: Progress) -> None:
        if progress == self._shown:
            return
        self._shown = progress
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(" ")
        text.append_text(safe_line(progress.workspace, "bold"))
        if progress.article_count or (not progress.counted and progress.article_claims):
            where = f" {progress.article_position:,}/{progress.article_count:,}"
            text.append(f" │ Article{where if progress.article_count else ''}: ")
            text.append(f"{progress.article_decided}/{progress.article_claims}", "bold")
            text.append(" decided")
        text.append(" │ Overall ")
        if not progress.counted:
            text.append("…", "bold")
        else:
            text.append(f"{progress.decided:,}/{progress.total:,}", "bold")
            text.append(f" ({percent(progress.decided, progress.total)}%)")
        self.update(text, layout=False)
