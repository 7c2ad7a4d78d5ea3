"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving feeds and pages we write."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str = ""
    modified: str = ""
    delay: float = 0.0  # seconds before the answer starts (a slow server)
    status: int = 200


@dataclass
class Request:
    path: str
    if_none_match: str
    if_modified_since: str
    status: int = 0
    at: float = field(default_factory=time.monotonic)


class Site:
    """Routes by path; every request is recorded with the status it got."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: str | bytes, **options) -> str:
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            request = Request(
                self.path,
                self.headers.get("If-None-Match", ""),
                self.headers.get("If-Modified-Since", ""),
            )
            site.requests.append(request)
            route = site.routes.get(self.path)
            if route is None:
                request.status = 404
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            fresh = (route.etag and request.if_none_match == route.etag) or (
                route.modified and request.if_modified_since == route.modified
            )
            request.status = 304 if fresh else route.status
            self.send_response(request.status)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.modified:
                self.send_header("Last-Modified", route.modified)
            if fresh:
                self.end_headers()
                return
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up
                self.wfile.write(route.body)

    return Handler


@contextmanager
def running_site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# -- what we serve: pages and feeds written here ---------------------------------------------------

TOPICS = [
    ("Harbour dredging costs", "harbour", "dredging", "40 million pounds"),
    ("Tram line delays", "tram line", "track works", "18 months"),
    ("School meal prices", "school meals", "catering", "2.40 pounds"),
    ("River water quality", "river", "sewage releases", "312 times"),
    ("Library opening hours", "libraries", "staffing", "11 branches"),
]


def page_html(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Contact the newsroom.</footer></body></html>"
    )


def story(n: int) -> tuple[str, list[str]]:
    """A short news story of our own, different for every n."""
    title, subject, cause, figure = TOPICS[n % len(TOPICS)]
    year = 2010 + n % 15
    return f"{title} ({n})", [
        f"The council said spending on the {subject} reached {figure} in {year}, "
        f"up from {n + 3} percent of the budget the year before.",
        f"Officials blamed {cause} for the rise and promised a review by {n % 12 + 1} March.",
        f"Opposition councillors said the figures for story {n} were wrong and called the "
        f"plan a failure.",
        f"Residents who spoke at the meeting described long waits and rising bills in ward {n}.",
    ]


def rss(entries: list[tuple[str, str, str]], title: str = "Test Wire") -> str:
    """(guid, link, title) items, newest first as feeds list them."""
    items = "".join(
        f"<item><guid>{escape(guid)}</guid><link>{escape(link)}</link>"
        f"<title>{escape(item_title)}</title></item>"
        for guid, link, item_title in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test</description>{items}</channel></rss>"
    )


def serve_stories(
    site: Site, numbers: list[int], prefix: str = "/story"
) -> list[tuple[str, str, str]]:
    """Serve a page per story; returns feed items (newest first)."""
    items = []
    for n in numbers:
        title, paragraphs = story(n)
        link = site.serve(f"{prefix}/{n}", page_html(title, paragraphs))
        items.append((f"urn:test:{prefix}:{n}", link, title))
    return items[::-1]


HTTP_DATE = formatdate(1_700_000_000, usegmt=True)
