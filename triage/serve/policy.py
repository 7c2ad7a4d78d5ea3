"""Who may open a session: the rules of `triage serve`, apart from the web framework.

Loopback only by default (an SSH tunnel is the way in from elsewhere). Any other address needs a
token; a browser shows it once in the address bar, then keeps it in a cookie. Even on loopback a
page on another site must not be able to drive a session: a WebSocket is not bound by the
same-origin policy, so the handshake's Origin must be this server, and (against DNS rebinding)
the Host a browser asked for must be a loopback name.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import socket
from urllib.parse import quote, urlsplit

from triage.models import TriageError

TOKEN_QUERY = "token"
MIN_TOKEN_LENGTH = 16
# A token travels in a URL and a cookie unchanged: the characters of token_urlsafe.
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_\-]+")
_WILDCARDS = {"", "0.0.0.0", "::"}


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: only this machine can connect."""
    host = host.strip().strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to an outside address


def new_token() -> str:
    return secrets.token_urlsafe(24)


def check_token(token: str) -> str:
    """A token given with --token: long enough to resist guessing, and URL-safe."""
    if len(token) < MIN_TOKEN_LENGTH or not _TOKEN_CHARS.fullmatch(token):
        raise TriageError(
            f"--token needs at least {MIN_TOKEN_LENGTH} characters from A-Z, a-z, 0-9, - and _ "
            "(leave it out and a strong one is generated)"
        )
    return token


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the time of a refusal does not tell how much was right."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def host_name(host_header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '::1'."""
    host = host_header.strip()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str | None, loopback_only: bool) -> bool:
    """On loopback a browser must have asked for a loopback name: a foreign name pointing at
    127.0.0.1 (DNS rebinding) would otherwise make this server same-origin with that site."""
    if not loopback_only:
        return True
    return bool(host_header) and is_loopback(host_name(host_header or ""))


def origin_allowed(origin: str | None, host_header: str | None) -> bool:
    """A WebSocket handshake from a page of this server, or from a client that is no browser
    (browsers always send Origin)."""
    if origin is None:
        return True
    return bool(host_header) and urlsplit(origin).netloc.lower() == (host_header or "").lower()


def open_url(host: str, port: int, token: str | None) -> str:
    """The address to open, with the token when one is needed."""
    name = socket.gethostname() if host in _WILDCARDS else host
    if ":" in name:
        name = f"[{name}]"
    url = f"http://{name}:{port}/"
    return f"{url}?{TOKEN_QUERY}={quote(token)}" if token else url
