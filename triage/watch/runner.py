"""The watch loop: folders and feeds in, one article at a time through the import pipeline.

One thread (the caller's) does every import, so the workspace has one writer here; a daemon
thread watches the folders and a few daemon threads fetch pages, handing over bytes only.

What has been handled is recorded in the workspace (triage/store/watch.py) after each entry or
file: a restart imports nothing twice. A stop between an article's commit and that record is
harmless too: the same text is found in the workspace and recorded as a duplicate. A feed's
ETag and Last-Modified are saved only once all its new entries are handled, so a stop half-way
through a feed never hides the rest of it behind a 304.
"""

from __future__ import annotations

import collections
import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from triage.ingest import IngestError, read_source
from triage.ingest.decode import DecodeError, decode_bytes
from triage.ingest.html import NoArticleText, parse_html
from triage.ingest.sources import FEED_FACTOR
from triage.ingest.text import parse_text
from triage.models import Article, TriageError, WorkspaceError
from triage.pipeline import finish_linking, import_article
from triage.safe_text import clean
from triage.store.watch import (
    DUPLICATE,
    ENTRY,
    FAILED,
    FILE,
    IMPORTED,
    MAX_ATTEMPTS,
    REFUSED,
    FeedState,
    WatchStore,
)
from triage.store.workspace import Store
from triage.watch.feeds import FeedEntry, FeedError, backoff, parse_feed
from triage.watch.fetch import Fetched, FetchError, fetch
from triage.watch.folders import FolderWatcher, digest, existing_files, wanted

DEFAULT_INTERVAL_S = 300.0
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_RETRY_S = 30.0
FETCHERS = 4  # pages fetched at once while the previous ones are imported
WAIT_STEP_S = 0.2  # how often an idle loop looks at the stop event


@dataclass(frozen=True)
class WatchOptions:
    interval: float = DEFAULT_INTERVAL_S  # seconds between two polls of a feed
    timeout: float = DEFAULT_TIMEOUT_S  # for a feed or a page
    retry: float = DEFAULT_RETRY_S  # first wait after a feed failed; doubles each time
    max_bytes: int = 10_000_000  # a page's size limit (config max_article_mb); a feed 20x that
    threshold: float | None = None
    link_thresholds: Mapping[str, float] = field(default_factory=dict)
    checked_before: float = 0.0  # archive match score from which a claim is "checked before"
    once: bool = False  # poll every feed and read every folder once, then return
    fetchers: int = FETCHERS


@dataclass
class WatchSummary:
    imported: int = 0
    claims: int = 0
    repeats: int = 0
    checked_before: int = 0
    problems: int = 0


@dataclass
class _Feed:
    state: FeedState
    due: float = 0.0
    title: str = ""


def article_line(title: str, claims: int, repeats: int, checked: int, origin: str) -> str:
    """The line printed for one imported article (cleaned: titles and origins are untrusted)."""
    shown = clean(title, one_line=True).strip() or "(untitled)"
    counts = (
        f"{claims} claim{'s' if claims != 1 else ''}, "
        f"{repeats} repeat{'s' if repeats != 1 else ''} found, {checked} checked before"
    )
    return f"{shown}  [{counts}]  {clean(origin, one_line=True)}"


class _FetchPool:
    """A few daemon threads running fetch(): a stop never waits for a slow server."""

    def __init__(self, workers: int) -> None:
        self._jobs: queue.Queue[tuple[Future, Callable[[], Fetched]] | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, name=f"triage-watch-fetch-{n}", daemon=True)
            for n in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Callable[[], Fetched]) -> Future:
        future: Future = Future()
        self._jobs.put((future, job))
        return future

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            future, job = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except Exception as error:  # noqa: BLE001 - the importing thread reports it
                future.set_exception(error)

    def close(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)


class Watcher:
    """Watches `folders` and polls `feeds` until `stop` is set (or once, with options.once)."""

    def __init__(
        self,
        store: Store,
        folders: Sequence[Path],
        feeds: Sequence[str],
        options: WatchOptions,
        say: Callable[[str], None],
        warn: Callable[[str], None],
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.seen = WatchStore(store)
        self.folders = [Path(folder).resolve() for folder in folders]
        self.options = options
        self.say = say
        self.warn = warn
        self.stop = stop or threading.Event()
        self.summary = WatchSummary()
        self.feeds = [_Feed(self.seen.feed_state(url)) for url in dict.fromkeys(feeds)]
        self._arrivals: queue.Queue[Path] = queue.Queue()
        self._watcher: FolderWatcher | None = None

    # -- the loop ------------------------------------------------------------------------------

    def run(self) -> WatchSummary:
        pool = _FetchPool(self.options.fetchers) if self.feeds else None
        try:
            finish_linking(self.store, self.options.link_thresholds)
            if self.folders and not self.options.once:
                self._watcher = FolderWatcher(self.folders, self._arrivals)
                self._watcher.start()  # before the scan: a file landing meanwhile is not missed
            for path in existing_files(self.folders):
                if self.stop.is_set():
                    break
                self._file(path)
            while not self.stop.is_set():
                self._drain_files()
                for feed in self.feeds:
                    if self.stop.is_set():
                        break
                    if feed.due <= time.monotonic():
                        assert pool is not None
                        self._poll(feed, pool)
                        self._drain_files()
                if self.options.once:
                    break
                self._wait()
        finally:
            if self._watcher is not None:
                self._watcher.close()
            if pool is not None:
                pool.close()
        return self.summary

    def _wait(self) -> None:
        """Until a file arrives, a feed is due, or the stop event is set."""
        due = min((feed.due for feed in self.feeds), default=float("inf"))
        while not self.stop.is_set():
            left = due - time.monotonic()
            if left <= 0:
                return
            try:
                path = self._arrivals.get(timeout=min(WAIT_STEP_S, left))
            except queue.Empty:
                if self._watcher is not None and self._watcher.error is not None:
                    raise TriageError(
                        f"watching the folders failed: {self._watcher.error}"
                    ) from None
                continue
            self._file(path)
            return

    def _drain_files(self) -> None:
        while not self.stop.is_set():
            try:
                path = self._arrivals.get_nowait()
            except queue.Empty:
                return
            self._file(path)

    # -- files ---------------------------------------------------------------------------------

    def _file(self, path: Path) -> None:
        if not path.is_file() or not wanted(path, self.folders):
            return
        limit = self.options.max_bytes * (FEED_FACTOR if path.suffix.lower() == ".jsonl" else 1)
        try:
            size = path.stat().st_size
            if size == 0:
                return  # just created: its content comes with the next change
            # Over the limit it is not read: known by its size, so it is reported once.
            version = digest(path, limit) or f"too large: {size} bytes"
        except OSError as error:
            self._problem(f"{path}: cannot read ({error.strerror or error})")
            return
        key = str(path)
        if self.seen.file_seen(key, version):
            return
        warnings: list[str] = []
        try:
            articles = read_source(key, max_bytes=self.options.max_bytes, warnings=warnings)
        except IngestError as error:
            self.seen.record(FILE, key, REFUSED, version=version, source=key,
                             problem=error.problem)  # fmt: skip
            self._problem(str(error))
            return
        for warning in warnings:
            self.warn(f"warning: {warning}")
        first: int | None = None
        states = set()
        for article in articles:
            stored = self._import(article, str(path.relative_to(self._root_of(path))))
            states.add(IMPORTED if stored is not None else DUPLICATE)
            if first is None and stored is not None:
                first = stored
        state = IMPORTED if IMPORTED in states else DUPLICATE
        self.seen.record(FILE, key, state, version=version, source=key, article_id=first)

    def _root_of(self, path: Path) -> Path:
        return next((root for root in self.folders if path.is_relative_to(root)), path.parent)

    # -- feeds ---------------------------------------------------------------------------------

    def _poll(self, feed: _Feed, pool: _FetchPool) -> None:
        url = feed.state.url
        options = self.options
        state = feed.state
        future = pool.submit(
            lambda: fetch(
                url,
                timeout=options.timeout,
                max_bytes=options.max_bytes * FEED_FACTOR,
                etag=state.etag,
                modified=state.modified,
            )
        )
        if not self._finished(future):
            return
        try:
            fetched = future.result()
            entries: list[FeedEntry] = []
            if not fetched.unchanged:
                feed.title, entries = parse_feed(fetched.body, fetched.url)
        except (FetchError, FeedError) as error:
            failures = feed.state.failures + 1
            wait = backoff(failures, options.retry)
            feed.state = dataclasses.replace(feed.state, failures=failures)
            feed.due = time.monotonic() + wait
            problem = error.problem if isinstance(error, FetchError) else str(error)
            self.seen.save_feed(feed.state, problem)
            again = "" if options.once else f"; trying again in {wait:g} s"
            self._problem(f"feed {url}: {problem} ({failures} failure"
                          f"{'s' if failures != 1 else ''} in a row{again})")  # fmt: skip
            return
        if feed.state.failures:
            self.warn(f"feed {clean(url, one_line=True)}: answering again")
        done = self.seen.done_entries(entry.key for entry in entries)
        fresh = [entry for entry in reversed(entries) if entry.key not in done]  # oldest first
        keys = {entry.key for entry in fresh}
        retries = [FeedEntry(p.key, p.link, p.title) for p in self.seen.pending_entries(url)
                   if p.key not in keys]  # fmt: skip
        complete = self._entries(feed, retries + fresh, pool)
        feed.due = time.monotonic() + options.interval
        if not complete:
            return  # stopped: the validators stay as they were, so the rest comes next time
        if fetched.unchanged:
            feed.state = dataclasses.replace(feed.state, failures=0)
        else:
            feed.state = FeedState(url, fetched.etag, fetched.modified, 0)
        self.seen.save_feed(feed.state)

    def _entries(self, feed: _Feed, entries: list[FeedEntry], pool: _FetchPool) -> bool:
        """Fetch the entries' pages a few at a time and import them in order; False if stopped."""
        options = self.options
        window = max(1, options.fetchers) * 2
        waiting: collections.deque[tuple[FeedEntry, Future]] = collections.deque()
        upcoming = iter(entries)

        def submit() -> None:
            for entry in upcoming:
                job = lambda link=entry.link: fetch(  # noqa: E731
                    link, timeout=options.timeout, max_bytes=options.max_bytes
                )
                waiting.append((entry, pool.submit(job)))
                if len(waiting) >= window:
                    return

        submit()
        try:
            while waiting:
                if self.stop.is_set():
                    return False
                entry, future = waiting[0]
                if not self._finished(future):
                    return False
                waiting.popleft()
                self._entry(feed, entry, future)
                self._drain_files()
                submit()
        finally:
            for _, future in waiting:
                future.cancel()
        return True

    def _finished(self, future: Future) -> bool:
        """Wait for a fetch, looking at the stop event meanwhile: Ctrl+C never waits for a slow
        server. False if stopped first."""
        while not self.stop.is_set():
            try:
                future.exception(timeout=WAIT_STEP_S)
                return True
            except FutureTimeout:
                continue
        return False

    def _entry(self, feed: _Feed, entry: FeedEntry, future: Future) -> None:
        url = feed.state.url

        def record(state: str, problem: str = "", article_id: int | None = None) -> None:
            self.seen.record(ENTRY, entry.key, state, source=url, link=entry.link,
                             title=entry.title, problem=problem, article_id=article_id)  # fmt: skip

        try:
            fetched: Fetched = future.result()
            decoded = decode_bytes(fetched.body)
            page = decoded.text
            if "html" in fetched.content_type.lower() or page.lstrip()[:1] == "<":
                article = parse_html(page, entry.link)
            else:
                article = parse_text(page, entry.link)
        except FetchError as error:
            attempts = self.seen.attempts(ENTRY, entry.key) + 1
            final = error.lasting or attempts >= MAX_ATTEMPTS
            record(REFUSED if error.lasting else FAILED, error.problem)
            again = "" if final else f" (try {attempts} of {MAX_ATTEMPTS}; again on the next poll)"
            self._problem(f"{error}{again}")
            return
        except (DecodeError, NoArticleText) as error:
            record(REFUSED, str(error))
            self._problem(f"{entry.link}: {error}")
            return
        article = dataclasses.replace(
            article,
            title=entry.title or article.title,
            url=article.url or fetched.url,
            outlet=article.outlet or feed.title,
            published=article.published or entry.published,
            source=entry.link,
        )
        try:
            stored = self._import(article, entry.link)
        except WorkspaceError:
            raise  # the workspace cannot take more: the watch stops, saying why
        except TriageError as error:
            record(REFUSED, str(error))
            self._problem(str(error))
            return
        record(IMPORTED if stored is not None else DUPLICATE, article_id=stored)

    # -- one article ---------------------------------------------------------------------------

    def _import(self, article: Article, origin: str) -> int | None:
        """Extract, store and link one article and print its line; None if its text is in the
        workspace already."""
        options = self.options
        stored = import_article(self.store, article, options.threshold, options.link_thresholds)
        if stored is None:
            title = clean(article.title, one_line=True)
            self.warn(f"already in the workspace: {title}  {clean(origin, one_line=True)}")
            return None
        arrival = self.seen.arrival(stored.id, options.checked_before)
        summary = self.summary
        summary.imported += 1
        summary.claims += stored.claims
        summary.repeats += arrival.repeats
        summary.checked_before += arrival.checked_before
        self.say(article_line(article.title, stored.claims, arrival.repeats,
                              arrival.checked_before, origin))  # fmt: skip
        return stored.id

    def _problem(self, line: str) -> None:
        self.summary.problems += 1
        self.warn(f"error: {clean(line, one_line=True)}")
