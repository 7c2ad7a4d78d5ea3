"""What the command line prints to a terminal is cleaned as the app cleans article text."""

from __future__ import annotations

from typing import TextIO

from triage.safe_text import clean


class TerminalSafe:
    """A text stream that shows control characters as the app does (triage.safe_text.clean).

    Installed over stderr, which carries only messages, and over stdout when that is a terminal:
    an article title, a claim or a file name can then never send an escape sequence (colours,
    an OSC 52 clipboard write, a title change). Data sent to a file or a pipe stays exact.
    """

    def __init__(self, stream: TextIO) -> None:
        self.unguarded = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")  # click probes with bytes
        self.unguarded.write(clean(text.replace("\r\n", "\n")))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.unguarded, name)


def unguarded(stream: TextIO) -> TextIO:
    """The stream under a TerminalSafe (a progress bar's own carriage returns must get through)."""
    return getattr(stream, "unguarded", stream)
