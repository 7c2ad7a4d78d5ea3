"""How fast the triage screen answers, on a generated workspace of 100k claims in 5k articles.

    python benchmarks/bench_tui.py [--db big.db] [--iterations 300]

The real app runs in a pseudo-terminal, exactly as in a terminal emulator: the benchmark
writes key bytes to the terminal and times the bytes the app writes back.

- verdict key -> row committed (checked through a second connection) -> repaint written;
- cursor move (j/k) -> repaint written; next article (J) -> repaint written;
- cold start: process launch -> the first screen with the article and its claims written;
- peak memory: the app process's own high-water RSS (VmHWM in /proc/PID/status), read after
  deciding, moving and opening the article list of all 5k articles (not `ru_maxrss` of the
  children: a child started by fork inherits the parent's peak, and the parent may have read
  the workspace);
- the same keys and cold start on a bare Textual app (one Static changed by a key), in the same
  run, so the figures can be read relative to what this machine gives any Textual app.
A repaint is "written" at the last byte of the burst the key caused (the burst ends after
QUIET seconds without output). Targets: p99 < 16 ms for keys, < 0.5 s cold start, < 150 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import math
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from triage.store.workspace import Store

QUIET = 0.04
SIZE = (40, 120)  # rows, columns
LAUNCH = (
    "import sys; from pathlib import Path; from triage.config import Config; "
    "from triage.tui.app import run_app; run_app(Path(sys.argv[1]), Config(user='bench'))"
)
# The yardstick: a key changes one Static, through a Binding as in the app; "ready" on screen.
BARE = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

class Bare(App):
    BINDINGS = [Binding(str(n), f"show({n})") for n in range(1, 8)] + [Binding("q", "quit")]

    def __init__(self):
        super().__init__()
        self.animation_level = "none"
        self.presses = 0

    def compose(self):
        yield Static("ready 0")

    def action_show(self, n):
        self.presses += 1
        self.query_one(Static).update(f"key {n}, {self.presses} presses")

Bare().run()
"""


class Terminal:
    """The app on the slave side of a pty; we are the terminal emulator on the master side."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
        env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.seen = b""
        self.sent = self.started  # when the last key was written

    def burst(self, timeout: float = 10.0) -> tuple[float, float, bytes]:
        """Read until output goes quiet: (first byte time, last byte time, bytes)."""
        first = last = 0.0
        data = b""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], QUIET if data else timeout)
            if not ready:
                if data:
                    break
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            first = first or now
            last = now
            data += chunk
        self.seen += data
        return first, last, data

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            _, last, _ = self.burst(timeout=0.5)
            if needle in self.seen:
                return last
        raise RuntimeError(f"{needle!r} never appeared")

    def press(self, key: bytes) -> tuple[float, bytes]:
        """Send a key; seconds until its repaint was completely written."""
        self.sent = time.perf_counter()
        os.write(self.master, key)
        _, last, data = self.burst()
        return (last - self.sent if data else float("nan")), data

    def more(self, timeout: float = 1.0) -> float | None:
        """Seconds since the last key to the end of a further burst; None if none comes."""
        _, last, data = self.burst(timeout=timeout)
        return last - self.sent if data else None

    def peak_rss_mb(self) -> float:
        """The process's own high-water resident set so far (Linux /proc)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc/PID/status")

    def quit(self) -> None:
        try:
            os.write(self.master, b"q")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.close()

    def close(self) -> None:
        """Make sure the app is gone, whatever happened (hang up like a closing terminal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGHUP)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(name: str, seconds: list[float]) -> dict[str, float | str | int]:
    ms = [s * 1000 for s in seconds if not math.isnan(s)]
    return {
        "measure": name,
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p99_ms": round(percentile(ms, 0.99), 2),
        "max_ms": round(max(ms), 2),
    }


def decided_count(reader: Store) -> int:
    return reader.progress()[0]


def app_terminal(db: Path) -> Terminal:
    return Terminal([sys.executable, "-c", LAUNCH, str(db)])


def bare_terminal() -> Terminal:
    return Terminal([sys.executable, "-c", BARE])


def run_session(db: Path, iterations: int) -> tuple[list[dict], float, float]:
    """(key rows, cold start seconds, peak RSS in MB) of one driven session."""
    reader = Store.open(db, "bench-reader")
    term = app_terminal(db)
    try:
        return _drive(term, reader, iterations)
    finally:
        term.close()
        reader.close()


def run_bare(iterations: int) -> list[dict]:
    """Key -> repaint on the bare Textual app, keys 1-7 as the verdict keys."""
    term = bare_terminal()
    try:
        term.wait_for(b"ready")
        term.burst(timeout=0.5)
        presses = [term.press(str(index % 7 + 1).encode())[0] for index in range(iterations)]
        term.quit()
    finally:
        term.close()
    return [summary("bare Textual app: key -> repaint", presses)]


def _drive(term: Terminal, reader: Store, iterations: int) -> tuple[list[dict], float, float]:
    cold = term.wait_for(b" decided") - term.started
    term.burst(timeout=0.5)
    verdict: list[float] = []
    moves: list[float] = []
    articles: list[float] = []
    done = decided_count(reader)
    in_article = 0
    for index in range(iterations):
        if in_article == 19:  # keep the last claim of each article: no "all done" toast
            seconds, _ = term.press(b"J")
            articles.append(seconds)
            in_article = 0
        seconds, _ = term.press(str(index % 7 + 1).encode())
        # On a busy machine the repaint can go quiet for QUIET before the commit: keep reading.
        while (now := decided_count(reader)) == done and (later := term.more()) is not None:
            seconds = later
        if now != done + 1:
            raise RuntimeError(f"after a verdict key {now - done} rows were committed, not 1")
        done = now
        verdict.append(seconds)
        in_article += 1
    for index in range(iterations):
        seconds, _ = term.press(b"j" if index % 30 < 15 else b"k")
        moves.append(seconds)
    term.press(b"o")
    term.burst(timeout=1.0)
    term.press(b"G")
    term.press(b"\r")
    term.burst(timeout=1.0)
    peak_mb = term.peak_rss_mb()
    term.quit()
    rows = [
        summary("verdict key -> committed + repaint", verdict),
        summary("cursor move (j/k) -> repaint", moves),
        summary("next article (J) -> repaint", articles),
    ]
    return rows, cold, peak_mb


def cold_start(term: Terminal, ready: bytes) -> float:
    try:
        seconds = term.wait_for(ready) - term.started
        term.quit()
    finally:
        term.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="Existing workspace (default: generate one).")
    parser.add_argument("--articles", type=int, default=5000, help="Articles to generate.")
    parser.add_argument("--claims-per-article", type=int, default=20, help="Claims per article.")
    parser.add_argument("--iterations", type=int, default=300, help="Key presses per measure.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db is None:
            from make_workspace import make_workspace

            db = Path(tmp) / "bench.db"
            make_workspace(db, args.articles, args.claims_per_article).close()
        else:  # work on a copy: the benchmark writes verdicts
            db = Path(tmp) / "bench.db"
            source = Store.open(args.db, "bench")
            source.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            source.close()
            shutil.copyfile(args.db, db)
        rows, _, peak_mb = run_session(db, args.iterations)
        rows += run_bare(args.iterations)
        colds = sorted(cold_start(app_terminal(db), b" decided") for _ in range(5))
        bare_colds = sorted(cold_start(bare_terminal(), b"ready") for _ in range(5))
    result = {
        "keys": rows,
        "cold_start_median_s": round(colds[2], 3),
        "cold_start_max_s": round(colds[-1], 3),
        "bare_cold_start_median_s": round(bare_colds[2], 3),
        "peak_rss_mb": round(peak_mb, 1),
    }
    if args.json:
        print(json.dumps(result))
        return
    for row in rows:
        print(
            f"{row['measure']:<38} n={row['n']:<4} median {row['median_ms']:>7.2f} ms   "
            f"p99 {row['p99_ms']:>7.2f} ms   max {row['max_ms']:>7.2f} ms"
        )
    print(
        f"{'cold start -> first full screen':<38} median {colds[2] * 1000:.0f} ms, "
        f"max {colds[-1] * 1000:.0f} ms (5 runs)"
    )
    print(
        f"{'bare Textual app: cold start':<38} median {bare_colds[2] * 1000:.0f} ms, "
        f"max {bare_colds[-1] * 1000:.0f} ms (5 runs)"
    )
    print(f"{'peak memory (VmHWM of the app)':<38} {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
