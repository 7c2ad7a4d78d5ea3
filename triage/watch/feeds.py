"""RSS and Atom feeds: their entries (read with feedparser from bytes we fetched ourselves, so
feedparser never opens a URL), and when to poll a feed again after it failed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

MAX_BACKOFF_S = 3600.0  # a feed failing for hours is still tried once an hour


class FeedError(Exception):
    """The feed's body is not a feed we can read; str() is the one line shown."""


@dataclass(frozen=True)
class FeedEntry:
    key: str  # what makes it the same entry on the next poll: its id (guid), else its link
    link: str  # the article's page
    title: str
    published: str = ""


def parse_feed(body: bytes, url: str) -> tuple[str, list[FeedEntry]]:
    """The feed's title and its entries in the feed's order (entries without a link are left
    out: there is no page to read)."""
    import feedparser  # only `triage watch` pays for it

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).splitlines()[0][:120]})" if reason else ""
        raise FeedError(f"not an RSS or Atom feed{detail}")
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(url, link)
        key = (item.get("id") or "").strip() or link
        entries.append(
            FeedEntry(
                key=key,
                link=link,
                title=" ".join((item.get("title") or "").split()),
                published=(item.get("published") or item.get("updated") or "").strip(),
            )
        )
    return " ".join((parsed.feed.get("title") or "").split()), entries


def backoff(failures: int, first: float, ceiling: float = MAX_BACKOFF_S) -> float:
    """Seconds to wait before trying a feed again after `failures` failures in a row: `first`,
    then twice as long each time, at most `ceiling`."""
    return min(ceiling, first * 2 ** max(0, failures - 1))
