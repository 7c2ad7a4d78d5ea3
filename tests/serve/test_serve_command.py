"""The `triage serve` command line: what it prints, when it asks for a token, its errors."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import cli
from triage.config import load_config
from triage.models import TriageError
from triage.serve.server import TriageServer


@pytest.fixture
def not_serving(monkeypatch: pytest.MonkeyPatch) -> list[TriageServer]:
    """The command up to the point it would listen: the server it built, nothing bound."""
    built: list[TriageServer] = []

    def bind(self: TriageServer) -> socket.socket:
        built.append(self)
        return socket.socket()

    def serve(self: TriageServer, debug: bool = False, sock: socket.socket | None = None) -> None:
        assert sock is not None
        sock.close()

    monkeypatch.setattr(TriageServer, "bind", bind)
    monkeypatch.setattr(TriageServer, "serve", serve)
    return built


def test_an_outside_address_gets_a_new_token_printed_once(not_serving, tmp_path: Path):
    result = CliRunner().invoke(cli, ["serve", "--host", "192.0.2.10", "--port", "8123"])
    assert result.exit_code == 0, result.output
    [server] = not_serving
    assert server.token and len(server.token) >= 32
    assert f"Open http://192.0.2.10:8123/?token={server.token}" in result.output
    assert result.output.count(server.token) == 1
    assert "share it only with your desk" in result.output


def test_loopback_needs_no_token_and_sessions_get_the_servers_paths(not_serving, tmp_path):
    config = tmp_path / "desk.toml"
    config.write_text("max_sessions = 3\n", encoding="utf-8")
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--config", str(config)])
    assert result.exit_code == 0, result.output
    [server] = not_serving
    assert server.token is None and "Open http://127.0.0.1:8000/\n" in result.output
    assert server.max_sessions == 3  # from the config
    assert server.command.endswith(
        f"-m triage.serve.session --db {db} --config {config}"
    )  # fixed at start: nothing in a request reaches the session's command line
    assert db.exists()  # the workspace is made (and checked) before anyone connects


def test_the_flag_wins_over_the_config_for_the_session_limit(not_serving, tmp_path):
    (tmp_path / "config.toml").write_text("max_sessions = 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--max-sessions", "12"])
    assert result.exit_code == 0, result.output
    assert not_serving[0].max_sessions == 12
    assert "at most 12 sessions at once" in result.output


def test_the_token_can_come_from_the_environment(not_serving, monkeypatch):
    monkeypatch.setenv("TRIAGE_SERVE_TOKEN", "from-the-environment-1234")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    assert not_serving[0].token == "from-the-environment-1234"
    assert "?token=from-the-environment-1234" in result.output


@pytest.mark.parametrize("value", ["0", "300", "true", '"8"'])
def test_a_bad_max_sessions_in_the_config_is_one_line(tmp_path, value):
    config = tmp_path / "bad.toml"
    config.write_text(f"max_sessions = {value}\n", encoding="utf-8")
    with pytest.raises(TriageError, match="max_sessions"):
        load_config(config)


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triage.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_weak_token_is_refused_before_anything_listens():
    result = run_main("serve", "--token", "secret")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "triage: error: --token needs at least 16 characters from A-Z, a-z, 0-9, - and _ "
        "(leave it out and a strong one is generated)"
    ]
    assert "Open" not in result.stdout


def test_a_taken_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_main("serve", "--port", str(port))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"triage: error: cannot listen on 127.0.0.1:{port} (")
    assert "Open" not in result.stdout
