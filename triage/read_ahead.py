"""Reading and extracting ahead of an import: sources read in order, and the next articles'
extraction handed to a worker process while the importing process stores and links (see
triage.pipeline). Extraction, and what linking computes of a sentence without the workspace
(link.prepared.prepare), need no database and are half an article's CPU. A small import, or one on a
machine with no spare core, never starts the process.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triage.ingest import IngestError, read_source
from triage.models import Article, Sentence

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from triage.link.prepared import Prepared
    from triage.store.workspace import Store

# Articles waiting for extraction before an import starts a worker process. Starting one takes
# ~0.7 s and 0.6 s of CPU (a Python, the model) on the other core while this one extracts for
# itself meanwhile, and the end of an import waits for a worker still starting. On BASIL with a
# spare core (benchmarks/bench_import.py --parallel-cutoff): 32 articles took 3x as long with a
# worker (the end waited for it), 64 as long (1.84 s / 1.88 s), 128 1.6x less (2.82 s / 4.39 s).
PARALLEL_MIN_ARTICLES = 64
# Articles read and queued for extraction ahead of the one being stored: enough to count up to the
# cut-off and to keep the worker busy, few enough to bound the memory of a large folder.
READ_AHEAD = 2 * PARALLEL_MIN_ARTICLES
# Articles a worker is sent ahead of need: one in hand, one waiting.
SENT_PER_WORKER = 2


def extract_sentences(text: str, threshold: float | None) -> list[Sentence]:
    from triage.extract import extract

    return extract(text, threshold)


def _extract_in_worker(text: str, threshold: float | None) -> tuple[list[Sentence], Prepared]:
    """In a worker: the sentences, and what linking computes of them without the workspace."""
    from triage.link.prepared import prepare

    sentences = extract_sentences(text, threshold)
    return sentences, prepare([sentence.text for sentence in sentences])


@dataclass(eq=False)
class Pending:
    """An article read ahead, with its extraction in a worker when one took it."""

    article: Article
    future: Future | None = None


@dataclass
class Source:
    index: int
    name: str
    articles: list[Pending] = field(default_factory=list)
    error: str | None = None  # the one line saying why it could not be read
    warnings: list[str] = field(default_factory=list)


class ReadAhead:
    """Sources read in order, and their articles handed to extraction up to READ_AHEAD ahead of
    the one being stored. A source is read before its turn only when a worker runs or is due (the
    import has PARALLEL_MIN_ARTICLES articles or sources to go); otherwise, as without a worker,
    when the import reaches it. A source's problem and warnings are reported when the import
    reaches it, so the summary reads as that of an import one article after the other."""

    def __init__(
        self,
        store: Store,
        sources: list[str],
        stdin: bytes | None,
        max_bytes: int,
        extraction: Extraction,
    ) -> None:
        self.store = store
        self.extraction = extraction
        self._reading = self._read(sources, stdin, max_bytes)
        self._sources: deque[Source] = deque()  # read, not reached yet
        self._backlog: deque[Pending] = deque()  # read, not handed to extraction yet
        self._handed = 0  # handed to extraction, not stored yet
        self._unread = len(sources)

    def take(self) -> Source:
        """The next source (there is one for every name given, in order)."""
        if not self._sources:
            self._read_next()
        self.refill()
        return self._sources.popleft()

    def refill(self) -> None:
        while self._handed < READ_AHEAD and (
            self._backlog or (self._ahead() and self._read_next())
        ):
            if self._backlog:
                pending = self._backlog.popleft()
                self._handed += 1
                # Only an extraction that may go to a worker needs to know (a query per article).
                if self.extraction.workers:
                    self.extraction.queue(pending, self._worth_extracting(pending.article))
        self.extraction.start_if_worth_it()

    def taken(self, pending: Pending) -> None:
        """The import reached this article (refill() handed it over: articles go in order)."""
        self._handed -= 1

    def _ahead(self) -> bool:
        to_go = self._unread + self._handed + len(self._backlog)
        return self.extraction.worth_reading_ahead(to_go)

    def _read_next(self) -> bool:
        source = next(self._reading, None)
        if source is None:
            return False
        self._unread -= 1
        self._sources.append(source)
        self._backlog.extend(source.articles)
        return True

    def _worth_extracting(self, article: Article) -> bool:
        # Not an article that will fail, nor one already stored (a folder imported again).
        return bool(article.text.strip()) and not self.store.has_article(article.content_hash)

    @staticmethod
    def _read(sources: list[str], stdin: bytes | None, max_bytes: int) -> Iterator[Source]:
        for index, name in enumerate(sources):
            source = Source(index, name)
            try:
                articles = read_source(
                    name, stdin=stdin, max_bytes=max_bytes, warnings=source.warnings
                )
            except IngestError as error:
                source.error = str(error)
            else:
                source.articles = [Pending(article) for article in articles]
            yield source


class Extraction:
    """Extraction of the articles handed over: in worker processes once enough of them wait,
    else in this process when each is stored.

    A worker is sent the next articles in order, at most SENT_PER_WORKER at a time, and only once
    it has started: an article to store that no worker was sent is extracted here. So this process
    never waits for a worker to start, waits at most for an article a worker has in hand, and when
    the worker is the slower one, the two share the extraction."""

    def __init__(self, threshold: float | None, workers: int | None) -> None:
        self.threshold = threshold
        self.workers = 1 if workers is None else workers
        # Whether a worker waits for a spare core; the CPU time of the machine when the import began.
        self._choose = workers is None
        self._cpu_before = _cpu_times() if self._choose else None
        self._pool: ProcessPoolExecutor | None = None
        self._started: Future | None = None  # done once a worker has started
        self._unsent: deque[Pending] = deque()  # handed over, sent to no worker
        self._sent = 0  # sent to a worker, not taken yet

    def queue(self, pending: Pending, worth_it: bool) -> None:
        if worth_it and self.workers:
            self._unsent.append(pending)

    def worth_reading_ahead(self, articles_to_go: int) -> bool:
        """Whether to read sources before their turn: for a worker only, running or due."""
        return self.workers > 0 and (
            self._pool is not None or articles_to_go >= PARALLEL_MIN_ARTICLES
        )

    def start_if_worth_it(self) -> None:
        if self._pool is None and len(self._unsent) >= PARALLEL_MIN_ARTICLES:
            if self._choose:
                spare = _spare_core(self._cpu_before)
                if spare is None:
                    return  # too soon to tell: extracted here meanwhile
                if not spare:
                    self.workers = 0
                    self._unsent.clear()
                    return
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: a forked copy of a process with threads can hang on a lock one of
            # them held.
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.threshold,),
            )
            try:
                self._started = self._pool.submit(os.getpid)
            except (OSError, ValueError, RuntimeError):
                # No process could be started (no file descriptors left, a stderr without one):
                # every article is extracted here, as in a small import.
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                self.workers = 0
                self._unsent.clear()
                return
        self._send()

    def _send(self) -> None:
        if self._pool is None or self._started is None or not self._started.done():
            return
        while self._unsent and self._sent < SENT_PER_WORKER * self.workers:
            pending = self._unsent.popleft()
            try:
                pending.future = self._pool.submit(
                    _extract_in_worker, pending.article.text, self.threshold
                )
            except RuntimeError:  # the pool is broken (a worker was killed): extracted here
                self._unsent.appendleft(pending)
                self._started = None
                return
            self._sent += 1

    def result(self, pending: Pending) -> tuple[list[Sentence], Prepared | None]:
        future = self._take(pending)
        self._send()  # the worker extracts the next ones while this one is stored and linked
        if future is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return future.result()
            except BrokenProcessPool:
                self._started = None  # a worker died (killed, out of memory): extracted here
        return extract_sentences(pending.article.text, self.threshold), None

    def forget(self, pending: Pending) -> None:
        future = self._take(pending)
        if future is not None:
            future.cancel()

    def _take(self, pending: Pending) -> Future | None:
        """The import reached this article (articles are taken in the order handed over)."""
        if self._unsent and self._unsent[0] is pending:
            self._unsent.popleft()
        future, pending.future = pending.future, None
        if future is not None:
            self._sent -= 1
        return future

    def close(self) -> None:
        """Stop the workers: articles they have not started are dropped, a running one (or a
        worker still starting, when the import was over first) is waited for."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# The machine's idle time is measured over at least this long before a worker is started.
IDLE_WINDOW_S = 0.25


def _cpu_times() -> tuple[float, float, float] | None:
    """(seconds since, idle CPU seconds of all cores, all CPU seconds) from Linux's /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return time.monotonic(), (fields[3] + fields[4]) / ticks, sum(fields) / ticks


def _spare_core(before: tuple[float, float, float] | None) -> bool | None:
    """Whether a worker would have a core to itself, None when it is too soon to tell. This process
    keeps one core busy: a worker pays when at least half a core more stayed idle since the import
    began (on Linux), else when the last minute's load left 1.5 cores. Without a spare core the
    worker takes its share of the CPU from this process, which every article waits for: on two
    busy cores an import with a worker took 1.6x as long."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    now = _cpu_times()
    if before is not None and now is not None:
        if now[0] - before[0] < IDLE_WINDOW_S:
            return None
        idle, total = now[1] - before[1], now[2] - before[2]
        if total > 0:
            return cores * idle / total >= 0.5
    try:
        load = os.getloadavg()[0]
    except OSError:  # not every system reports it
        load = 0.0
    return cores - load >= 1.5


def _start_worker(threshold: float | None) -> None:
    import signal

    # Ctrl+C is for the importing process, which stops its workers (close()); a worker of its own
    # would print a traceback over the terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing a worker prints may reach the terminal (the app draws there): its results and errors
    # go back to the importing process.
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        os.dup2(devnull.fileno(), 2)
    # The model and the embedding load once per worker, before its first article.
    _extract_in_worker("Warm-up sentence about 3 million people.", threshold)
