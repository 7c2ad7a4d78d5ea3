"""HTTP GET with the limits a watch needs: a deadline for the whole response (a server that
trickles a byte a second cannot hold the watch: each read waits at most the timeout, and no read
starts after the deadline, so a response takes at most twice the timeout), a size limit checked
while reading, and
conditional requests (ETag, Last-Modified) so an unchanged feed costs a 304 and no body.

urllib from the standard library: one GET at a time per call, redirects followed, gzip left out
(we never ask for it), proxies from the environment as usual.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

USER_AGENT = "triage-watch/0.1 (+claim triage for fact-checkers)"
CHUNK = 64 * 1024


class FetchError(Exception):
    """One URL could not be fetched; str() is the one line shown. `lasting` says that trying the
    same URL again would fail the same way (too large, not found), so it is not retried."""

    def __init__(self, url: str, problem: str, *, lasting: bool = False) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.lasting = lasting


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing new
    body: bytes
    etag: str = ""
    modified: str = ""
    content_type: str = ""

    @property
    def unchanged(self) -> bool:
        return self.status == 304


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} KB"


def _too_large(size: int, limit: int, more: bool = False) -> str:
    return (
        f"too large: {'more than ' if more else ''}{_megabytes(size)}, the limit is "
        f"{_megabytes(limit)} (max_article_mb in the config file)"
    )


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    etag: str = "",
    modified: str = "",
) -> Fetched:
    """GET `url` within `timeout` seconds in all, reading at most `max_bytes` of body."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(url, "not an http or https address", lasting=True)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            info: Message = response.headers
            length = info.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, _too_large(int(length), max_bytes), lasting=True)
            body = _read(response, url, deadline, max_bytes)
            return Fetched(
                url=response.geturl(),
                status=response.status,
                body=body,
                etag=info.get("ETag", "") or "",
                modified=info.get("Last-Modified", "") or "",
                content_type=info.get("Content-Type", "") or "",
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(url=url, status=304, body=b"", etag=etag, modified=modified)
        # A page that is gone or forbidden stays so; a server error or a rate limit may pass.
        lasting = 400 <= error.code < 500 and error.code not in (408, 425, 429)
        raise FetchError(url, f"HTTP {error.code} {error.reason}", lasting=lasting) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(url, f"no answer within {timeout:g} s") from None
        raise FetchError(
            url, f"cannot connect ({getattr(reason, 'strerror', None) or reason})"
        ) from None
    except TimeoutError:
        raise FetchError(url, f"no answer within {timeout:g} s") from None
    except OSError as error:
        raise FetchError(url, f"connection failed ({error.strerror or error})") from None


def _read(response: http.client.HTTPResponse, url: str, deadline: float, max_bytes: int) -> bytes:
    """The body in chunks, each read given only the time left, stopping one byte over the limit."""
    parts: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        # read1: returns what one receive brought, so the deadline is checked between receives.
        part = response.read1(min(CHUNK, max_bytes + 1 - size))
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if size > max_bytes:
            raise FetchError(url, _too_large(size - 1, max_bytes, more=True), lasting=True)
