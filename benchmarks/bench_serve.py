"""How fast the triage screen answers in a browser (`triage serve`, headless Chromium), next to
the same figures in a terminal (bench_tui's pseudo-terminal), on one generated workspace.

    python benchmarks/bench_serve.py [--articles 5000] [--iterations 100] [--opens 5] [--sessions 4]

Needs /usr/bin/chromium (apt-get install -y chromium) and Playwright (the `test` extra). The
page's own clock (performance.now(), from the start of navigation) times the browser side;
tests/serve/screen_probe.js records what the page's WebSocket receives:

- page open -> claim list (alternating with the terminal's cold starts): navigation start -> the frame that completes the first screen (the
  header's " decided", as bench_tui waits for) -> painted (two animation frames later), with
  the steps between: page loaded, socket open, first byte;
- verdict key -> repaint: keydown -> the last frame of the burst the key caused (the burst ends
  after QUIET s without a frame) -> painted; each key's row checked committed through a
  second connection, as in bench_tui;
- memory: RSS and PSS (shared pages split between the processes sharing them) of each session
  process with `--sessions` tabs open, and of the server process.
Terminal side, same workspace: cold start and verdict key from bench_tui; RSS/PSS of the app.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_tui import Terminal, cold_start, run_session, summary

from triage.store.workspace import Store

CHROMIUM = Path("/usr/bin/chromium")
PROBE = ROOT / "tests" / "serve" / "screen_probe.js"
TRIAGE = Path(sys.executable).with_name("triage")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1200, "height": 800}
QUIET = 0.15  # s without a frame: the repaint is complete
MARKER = " decided"


class Served:
    """`triage serve --port 0` on the workspace; output drained by a thread."""

    def __init__(self, db: Path, max_sessions: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TRIAGE_CONFIG": str(db.with_suffix(".toml"))}
        env.pop("NO_COLOR", None)
        self.db = db
        self.process = subprocess.Popen(
            [
                str(TRIAGE),
                "serve",
                "--db",
                str(db),
                "--port",
                "0",
                "--max-sessions",
                str(max_sessions),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.url = ""
        ready = threading.Event()

        def drain() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                if line.startswith("Open "):
                    self.url = line.split()[1]
                    ready.set()

        threading.Thread(target=drain, daemon=True).start()
        if not ready.wait(120):
            self.stop()
            raise RuntimeError("triage serve did not start")

    def sessions(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    argv = (entry / "cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if b"triage.serve.session" in argv and str(self.db).encode() in argv:
                    found.append(int(entry.name))
        return found

    def wait_no_sessions(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while self.sessions() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB from /proc."""
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def open_page(context, url: str, timeout_s: float = 60.0):
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(
        f"window.__triage && window.__triage.raw.includes({json.dumps(MARKER)})",
        timeout=timeout_s * 1000,
    )
    return page


def page_open_times(page) -> dict[str, float]:
    """Milliseconds from the start of navigation to each step of the first screen."""
    data = page.evaluate(
        """() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const p = window.__triage;
        return {loaded: nav.loadEventEnd, opened: p.opened, frames: p.frames, raw: p.raw,
                paints: p.paints, url: p.socketUrl};
    }"""
    )
    shown = next(i for i, f in enumerate(data["frames"]) if MARKER in data["raw"][: f[2]])
    return {
        "loaded": data["loaded"],
        "socket_open": data["opened"],
        "first_byte": data["frames"][0][0],
        "claim_list": data["frames"][shown][0],
        "painted": data["paints"][shown] if shown < len(data["paints"]) else float("nan"),
        "size": data["url"].split("?", 1)[-1],
    }


def browser_opens(
    browser, served: Served, opens: int, terminal_db: Path
) -> tuple[list[dict[str, float]], list[float]]:
    """Page opens alternating with terminal cold starts, so both see the same machine load."""
    results, colds = [], []
    for _ in range(opens):
        colds.append(cold_start(terminal_db) * 1000)
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(path=str(PROBE))
        page = open_page(context, served.url)
        time.sleep(0.5)  # late paints
        results.append(page_open_times(page))
        context.close()
        served.wait_no_sessions()
    return results, colds


def wait_quiet(page, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        idle = page.evaluate(
            "() => { const f = window.__triage.frames; "
            "return f.length ? performance.now() - f[f.length - 1][0] : 1e9; }"
        )
        if idle > QUIET * 1000:
            return
        time.sleep(QUIET / 3)


def browser_keys(
    browser, served: Served, iterations: int
) -> tuple[list[float], list[float], list[float]]:
    """Per verdict key: ms keydown -> first frame, -> last frame of its burst, -> painted."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(path=str(PROBE))
    page = open_page(context, served.url)
    time.sleep(1.5)  # the first screen settles (gc.freeze after STARTUP_SETTLED_S)
    wait_quiet(page)
    page.focus(".xterm-helper-textarea")
    reader = Store.open(served.db, "bench-reader")
    first, last, painted = [], [], []
    done = reader.progress()[0]
    in_article = 0
    try:
        for index in range(iterations):
            if in_article == 19:  # keep the last claim of each article: no "all done" toast
                page.keyboard.press("J")
                wait_quiet(page)
                in_article = 0
            before = page.evaluate("window.__triage.frames.length")
            page.keyboard.press(str(index % 7 + 1))
            deadline = time.monotonic() + 10
            while reader.progress()[0] != done + 1 and time.monotonic() < deadline:
                time.sleep(0.005)
            now = reader.progress()[0]
            if now != done + 1:
                raise RuntimeError(f"after a verdict key {now - done} rows were committed, not 1")
            done = now
            in_article += 1
            page.wait_for_function(f"window.__triage.frames.length > {before}", timeout=10000)
            wait_quiet(page)
            page.wait_for_function(  # every frame painted (animation frames can lag in headless)
                "() => { const p = window.__triage; "
                "return p.paints.filter(x => x !== undefined).length === p.frames.length; }",
                timeout=5000,
            )
            key, frames, paints = page.evaluate(
                f"[window.__triage.keys.at(-1), window.__triage.frames.slice({before}), "
                f"window.__triage.paints.slice({before})]"
            )
            if not frames:
                continue
            end = 0  # the burst: frames until a gap of QUIET
            while end + 1 < len(frames) and frames[end + 1][0] - frames[end][0] < QUIET * 1000:
                end += 1
            first.append(frames[0][0] - key)
            last.append(frames[end][0] - key)
            paint = paints[end] if end < len(paints) and paints[end] is not None else float("nan")
            painted.append(paint - key)
    finally:
        reader.close()
        context.close()
        served.wait_no_sessions()
    return first, last, painted


def browser_memory(browser, served: Served, sessions: int) -> dict[str, object]:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(path=str(PROBE))
    pages = [open_page(context, served.url) for _ in range(sessions)]
    time.sleep(2.0)
    per_session = [memory_mb(pid) for pid in served.sessions()]
    server = memory_mb(served.process.pid)
    for page in pages:
        page.close()
    context.close()
    served.wait_no_sessions()
    return {
        "sessions": len(per_session),
        "session_rss_mb": round(statistics.median(r for r, _ in per_session), 1),
        "session_pss_mb": round(statistics.median(p for _, p in per_session), 1),
        "server_rss_mb": round(server[0], 1),
    }


def terminal_memory(db: Path) -> tuple[float, float]:
    term = Terminal(db)
    try:
        term.wait_for(MARKER.encode())
        time.sleep(2.0)
        return memory_mb(term.process.pid)
    finally:
        term.quit()


def ms_row(name: str, values: list[float]) -> str:
    row = summary(name, [v / 1000 for v in values])
    return (
        f"{row['measure']:<44} n={row['n']:<4} median {row['median_ms']:>7.1f} ms   "
        f"p99 {row['p99_ms']:>7.1f} ms   max {row['max_ms']:>7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="Articles to generate.")
    parser.add_argument("--claims-per-article", type=int, default=20, help="Claims per article.")
    parser.add_argument("--iterations", type=int, default=100, help="Verdict keys per side.")
    parser.add_argument("--opens", type=int, default=5, help="Page opens (and cold starts).")
    parser.add_argument("--sessions", type=int, default=4, help="Tabs open for the memory figure.")
    args = parser.parse_args()
    if args.iterations < 20:
        parser.error("--iterations: at least 20 (bench_tui moves to the next article every 19)")
    if not CHROMIUM.exists():
        sys.exit(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    from make_workspace import make_workspace
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        make_workspace(db, args.articles, args.claims_per_article).close()
        fresh = Path(tmp) / "terminal.db"  # the terminal side starts from the same state
        fresh.write_bytes(db.read_bytes())
        served = Served(db, max_sessions=max(args.sessions, 2))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
                opens, colds = browser_opens(browser, served, args.opens, fresh)
                first, last, painted = browser_keys(browser, served, args.iterations)
                memory = browser_memory(browser, served, args.sessions)
                browser.close()
        finally:
            served.stop()
        rows, _ = run_session(fresh, args.iterations)
        term_rss, term_pss = terminal_memory(fresh)

    print(f"workspace: {args.articles} articles x {args.claims_per_article} claims; "
          f"browser {VIEWPORT['width']}x{VIEWPORT['height']} px, {opens[0]['size']}")  # fmt: skip
    print("browser (triage serve, headless Chromium):")
    for step in ("loaded", "socket_open", "first_byte", "claim_list", "painted"):
        print(ms_row(f"  page open -> {step.replace('_', ' ')}", [o[step] for o in opens]))
    print(ms_row("  verdict key -> first frame", first))
    print(ms_row("  verdict key -> last frame of the repaint", last))
    print(ms_row("  verdict key -> repaint painted", painted))
    print(f"  memory with {memory['sessions']} tabs: per session RSS {memory['session_rss_mb']} MB, "
          f"PSS {memory['session_pss_mb']} MB; server RSS {memory['server_rss_mb']} MB")  # fmt: skip
    print("terminal (bench_tui's pseudo-terminal, 120x40):")
    print(ms_row("  cold start -> first full screen", colds))
    verdict = rows[0]
    print(f"  {verdict['measure']:<42} n={verdict['n']:<4} median {verdict['median_ms']:>7.1f} ms   "
          f"p99 {verdict['p99_ms']:>7.1f} ms   max {verdict['max_ms']:>7.1f} ms")  # fmt: skip
    print(f"  memory: RSS {term_rss:.1f} MB, PSS {term_pss:.1f} MB")


if __name__ == "__main__":
    main()
