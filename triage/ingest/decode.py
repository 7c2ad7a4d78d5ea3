"""Bytes to text: UTF-8 first, then a detected encoding, never a silent mojibake.

A file that is UTF-8 but for a few damaged bytes stays UTF-8: the bad bytes become U+FFFD and
the caller gets a warning to show. Re-reading the whole article in a legacy code page instead
("Café" -> "Cafﾃｩ") would silently change every accented word. A file in a legacy encoding has
few valid UTF-8 sequences or none; one that mixes UTF-8 with a single-byte code page, and one
whose encoding charset_normalizer cannot make out, is refused rather than guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BINARY_SNIFF = 8192
# Bytes that never appear in text files; NUL is the classic sign of a binary format.
_CONTROL_BYTES = set(range(9)) | {
    11,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    25,
    26,
    28,
    29,
    30,
    31,
}
# Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte under surrogateescape
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")
# charset_normalizer's "chaos" (share of odd characters) above which its guess is no reading.
_MAX_CHAOS = 0.2


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why, in words a journalist can act on."""


@dataclass(frozen=True)
class Decoded:
    text: str
    replaced: int = 0  # bytes that were not valid UTF-8 and are now U+FFFD

    @property
    def warning(self) -> str:
        """One line for the journalist, or "" when the text was read exactly."""
        if not self.replaced:
            return ""
        some = "1 byte that is" if self.replaced == 1 else f"{self.replaced} bytes that are"
        return f"{some} not valid UTF-8 replaced with \N{REPLACEMENT CHARACTER}; check the text"


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return bool(head) and controls / len(head) > 0.05


def _utf8_census(data: bytes) -> tuple[int, int]:
    """(characters beyond ASCII decoded from valid UTF-8, bytes that are not valid UTF-8)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    wide = len(_BEYOND_ASCII.findall(text)) - bad
    return wide, bad


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes: UTF-8 (or a BOM's encoding), else a detected legacy encoding."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec))
            except UnicodeDecodeError:
                if name != "UTF-8":
                    raise DecodeError(
                        f"starts with a {name} byte order mark but is not valid {name}"
                    ) from None
                break  # damaged UTF-8 with a BOM: handled like any damaged UTF-8 below
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    wide, bad = _utf8_census(body)
    if wide >= bad:
        # Mostly valid UTF-8 (legacy CJK text has at most about one accidental UTF-8 sequence
        # for two bad bytes, single-byte code pages almost none): a few damaged bytes.
        return Decoded(body.decode("utf-8", errors="replace"), replaced=bad)
    mixed = DecodeError(
        f"mixes UTF-8 with another encoding ({bad} bytes are not UTF-8); save it as UTF-8"
    )
    try:
        text = _legacy(body)
    except DecodeError:
        if wide > 2:
            raise mixed from None
        raise
    if len(text) == len(body) and wide > max(2, bad // 50):
        # A single-byte code page hardly ever forms UTF-8 sequences by chance: this file holds
        # UTF-8 text and text in another encoding, and any one reading garbles part of it.
        raise mixed
    return Decoded(text)


def _legacy(data: bytes) -> str:
    """Text in a legacy code page, as charset_normalizer reads it; refused when it cannot."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None or best.chaos > _MAX_CHAOS:
        raise DecodeError("not UTF-8, and its encoding is unclear; save it as UTF-8")
    # Short texts often tie between code pages; Windows-1252 is the legacy default of newsrooms.
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and match.encoding == "cp1252":
            return str(match)
    return str(best)


def decode_text(data: bytes) -> str:
    """The text of `data` (see decode_bytes); damaged bytes are replaced without a word."""
    return decode_bytes(data).text
