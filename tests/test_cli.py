from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from triage.cli import cli
from triage.store.workspace import Store

ARTICLE = (
    "Pier reopens after repairs\n\n"
    "The harbour council spent 2.5 million euros on repairs to the old pier, the mayor said on "
    "Tuesday. Unemployment in the town fell by 3 percent last year, according to the national "
    "statistics office. The pier had been closed since 2019.\n"
)


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def all_commands(group: click.Group, ctx: click.Context):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"command {name!r} cannot be loaded"
        yield name, command
        if isinstance(command, click.Group):
            yield from all_commands(command, ctx)


def test_every_command_and_option_has_help() -> None:
    ctx = click.Context(cli)
    for name, command in all_commands(cli, ctx):
        assert (command.help or "").strip(), f"command {name} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"{name} {param.opts} has no help"


def test_import_reports_one_summary_line_and_stores_claims(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "pier.txt").write_text(ARTICLE)
    result = run("import", str(tmp_path / "pier.txt"))
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("1 articles imported,")
    assert "0 files failed" in result.stdout
    store = Store.open(db_path)
    [article] = store.articles()
    assert article.title == "Pier reopens after repairs"
    assert article.claims >= 1


def test_reimport_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "pier.txt").write_text(ARTICLE)
    run("import", str(tmp_path / "pier.txt"))
    result = run("import", str(tmp_path / "pier.txt"))
    assert "0 articles imported" in result.stdout and "1 duplicates skipped" in result.stdout


def test_bad_files_are_named_and_the_rest_still_import(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.jsonl").write_text('{"title": "x", "text": "y"}\n{oops\n')
    result = run(
        "import",
        str(tmp_path / "good.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "broken.jsonl"),
        str(tmp_path / "missing.txt"),
    )
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert any("empty.txt: empty article" in line for line in errors)
    assert any("broken.jsonl: line 2" in line for line in errors)
    assert any("missing.txt: no such file" in line for line in errors)
    assert "1 articles imported" in result.stdout and "3 files failed" in result.stdout
    assert Store.open(db_path).article_count() == 1


def test_import_from_stdin(db_path: Path) -> None:
    result = run("import", "-", input=ARTICLE)
    assert result.exit_code == 0
    assert Store.open(db_path).articles()[0].title == "Pier reopens after repairs"


def test_export_filters_and_formats(tmp_path: Path, db_path: Path) -> None:
    run("import", "-", input=ARTICLE)
    store = Store.open(db_path)
    first = store.claims(store.article_ids()[0])[0]
    store.set_verdict([first.id], "Mostly true")
    store.close()
    lines = run("export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) >= 1 and json.loads(lines[0])["article_title"] == "Pier reopens after repairs"
    decided = run("export", "--format", "jsonl", "--status", "decided").stdout.splitlines()
    assert [json.loads(line)["id"] for line in decided] == [first.id]
    out = tmp_path / "reviews.json"
    result = run("export", "--format", "claimreview", "-o", str(out))
    assert result.exit_code == 0
    [review] = json.loads(out.read_text())
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert not (tmp_path / "reviews.json.partial").exists()
    csv_text = run("export", "--format", "csv", "--verdict", "mostly TRUE").stdout
    assert len(csv_text.strip().splitlines()) == 2


def test_stats_json(db_path: Path) -> None:
    run("import", "-", input=ARTICLE)
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 1
    assert stats["by_status"]["undecided"] == stats["claims"]


def test_locate_honours_flag_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert f"workspace: {tmp_path / 'workspace.db'}" in run("locate").stdout
    assert "workspace: /elsewhere/w.db" in run("locate", "--db", "/elsewhere/w.db").stdout


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    not_a_workspace = tmp_path / "notes.db"
    not_a_workspace.write_text("hello " * 1000)
    result = subprocess.run(
        [sys.executable, "-m", "triage.cli", "stats", "--db", str(not_a_workspace)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {not_a_workspace}: not a triage workspace (the file is not an SQLite database)"
    ]


def test_broken_config_is_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("verdicts = [oops\n")
    result = subprocess.run(
        [sys.executable, "-m", "triage.cli", "stats", "--config", str(config)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"triage: error: {config}: invalid TOML")


def test_seeds_ship_with_the_package() -> None:
    from triage.pipeline import bundled_seeds

    names = sorted(p.name for p in bundled_seeds().glob("*.txt"))
    assert "000_39e39425a01b365b.txt" in names and len(names) >= 4


def test_import_links_with_the_configured_thresholds(tmp_path: Path) -> None:
    # One claim reworded by two outlets: linked automatically by default, only suggested
    # when the config's [link] table asks for a near-verbatim match.
    claim_a = "The harbour council spent 2.5 million euros repairing the old pier last year."
    claim_b = "Last year the harbour council spent 2.5 million euros repairing the old pier."
    (tmp_path / "a.txt").write_text(f"Pier story\n\n{claim_a}\n")
    (tmp_path / "b.txt").write_text(f"Pier report\n\n{claim_b}\n")
    strict = tmp_path / "strict.toml"
    strict.write_text("[link]\nautomatic = 99.5\n")
    from triage.link.linker import linker_for

    def link_state(db: Path, *config: str) -> str:
        files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
        assert run("import", "--db", str(db), *config, *files).exit_code == 0
        store = Store.open(db)
        last = store.claims(store.article_ids()[-1])[0]
        [link] = linker_for(store).links.links(last.id)
        store.close()
        return link.state

    assert link_state(tmp_path / "default.db") == "automatic"
    assert link_state(tmp_path / "strict.db", "--config", str(strict)) == "suggested"


# -- hostile text and unlucky paths (issue 13) -------------------------------------------------

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # would write "evil" to the clipboard
SHOWN = "␛]52;c;ZXZpbA==␇"


def hostile_workspace(path: Path) -> None:
    from triage.models import Article, Sentence

    text = f"Prices rose 5 percent {OSC52} in May \x9b31m."
    store = Store.open(path, "tester")
    store.add_article(
        Article(title=f"Breaking {OSC52}\x1b[2J news", text=text),
        [Sentence(0, len(text), text, 0.9, True, "quantity")],
    )
    store.close()


def run_main(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triage.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def test_stats_shows_hostile_titles_cleaned(db_path: Path) -> None:
    hostile_workspace(db_path)
    out = run("stats").stdout
    assert f"Breaking {SHOWN}␛[2J news" in out
    assert "\x1b" not in out and "\x07" not in out


def _through_a_terminal(*args: str) -> str:
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "triage.cli", *args],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=60,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode()


def test_export_to_a_terminal_is_cleaned_but_to_a_pipe_is_exact(db_path: Path) -> None:
    hostile_workspace(db_path)
    shown = _through_a_terminal("export", "--db", str(db_path))
    assert SHOWN in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    piped = run_main("export", "--db", str(db_path)).stdout
    assert OSC52 in piped and "\x9b31m" in piped  # a file or a pipe gets the data as it is


def test_error_and_warning_lines_naming_hostile_files_are_cleaned(tmp_path: Path) -> None:
    hostile = tmp_path / f"e{OSC52}.txt"
    damaged = tmp_path / f"d{OSC52}.txt"
    damaged.write_bytes("Prices\n\nCafé prices rose 12 percent in 2023.".encode() + b"\xff")
    result = run_main("import", "--db", str(tmp_path / "w.db"), str(hostile), str(damaged))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert f"triage: error: {tmp_path}/e{SHOWN}.txt: no such file or folder" in lines
    assert any(
        line.startswith(f"triage: warning: {tmp_path}/d{SHOWN}.txt: 1 byte that is not valid")
        for line in lines
    )


def test_import_names_a_file_above_the_configured_size_limit(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max_article_mb = 0.0001\n")
    (tmp_path / "long.txt").write_text(ARTICLE)
    result = run("import", str(tmp_path / "long.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"triage: error: {tmp_path / 'long.txt'}: too large: 0.3 KB, the limit is 0.1 KB "
        "(max_article_mb in the config file)"
    )


def test_a_bad_size_limit_in_the_config_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max_article_mb = -1\n")
    result = run_main("stats")
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "'max_article_mb' must be a number of megabytes from 0 to 1000"
    )


def test_export_refuses_to_overwrite_the_workspace_or_any_sqlite_file(
    tmp_path: Path, db_path: Path
) -> None:
    run("import", "-", input=ARTICLE)
    for target in (db_path, tmp_path / "." / "workspace.db", Path(f"{db_path}-wal")):
        result = run_main("export", "--db", str(db_path), "-o", str(target))
        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"triage: error: {target}: that is the workspace; export to another file"
        )
    other = tmp_path / "archive.sqlite"
    Store.open(other, "tester").close()
    result = run_main("export", "--db", str(db_path), "-o", str(other))
    assert result.stderr.strip() == (
        f"triage: error: {other}: is an SQLite database, not overwritten; export to another file"
    )
    assert Store.open(db_path).article_count() == 1
    assert other.read_bytes().startswith(b"SQLite format 3\x00")
    assert not list(tmp_path.glob("*.partial"))


def test_an_export_that_cannot_be_written_is_one_line_naming_the_output(
    tmp_path: Path, db_path: Path
) -> None:
    run("import", "-", input=ARTICLE)
    (tmp_path / "notes").write_text("a file, not a folder")
    target = tmp_path / "notes" / "out.csv"
    result = run_main("export", "--db", str(db_path), "-o", str(target))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {target}: cannot write (Not a directory)"
    ]


def test_an_interrupted_export_leaves_no_partial_and_a_stale_one_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import triage.export

    run("import", "-", input=ARTICLE)
    out = tmp_path / "out.csv"
    stale = tmp_path / "out.csv.partial"
    stale.write_text("left by an export killed yesterday")

    def interrupted(rows, stream) -> int:
        stream.write("id,text\n")
        raise KeyboardInterrupt

    monkeypatch.setattr(triage.export, "write_csv", interrupted)
    assert run("export", "-o", str(out)).exit_code != 0
    assert not stale.exists() and not out.exists()


def test_reading_commands_name_a_missing_workspace_instead_of_creating_it(tmp_path: Path) -> None:
    typo = tmp_path / "wrok" / "w.db"
    for command in ("stats", "export"):
        result = run_main(command, "--db", str(typo))
        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"triage: error: {typo}: no workspace there (check --db, or import articles first)"
        )
    assert not typo.parent.exists()


# -- issue 13: messages, reading commands, damaged workspaces, backups ------------------------------


def triage_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triage.cli", *args], capture_output=True,
                          text=True, check=False)  # fmt: skip


@pytest.mark.parametrize(
    ("value", "problem"),
    [('"high"', "must be a number from 0 to 100, not 'high'"),
     ("true", "must be a number from 0 to 100, not True"),
     ("180", "must be between 0 and 100 (it is 180)"),
     ("-5", "must be between 0 and 100 (it is -5)")],
)  # fmt: skip
def test_a_bad_link_threshold_is_one_line_naming_file_and_key(
    tmp_path: Path, value: str, problem: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[link]\nsuggested = 60\nautomatic = {value}\n")
    (tmp_path / "a.txt").write_text("Pier\n\nThe council spent 2.5 million euros on the pier.\n")
    result = triage_process("import", "--config", str(config), str(tmp_path / "a.txt"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {config}: 'link.automatic' {problem}"
    ]


@pytest.mark.parametrize(
    "command", [["stats"], ["stats", "--json"], ["export"], ["export", "-o", "x.csv"]]
)
def test_reading_commands_with_a_mistyped_db_create_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "wrokspace" / "w.db"
    result = triage_process(*command, "--db", str(typo))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {typo}: no workspace there (check --db, or import articles first)"
    ]
    assert not typo.parent.exists()


def garbled_copy(tmp_path: Path) -> Path:
    """A real workspace with 4 KB of garbage written into the middle of a copy of it."""
    db = tmp_path / "w.db"
    assert run("import", "--db", str(db), "-", input=ARTICLE).exit_code == 0
    store = Store.open(db)
    for number in range(30):  # enough pages that the middle one is a b-tree page, not the header
        text = f"Council roads {number}. " + "The council spent 12 million pounds on roads. " * 40
        store.db.execute("INSERT INTO articles (title, text, content_hash) VALUES (?, ?, ?)",
                         [f"Roads {number}", text, f"h{number}"])  # fmt: skip
    store.db.conn.commit()
    store.close()
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    with open(copy, "r+b") as file:
        file.seek(copy.stat().st_size // 2 // 4096 * 4096)
        file.write(bytes(range(256)) * 16)
    return copy


@pytest.mark.parametrize(
    "command", [["stats"], ["export"], ["import", "-"], ["backup"], ["open"], ["match"]]
)
def test_a_damaged_workspace_is_one_line_and_left_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    copy = garbled_copy(tmp_path)
    before = copy.read_bytes()
    result = subprocess.run([sys.executable, "-m", "triage.cli", *command, "--db", str(copy)],
                            input=ARTICLE, capture_output=True, text=True, check=False,
                            timeout=120)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {copy}: damaged; restore from backup"
    ]
    assert copy.read_bytes() == before
    assert not list(tmp_path.glob("copy-backup-*"))


def test_a_locked_workspace_names_the_path_and_what_was_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from triage.cli import main
    from triage.store import workspace

    db = tmp_path / "w.db"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Roads\n\nThe council spent 12 million euros on roads in 2023.\n")
    second.write_text("Pier\n\nThe council spent 2.5 million euros repairing the pier in 2023.\n")
    from triage.link.linker import Linker

    real = Linker.link_article

    def lock_after_the_first(self: Linker, article_id: int):
        if article_id == 2:  # another program takes the write lock while we link the second
            other.execute("BEGIN IMMEDIATE")
        return real(self, article_id)

    store = Store.open(db)
    store.close()
    other = sqlite3.connect(db)
    monkeypatch.setattr(Linker, "link_article", lock_after_the_first)
    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sys, "argv", ["triage", "import", "--db", str(db), str(first), str(second)])
    with pytest.raises(SystemExit) as exit_:
        main()
    other.rollback()
    other.close()
    assert exit_.value.code == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        (
            f"triage: error: {db}: workspace is locked by another program (try again in a moment); "
            "1 article was imported before it stopped (importing the same files again adds the rest)"
        )
    ]
    monkeypatch.setattr(Linker, "link_article", real)
    assert run("import", "--db", str(db), str(first), str(second)).exit_code == 0
    store = Store.open(db)
    assert store.unlinked_article_ids() == []
    store.close()


def test_backup_prints_where_the_copy_went(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert run("import", "--db", str(db), "-", input=ARTICLE).exit_code == 0
    (tmp_path / "saved").mkdir()
    result = run("backup", "--db", str(db), str(tmp_path / "saved"))
    [copy] = (tmp_path / "saved").glob("w-backup-*.db")
    assert result.stdout.strip().splitlines() == [f"backup of {db} written to {copy}"]
    assert json.loads(run("stats", "--json", "--db", str(copy)).stdout)["articles"] == 1
