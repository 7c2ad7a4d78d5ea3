"""Untrusted text (anything that came from an article) -> Rich Text that is safe to draw.

The cleaning itself lives in triage.safe_text, shared with the command line; here it is wrapped
in Rich Text. `Text(...)` is built directly, so square brackets are never interpreted as Rich
markup.
"""

from __future__ import annotations

from rich.text import Text

from triage.safe_text import clean

__all__ = ["clean", "safe_line", "safe_text"]


def safe_text(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """Untrusted text as a Rich Text: no markup parsing, no control sequences."""
    return Text(clean(text, one_line=one_line), style=style, end="")


def safe_line(text: str, style: str = "") -> Text:
    """Untrusted text squeezed onto one line (newlines and tabs become spaces)."""
    return safe_text(text, style, one_line=True)
