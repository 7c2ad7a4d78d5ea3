"""Watched folders: the files already there, and each file that lands or changes afterwards,
reported by watchfiles (inotify on Linux, FSEvents on macOS, polling elsewhere) from a thread.

Only files an import reads are reported (.txt, .md, .html, .jsonl ...); hidden files and files
in hidden folders are not, so a writer that puts a file in place by renaming a hidden temporary
file (`.draft.html` -> `draft.html`) is never read half-written.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from triage.ingest import SUPPORTED_SUFFIXES

STEP_MS = 50  # watchfiles yields once no change has come for this long
READY_TIMEOUT_MS = 100  # how often the watching thread looks at the stop event


def wanted(path: Path, roots: Sequence[Path]) -> bool:
    """A file an import reads, not hidden and not inside a hidden folder under its root."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return False
    for root in roots:
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue
        return not any(part.startswith(".") for part in parts)
    return not path.name.startswith(".")


def existing_files(roots: Sequence[Path]) -> Iterator[Path]:
    """The wanted files under the roots now, in name order."""
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and wanted(path, [root]):
                yield path


def digest(path: Path, limit: int) -> str | None:
    """sha256 of the file's bytes (what tells a changed file from one seen before); None for a
    file over `limit` bytes, which the import refuses anyway without reading it."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            size += len(block)
            if size > limit:
                return None
            sha.update(block)
    return sha.hexdigest()


class FolderWatcher:
    """Puts the path of every wanted file that is added or modified under the roots on `arrivals`,
    from a daemon thread, until `stop` is set. `ready` is set once changes are being watched."""

    def __init__(self, roots: Sequence[Path], arrivals: queue.Queue[Path]) -> None:
        self.roots = [root.resolve() for root in roots]
        self.arrivals = arrivals
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="triage-watch-folders", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        self.ready.wait(timeout)
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=2.0)

    def _run(self) -> None:
        from watchfiles import Change, watch

        # watchfiles logs every batch of changes at INFO; the runner prints what matters.
        logging.getLogger("watchfiles").setLevel(logging.WARNING)
        try:
            for changes in watch(
                *self.roots,
                watch_filter=lambda change, path: (
                    change != Change.deleted and wanted(Path(path), self.roots)
                ),
                step=STEP_MS,
                stop_event=self.stop,
                rust_timeout=READY_TIMEOUT_MS,
                yield_on_timeout=True,  # the first (empty) yield says the watch has started
                raise_interrupt=False,
            ):
                self.ready.set()
                for _, path in sorted(changes, key=lambda change: change[1]):
                    self.arrivals.put(Path(path))
        except Exception as error:  # noqa: BLE001 - reported by start() or the runner
            self.error = error
        finally:
            self.ready.set()
