"""Untrusted text (anything that came from an article) -> Rich Text that is safe to draw.

Article text is data. It must never be parsed as markup and must never reach the terminal
as a control sequence (ANSI colours, OSC 52 clipboard writes, title changes, cursor moves).
`clean` replaces every control character with a visible stand-in of the same length, so a
sequence such as ESC [31m is shown as the printable "␛[31m" and character offsets into the
text (claim spans) stay valid. `Text(...)` is built directly, so square brackets are
never interpreted as Rich markup.
"""

from __future__ import annotations

from rich.text import Text

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


def safe_text(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """Untrusted text as a Rich Text: no markup parsing, no control sequences."""
    return Text(clean(text, one_line=one_line), style=style, end="")


def safe_line(text: str, style: str = "") -> Text:
    """Untrusted text squeezed onto one line (newlines and tabs become spaces)."""
    return safe_text(text, style, one_line=True)
