"""`triage watch`: articles per second from a local feed, and the delay from a file landing in a
watched folder to its claims being in the workspace.

    python benchmarks/bench_watch.py                       # 500 entries, 20 files
    python benchmarks/bench_watch.py --entries 200 --files 10

The pages are the generated news-like articles of bench_import.py (our own made-up text, fixed
seed), wrapped in HTML with a menu and a footer, served with ETags by http.server on 127.0.0.1
in this process. For comparison the same pages are first imported from disk with
`triage import` (import_paths) into a workspace of their own, in the same run.

The delay is measured on the workspace the feed filled (500 articles): each file is written
under a hidden name and renamed into the folder (as the README advises), and a second
connection polls the workspace every millisecond until the article is there; the time the
watch printed its line (after linking) is reported too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import generated_articles

from triage.models import Article
from triage.pipeline import import_paths
from triage.store.workspace import Store
from triage.watch.runner import Watcher, WatchOptions


def page(article: Article) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in article.text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{escape(article.title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{escape(article.title)}</h1>\n{paragraphs}</article>"
        "<footer>Contact the newsroom. Sign up for our newsletter.</footer></body></html>"
    ).encode()


def feed(base: str, count: int) -> bytes:
    items = "".join(
        f"<item><guid>urn:bench:{n}</guid><link>{base}/story/{n}</link>"
        f"<title>Generated article {n}</title></item>"
        for n in reversed(range(count))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench Wire</title><link>{base}/</link><description>bench</description>"
        f"{items}</channel></rss>"
    ).encode()


@contextmanager
def serving(pages: dict[str, bytes]):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def from_disk(folder: Path, articles: list[Article]) -> tuple[float, float]:
    """`triage import` of the same pages as .html files: (articles per second, CPU ms each)."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    for n, article in enumerate(articles):
        (pages / f"story-{n:04d}.html").write_bytes(page(article))
    store = Store.open(folder / "import.db", "bench")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = import_paths(store, [str(pages)])
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        store.close()
    assert summary.imported == len(articles), summary.line()
    return len(articles) / elapsed, 1000 * cpu / len(articles)


def from_feed(path: Path, articles: list[Article]) -> tuple[float, float, float]:
    """Watch the feed once: (articles per second, CPU ms each, seconds for a second poll
    answered 304)."""
    pages: dict[str, bytes] = {}
    with serving(pages) as base:
        pages.update({f"/story/{n}": page(a) for n, a in enumerate(articles)})
        pages["/feed"] = feed(base, len(articles))
        lines: list[str] = []
        store = Store.open(path, "bench")
        try:
            options = WatchOptions(once=True, timeout=10)
            started, cpu = time.perf_counter(), time.process_time()
            Watcher(store, [], [f"{base}/feed"], options, lines.append, print).run()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            started = time.perf_counter()
            Watcher(store, [], [f"{base}/feed"], options, lines.append, print).run()
            unchanged = time.perf_counter() - started
        finally:
            store.close()
    assert len(lines) == len(articles), f"{len(lines)} of {len(articles)} imported"
    return len(articles) / elapsed, 1000 * cpu / len(articles), unchanged


def landing_delays(path: Path, folder: Path, articles: list[Article]) -> list[tuple[float, float]]:
    """(stored, printed) seconds after each file is renamed into the watched folder."""
    folder.mkdir()
    printed: list[float] = []
    stop = threading.Event()
    store = Store.open(path, "bench")
    watcher = Watcher(store, [folder], [], WatchOptions(), lambda _: printed.append(
        time.perf_counter()), print, stop)  # fmt: skip
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    reader = Store.open(path, "bench-reader")
    delays = []
    try:
        time.sleep(1.0)  # the watch is up (the folder watcher waits until inotify is ready)
        for n, article in enumerate(articles):
            count = reader.article_count()
            hidden = folder / f".landing-{n}.html"
            hidden.write_bytes(page(Article(title=f"Landed {n}", text=article.text)))
            os.replace(hidden, folder / f"landed-{n}.html")
            landed = time.perf_counter()
            while reader.article_count() == count:
                time.sleep(0.001)
            stored = time.perf_counter() - landed
            while len(printed) <= n:
                time.sleep(0.001)
            delays.append((stored, printed[n] - landed))
            time.sleep(0.2)
    finally:
        stop.set()
        thread.join(10)
        reader.close()
        store.close()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500, help="entries in the feed")
    parser.add_argument("--files", type=int, default=20, help="files landed in the folder")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    args = parser.parse_args()
    articles = generated_articles(args.entries + args.files, args.words)
    in_feed, landing = articles[: args.entries], articles[args.entries :]
    import triage.extract

    triage.extract.extract("Warm-up sentence about 3 million people.")  # model loaded untimed
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "warm-up").mkdir()
        from_disk(folder / "warm-up", articles[:2])  # trafilatura and the linker's embedder
        disk_rate, disk_cpu = from_disk(folder, in_feed)
        feed_rate, feed_cpu, unchanged = from_feed(folder / "watch.db", in_feed)
        delays = landing_delays(folder / "watch.db", folder / "inbox", landing)
    print(f"feed of {args.entries} entries (~{args.words} words a page), fetched and imported: "
          f"{feed_rate:.1f} articles/s, {feed_cpu:.0f} ms CPU each")  # fmt: skip
    print(f"  the same pages with `triage import` from disk: {disk_rate:.1f} articles/s, "
          f"{disk_cpu:.0f} ms CPU each")  # fmt: skip
    print(f"  a second poll of the unchanged feed (304): {unchanged * 1000:.1f} ms")
    stored = sorted(d[0] * 1000 for d in delays)
    linked = sorted(d[1] * 1000 for d in delays)
    print(f"file landing -> claims in the workspace ({len(delays)} files, workspace of "
          f"{args.entries} articles): median {statistics.median(stored):.0f} ms, "
          f"max {stored[-1]:.0f} ms")  # fmt: skip
    print(f"  -> linked and its line printed: median {statistics.median(linked):.0f} ms, "
          f"max {linked[-1]:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
