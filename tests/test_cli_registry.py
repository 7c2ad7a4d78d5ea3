"""The command registry: `triage --help` stays light, and a command that cannot be imported is
named with its module and error instead of vanishing."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from triage.cli import COMMANDS, cli, load_command

# What listing the commands must not pay for: the app, matching, the store and extraction.
HEAVY = ("textual", "rapidfuzz", "numpy", "trafilatura", "wordllama", "sqlite_utils")
HEAVY_TRIAGE = ("triage.tui", "triage.link", "triage.store", "triage.extract", "triage.pipeline")

HELP = """
import contextlib, io, json, sys
sys.argv = ["triage", "--help"]
from triage.cli import main
code = 0
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code
print(json.dumps({"code": code, "help": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def test_help_lists_every_command_without_importing_the_heavy_modules() -> None:
    run = subprocess.run([sys.executable, "-c", HELP], capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    assert result["code"] == 0
    listing = result["help"].split("Commands:")[1]
    listed = re.findall(r"^  (\S+?)\*? ", listing, flags=re.MULTILINE)  # one a line, default*
    assert sorted(listed) == sorted(COMMANDS)
    assert "[broken]" not in result["help"]
    loaded = [
        name
        for name in result["modules"]
        if name.split(".")[0] in HEAVY or name.startswith(HEAVY_TRIAGE)
    ]
    assert loaded == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_command_loads(name: str) -> None:
    command = load_command(name)
    assert command.name == name


@pytest.fixture
def broken_match(monkeypatch: pytest.MonkeyPatch) -> str:
    """`match` registered under a module that does not exist, as after a bad import."""
    module = "triage.cli.no_such_module"
    monkeypatch.setitem(COMMANDS, "match", f"{module}:match_command")
    monkeypatch.delitem(cli.commands, "match", raising=False)  # loaded by an earlier test
    return module


def test_a_command_whose_module_cannot_be_imported_fails_naming_it(broken_match: str) -> None:
    result = CliRunner().invoke(cli, ["match", "--top", "3"], input="1\tA claim.\n")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "'match'" in line and broken_match in line and "No module named" in line
    assert "No such command" not in result.output


def test_its_own_help_fails_the_same_way(broken_match: str) -> None:
    result = CliRunner().invoke(cli, ["match", "--help"])
    assert result.exit_code == 1
    assert broken_match in result.output


def test_the_command_list_shows_it_broken_and_keeps_the_others(broken_match: str) -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    [line] = [line for line in result.output.splitlines() if line.strip().startswith("match")]
    assert "[broken]" in line
    assert "stats" in result.output and "import" in result.output


def test_a_missing_attribute_is_named_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COMMANDS, "stats", "triage.cli.workspace:no_such_command")
    monkeypatch.delitem(cli.commands, "stats", raising=False)
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code == 1
    assert "triage.cli.workspace" in result.output and "no_such_command" in result.output


def test_the_triage_script_says_it_in_one_line_with_exit_1() -> None:
    code = (
        "import sys; import triage.cli as c; "
        "c.COMMANDS['match'] = 'triage.cli.no_such_module:match_command'; "
        "sys.argv = ['triage', 'match']; c.main()"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, input="")
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "Error: command 'match' cannot be loaded: importing triage.cli.no_such_module failed: "
        "ModuleNotFoundError: No module named 'triage.cli.no_such_module'"
    ]
