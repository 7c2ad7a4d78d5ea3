"""Import files from inside the app: a path prompt, a progress bar, Esc cancels.

The import runs `triage.pipeline.import_paths` in a thread worker, so the screen keeps
drawing; cancelling stops between articles (each article is its own transaction).
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import threading
from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, ProgressBar, Static

from triage.models import ImportSummary, TriageError
from triage.store.workspace import Store, describe_sqlite_error
from triage.tui import actions
from triage.tui.safe_text import safe_line


class ImportScreen(ModalScreen[ImportSummary | None]):
    """Ask for paths, import them in a worker, report the summary."""

    BINDINGS: ClassVar[list[BindingType]] = [actions.binding("close")]

    def __init__(
        self,
        store: Store,
        threshold: float | None = None,
        link_thresholds: Mapping[str, float] | None = None,
        max_bytes: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.max_bytes = max_bytes
        self.threshold = threshold
        self.link_thresholds = link_thresholds
        self.cancel = threading.Event()
        self.running = False
        self.summary: ImportSummary | None = None
        # Sources the worker has started on, of how many: an Esc that arrives while the last one
        # is being read stops nothing, and the summary must not say "cancelled" then.
        self.started = self.total = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text("Import articles", style="bold"))
            yield Input(
                placeholder="Files or folders (.txt .md .html .jsonl), then Enter", id="paths"
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#paths", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.running:
            return
        try:
            paths = [os.path.expanduser(path) for path in shlex.split(event.value)]
        except ValueError as error:
            self._status(Text(f"Cannot read the paths: {error}"))
            return
        if not paths:
            return
        self.running = True
        self.started = self.total = 0
        self.cancel.clear()
        event.input.disabled = True
        self._status(Text("Importing… Esc cancels after the current article."))
        self._import(paths)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, paths: list[str]) -> None:
        from triage.ingest.sources import DEFAULT_MAX_BYTES
        from triage.pipeline import import_paths

        app = self.app  # kept: the screen may be closed while the last article finishes
        try:
            with self.store.own_connection() as store:
                summary = import_paths(
                    store,
                    paths,
                    self.threshold,
                    on_progress=lambda done, total, source: app.call_from_thread(
                        self._progress, done, total, source
                    ),
                    cancelled=self.cancel.is_set,
                    link_thresholds=self.link_thresholds,
                    max_bytes=DEFAULT_MAX_BYTES if self.max_bytes is None else self.max_bytes,
                    # In this process: multiprocessing starts a worker with the process's stderr,
                    # which the app has replaced by one with no file descriptor.
                    workers=0,
                )
        except Exception as error:  # noqa: BLE001 - any failure ends the import with its message
            app.call_from_thread(self._failed, describe_failure(self.store, error))
            return
        app.call_from_thread(self._finished, summary)

    def _status(self, text: Text) -> None:
        self.query_one("#import-status", Static).update(text)

    def _progress(self, done: int, total: int, source: str) -> None:
        self.total = total
        if source:
            self.started = done + 1
        if not self.is_attached or (not source and self.stopped_early):
            return
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        if source:
            line = Text(f"{done}/{total} ")
            line.append_text(safe_line(source))
            self._status(line)

    def _finished(self, summary: ImportSummary) -> None:
        self.running = False
        self.summary = summary
        if not self.is_attached:
            return
        if self.stopped_early:
            unread = self.total - self.started
            files = "1 file" if unread == 1 else f"{unread} files"
            text = Text(f"Cancelled, {files} not read: {summary.line()}. Esc closes.")
        else:
            text = Text(f"Import finished: {summary.line()}. Esc closes.")
        for problem in (summary.problems + summary.warnings)[:5]:
            text.append("\n")
            text.append_text(safe_line(problem))
        self._status(text)

    @property
    def stopped_early(self) -> bool:
        """Esc stopped the import before every source was read."""
        return self.cancel.is_set() and self.started < self.total

    def _failed(self, message: str) -> None:
        self.running = False
        if self.is_attached:
            self._status(safe_line(f"Import stopped: {message}. Esc closes."))

    def action_close(self) -> None:
        """Esc asks a running import to stop after the current article; a second Esc closes the
        dialog at once (the article in hand still finishes, in its own transaction)."""
        if self.running and not self.cancel.is_set():
            self.cancel.set()
            self._status(Text("Cancelling after the current article… Esc again closes now."))
            return
        if not self.running and self.summary is not None:
            # The dialog goes; what it imported stays in sight for a moment.
            self.app.notify(
                ("Import cancelled: " if self.stopped_early else "Imported: ")
                + self.summary.line(),
                markup=False,
            )
        self.cancel.set()
        self.dismiss(self.summary)


def describe_failure(store: Store, error: Exception) -> str:
    """One line for an error that stopped the import, whatever raised it."""
    if isinstance(error, TriageError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return describe_sqlite_error(store.path, error)
    if isinstance(error, OSError):
        name = f"{error.filename}: " if error.filename else ""
        return f"{name}{error.strerror or error}"
    return f"{type(error).__name__}: {error}"
