"""Untrusted text (anything that came from an article or a file name) made safe for a terminal.

Article text is data. It must never reach the terminal as a control sequence (ANSI colours,
OSC 52 clipboard writes, title changes, cursor moves). `clean` replaces every control character
with a visible stand-in of the same length, so a sequence such as ESC [31m is shown as the
printable "␛[31m" and character offsets into the text (claim spans) stay valid. The app draws
through it (triage.tui.safe_text) and the command line prints through it (triage.cli), so both
show the same thing; this module imports nothing, so the CLI does not pay for Rich or Textual.
"""

from __future__ import annotations

_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
# Bidirectional overrides and isolates can reorder what a reader sees ("Trojan Source").
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)


def _build_table(keep_newlines: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        # C0 controls become the matching Unicode "control picture" (ESC -> ␛).
        table[code] = chr(0x2400 + code)
    table[ord("\t")] = " "
    table[ord("\r")] = " "
    if keep_newlines:
        del table[ord("\n")]
    else:
        table[ord("\n")] = " "
    table[0x7F] = "\N{SYMBOL FOR DELETE}"
    for code in range(0x80, 0xA0):
        # C1 controls (8-bit CSI, OSC, DCS...) are control sequences on some terminals.
        table[code] = _REPLACEMENT
    for char in _BIDI_CONTROLS:
        table[ord(char)] = _REPLACEMENT
    return table


_MULTILINE = _build_table(keep_newlines=True)
_ONE_LINE = _build_table(keep_newlines=False)


def clean(text: str, *, one_line: bool = False) -> str:
    """Neutralise control characters; the result has exactly the same length as `text`."""
    return text.translate(_ONE_LINE if one_line else _MULTILINE)
