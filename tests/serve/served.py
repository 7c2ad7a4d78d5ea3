"""Helpers for the serve tests: a real `triage serve` on 127.0.0.1 (a free port), on a small
workspace written here, and the session processes found through /proc.

A sentence is a claim when it holds a digit, so the tests know which rows appear and in which
order (equal scores: reading order).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from triage.models import Article, Sentence

TRIAGE = Path(sys.executable).with_name("triage")
SESSION_MODULE = "triage.serve.session"
TOKEN = "test-token-0123456789abcdef"

ARTICLES = (
    Article(
        title="Harbour fees and the ferry",
        outlet="Coast Courier",
        published="2025-06-01",
        text=(
            "The harbour board raised ferry fees by 14 percent in April. Travellers grumbled.\n\n"
            "Passenger numbers fell to 31 thousand in May. The board met again."
        ),
    ),
    Article(
        title="School meals",
        outlet="Valley Post",
        published="2025-06-02",
        text="The county served 2 million school meals last year. Parents were asked.",
    ),
)
FIRST_CLAIM = "The harbour board raised ferry fees by 14 percent in April."


def sentences_of(text: str) -> list[Sentence]:
    found = []
    for match in re.finditer(r"[^.!?\n]+[.!?]", text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        body = text[start : match.end()]
        is_claim = any(ch.isdigit() for ch in body)
        found.append(
            Sentence(start, match.end(), body, 0.9 if is_claim else 0.02, is_claim, "quantity")
        )
    return found


def session_pids(db: Path) -> list[int]:
    """The session processes running on this workspace (found by their command line)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if SESSION_MODULE.encode() in argv and str(db).encode() in argv:
            pids.append(int(entry.name))
    return pids


def wait_until(predicate, timeout: float = 15.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class Server:
    """`triage serve` in a process of its own; its output is drained by a thread."""

    def __init__(self, db: Path, config: Path, *args: str) -> None:
        self.db = db
        env = {**os.environ, "TRIAGE_CONFIG": str(config)}
        self.process = subprocess.Popen(
            [str(TRIAGE), "serve", "--db", str(db), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._opened = threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()
        if not self._opened.wait(60):
            self.stop()
            raise AssertionError("triage serve never printed its address:\n" + self.output)
        self.url = next(line.split()[1] for line in self.lines if line.startswith("Open "))
        self.base = re.match(r"http://[^/]+", self.url).group(0)  # type: ignore[union-attr]

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Open "):
                self._opened.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def sessions(self) -> list[int]:
        return session_pids(self.db)

    def stop(self) -> int | None:
        """Ctrl+C, as a user stops it; killed if it does not end."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode
