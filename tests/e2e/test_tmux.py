"""End to end: the real `triage` in tmux, driven by send-keys, then the terminal is killed.

Whatever the screen showed as saved must be in the database afterwards, whether the
session dies by SIGHUP (tmux kill-session, as when SSH drops) or the process by SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
TRIAGE = Path(sys.executable).with_name("triage")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

pytestmark = [
    pytest.mark.skipif(
        TMUX is None, reason="tmux is not installed, so the terminal test cannot run"
    ),
    pytest.mark.skipif(
        not TRIAGE.exists(), reason="the triage console script is not installed (pip install -e .)"
    ),
]


class Terminal:
    """One tmux server of our own (private socket), one session running a command."""

    def __init__(self, socket: Path, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX, "-S", str(self.socket), *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        )
        return result.stdout

    def start(self, command: str, width: int = 100, height: int = 30) -> None:
        self.tmux("new-session", "-d", "-s", "triage", "-x", str(width), "-y", str(height), command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "triage")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "triage", key)

    def pane_pid(self) -> int:
        return int(self.tmux("list-panes", "-t", "triage", "-F", "#{pane_pid}").strip())

    def kill(self) -> None:
        """Stop this tmux server; the next start uses a fresh one (a new socket)."""
        subprocess.run(
            [TMUX, "-S", str(self.socket), "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=20,
            check=False,
        )  # may already be gone
        self.socket = self.socket.with_name(self.socket.name + "+")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRIAGE_CONFIG": str(tmp_path / "config.toml"),
        "TRIAGE_DB": str(tmp_path / "workspace.db"),
    }
    env.pop("NO_COLOR", None)
    env.pop("TMUX", None)
    term = Terminal(tmp_path / "tmux.sock", env)
    yield term
    term.kill()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles imported once by the real CLI (seconds of extraction and linking)."""
    folder = tmp_path_factory.mktemp("seeded")
    db = folder / "workspace.db"
    subprocess.run(
        [str(TRIAGE), "import", str(SEEDS), "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "TRIAGE_CONFIG": str(folder / "config.toml")},
    )
    assert not db.with_name(db.name + "-wal").exists()  # closed cleanly: one file holds it all
    return db


@pytest.fixture
def workspace(seeded: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seeded workspace for each test, which writes to it."""
    db = tmp_path / "workspace.db"
    shutil.copyfile(seeded, db)
    return db


def verdicts(db: Path) -> list[tuple[str, str | None]]:
    """The first article's decisions, in the claim list's default order: best score first."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT status, verdict FROM claims WHERE status != 'undecided' "
            "AND article_id = (SELECT MIN(id) FROM articles) ORDER BY score DESC, position"
        ).fetchall()


def wait_dead(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_verdicts_survive_the_terminal_being_killed(terminal: Terminal, workspace: Path):
    terminal.start(f"{TRIAGE} --db {workspace}")
    terminal.wait_for(" decided")
    pid = terminal.pane_pid()
    terminal.keys("1", "2", "3", "6")
    terminal.wait_for(": 4/")  # the header counts the saved decisions
    terminal.tmux("kill-session", "-t", "triage")  # SIGHUP, like a dropped SSH connection
    assert wait_dead(pid), "the app outlived its terminal"
    assert [v for _, v in verdicts(workspace)] == ["True", "Mostly true", "Mixed", "False"]


def test_verdicts_survive_sigkill_and_reopening_resumes(terminal: Terminal, workspace: Path):
    terminal.start(f"{TRIAGE} --db {workspace}")
    terminal.wait_for(" decided")
    terminal.keys("7", "c", "x")
    terminal.wait_for(": 2/")  # checking is not a decision: Unproven and dismissed are
    os.kill(terminal.pane_pid(), signal.SIGKILL)
    assert verdicts(workspace) == [("decided", "Unproven"), ("checking", None), ("dismissed", None)]
    terminal.kill()
    terminal.start(f"{TRIAGE} --db {workspace}")
    shown = terminal.wait_for(" decided")
    assert ": 2/" in shown
    terminal.keys("u")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(verdicts(workspace)) == 3:
        time.sleep(0.05)
    assert verdicts(workspace) == [("decided", "Unproven"), ("checking", None)]


def test_hostile_text_never_reaches_the_terminal(terminal: Terminal, tmp_path: Path):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "[red]Breaking[/red] \x1b]0;pwned\x07 title\n\n"
        "Prices rose by 5 percent \x1b[31mRED\x1b[0m in May 2024 says the [b]not bold[/b] "
        "report. Copy this \x1b]52;c;ZXZpbA==\x07 now, 40 percent of people said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "hostile.db"
    subprocess.run(
        [str(TRIAGE), "import", str(article), "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=120,
        env=terminal.env,
    )
    log = tmp_path / "bytes.log"
    terminal.start("sh", width=160, height=40)
    terminal.tmux("pipe-pane", "-o", "-t", "triage", f"cat >> {log}")
    terminal.keys(f"{TRIAGE} --db {db}", "Enter")
    terminal.wait_for(" decided")
    # The panes are drawn one after another: wait until the title and the body are both shown.
    terminal.wait_for("Breaking[/red]")
    shown = terminal.wait_for("RED␛[0m")
    terminal.keys("q")
    time.sleep(0.5)
    written = log.read_bytes()
    assert b"\x1b]52" not in written  # no clipboard write
    assert b"\x1b]0;pwned" not in written and b"\x1b]2;pwned" not in written  # no title change
    assert b"\x1b[31mRED" not in written  # the article's colour code was not passed through
    assert "[red]Breaking[/red] ␛]0;pwned␇ title" in shown  # brackets as typed, ESC visible
    assert "␛[31mRED␛[0m" in shown


def test_two_sessions_on_one_workspace_see_each_other(terminal: Terminal, workspace: Path):
    for name, user in (("alice", "alice"), ("bob", "bob")):
        config = workspace.with_name(f"{name}.toml")
        config.write_text(f'user = "{user}"\n', encoding="utf-8")
        terminal.tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            f"TRIAGE_CONFIG={config} {TRIAGE} --db {workspace}",
        )
    for name in ("alice", "bob"):
        wait_for_in(terminal, name, ": 0/")
    terminal.tmux("send-keys", "-t", "alice", "1")
    wait_for_in(terminal, "alice", ": 1/")
    wait_for_in(terminal, "bob", ": 1/", timeout=2.5)  # bob's screen follows within 2 s
    terminal.tmux("send-keys", "-t", "bob", "j", "6")  # bob decides another claim at once
    terminal.tmux("send-keys", "-t", "alice", "j", "j", "3")
    wait_for_in(terminal, "bob", ": 3/", timeout=2.5)
    wait_for_in(terminal, "alice", ": 3/", timeout=2.5)
    for name in ("alice", "bob"):
        assert "locked" not in screen_of(terminal, name).lower()
    assert sorted(v for _, v in verdicts(workspace)) == ["False", "Mixed", "True"]


def screen_of(terminal: Terminal, session: str) -> str:
    return terminal.tmux("capture-pane", "-p", "-t", session)


def wait_for_in(terminal: Terminal, session: str, text: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in screen_of(terminal, session):
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {session}:\n{screen_of(terminal, session)}")
