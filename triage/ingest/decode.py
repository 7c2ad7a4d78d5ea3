"""Bytes to text: UTF-8 first, then a detected encoding, never a silent mojibake."""

from __future__ import annotations

BINARY_SNIFF = 8192
# Bytes that never appear in text files; NUL is the classic sign of a binary format.
_CONTROL_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why, in words a journalist can act on."""


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return bool(head) and controls / len(head) > 0.05


def decode_text(data: bytes) -> str:
    """Decode a text file's bytes, detecting the encoding when it is not UTF-8."""
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("not UTF-8, and its encoding could not be detected")
    # Short texts often tie between code pages; Windows-1252 is the legacy default of newsrooms.
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and match.encoding == "cp1252":
            return str(match)
    return str(best)
