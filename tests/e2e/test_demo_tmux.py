"""End to end: `triage demo` in tmux shows the sample articles, and its throwaway workspace is
gone afterwards, whether the journalist quits or the terminal is closed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
TRIAGE = Path(sys.executable).with_name("triage")

pytestmark = [
    pytest.mark.skipif(
        TMUX is None, reason="tmux is not installed, so the terminal test cannot run"
    ),
    pytest.mark.skipif(not TRIAGE.exists(), reason="the triage console script is not installed"),
]


def tmux(socket: Path, *args: str) -> str:
    return subprocess.run([TMUX, "-S", str(socket), *args], capture_output=True, text=True,
                          check=True, timeout=20).stdout  # fmt: skip


def wait_until(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("ending", ["q", "closed terminal"])
def test_the_demo_workspace_is_removed_when_the_demo_ends(tmp_path: Path, ending: str) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    socket = tmp_path / "tmux.sock"
    command = (f"env TMPDIR={temp} TRIAGE_CONFIG={tmp_path / 'config.toml'} "
               f"TRIAGE_DB={tmp_path / 'mine.db'} TERM=xterm-256color {TRIAGE} demo")  # fmt: skip
    tmux(socket, "new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", command)
    try:

        def shown() -> str:
            return tmux(socket, "capture-pane", "-p", "-t", "demo")

        assert wait_until(lambda: "Kremlin" in shown()), shown()  # a sample article is on screen
        [folder] = list(temp.iterdir())
        assert (folder / "demo.db").exists()
        if ending == "q":
            tmux(socket, "send-keys", "-t", "demo", "q")
        else:
            tmux(socket, "kill-session", "-t", "demo")  # SIGHUP, as when SSH drops
        assert wait_until(lambda: not folder.exists(), timeout=15), list(folder.iterdir())
        assert not (tmp_path / "mine.db").exists()  # the user's own workspace was not touched
    finally:
        subprocess.run([TMUX, "-S", str(socket), "kill-server"], capture_output=True, check=False,
                       timeout=20, env={**os.environ})  # fmt: skip
