"""One browser tab's process: `python -m triage.serve.session --db PATH --config PATH`.

textual-serve starts it per WebSocket with Textual's web driver in the environment. The paths
come from the server's command line, resolved when the server started, never from a request.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from triage.config import load_config
from triage.models import TriageError


def command_line(db: Path, config: Path) -> list[str]:
    """The argv the server runs for each session (the same interpreter as the server)."""
    return [sys.executable, "-m", "triage.serve.session", "--db", str(db), "--config", str(config)]


def end_with_parent() -> None:
    """Ask Linux to send SIGTERM (the web driver's quit) when the server dies, even by SIGKILL:
    a session must never outlive its server holding the workspace open. Elsewhere a server
    that dies uncleanly can leave sessions behind."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import os

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the server died before prctl took effect
        sys.exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="triage.serve.session")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--config", type=Path, required=True)
    args = parser.parse_args(argv)
    end_with_parent()
    from triage.tui.app import run_app

    try:
        # The server checked the file for damage and finished pending links at start.
        run_app(args.db, load_config(args.config), checked=True)
    except TriageError as error:
        print(f"triage serve: session: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
