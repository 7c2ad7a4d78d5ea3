"""The workspace through the CLI: the demo, empty new workspaces, listing and removing articles,
and publishing (ClaimReview's publisher, the config file, export filters)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import cli
from triage.config import load_config
from triage.models import DEFAULT_VERDICTS
from triage.pipeline import bundled_seeds
from triage.store.workspace import Store

PIER = (
    "Pier reopens after repairs\n\n"
    "The harbour council spent 2.5 million euros on repairs to the old pier in 2023, the mayor "
    "said on Tuesday. Unemployment in the town fell by 3 percent last year, according to the "
    "national statistics office.\n"
)
FERRY = (
    "Ferry timetable changes\n\n"
    "The harbour council spent 2.5 million euros on repairs to the old pier in 2023, the mayor "
    "said on Tuesday. The ferry will run 14 times a day from June, the operator said.\n"
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):
    """The real entry point (errors as one line, exit codes), for commands that fail."""
    from triage.cli import main as entry

    monkeypatch.setattr("sys.argv", ["triage", *args])
    with pytest.raises(SystemExit) as stopped:
        entry()
    captured = capsys.readouterr()
    return stopped.value.code, captured.out, captured.err


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    """Replace the app: record the workspace it would show and how many articles it holds."""
    seen: list[tuple[Path, int]] = []

    def fake_run_app(path: Path, config, checked: bool = False) -> None:
        store = Store.open(path)
        try:
            seen.append((path, store.article_count()))
        finally:
            store.close()

    monkeypatch.setattr("triage.tui.app.run_app", fake_run_app)
    return seen


def import_files(tmp_path: Path, **texts: str) -> None:
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        assert run("import", str(tmp_path / f"{name}.txt")).exit_code == 0


def ids_by_title(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT title, id FROM articles"))


# -- the demo and new workspaces ----------------------------------------------------------------


def test_demo_shows_the_samples_in_a_throwaway_workspace(opened, db_path: Path) -> None:
    result = run("demo")
    assert result.exit_code == 0
    [(path, articles)] = opened
    assert articles == len(list(bundled_seeds().glob("*.txt")))
    assert not path.exists() and not path.parent.exists()  # removed on exit
    assert not db_path.exists()  # the user's own workspace is not created or filled
    assert "demo workspace was removed" in result.stderr


def test_a_new_workspace_opens_empty(opened, tmp_path: Path, db_path: Path) -> None:
    assert run("open", "--db", str(tmp_path / "new.db")).exit_code == 0
    assert run().exit_code == 0  # `triage` alone: the default workspace
    assert opened == [(tmp_path / "new.db", 0), (db_path, 0)]


# -- listing and removing articles ----------------------------------------------------------------


def test_articles_are_listed_one_a_line_id_first(tmp_path: Path) -> None:
    import_files(tmp_path, pier=PIER, ferry=FERRY)
    lines = run("articles").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["1", "2"]
    assert "Pier reopens after repairs" in lines[0] and "0/" in lines[0]
    listed = json.loads(run("articles", "--json").stdout)
    assert [(a["id"], a["title"]) for a in listed] == [
        (1, "Pier reopens after repairs"),
        (2, "Ferry timetable changes"),
    ]
    assert listed[0]["source"].endswith("pier.txt") and listed[0]["claims"] >= 1


def test_an_empty_workspace_lists_nothing_and_says_how_to_import(tmp_path: Path) -> None:
    Store.open(tmp_path / "workspace.db").close()
    result = run("articles")
    assert result.stdout == "" and "triage import PATH" in result.stderr
    assert json.loads(run("articles", "--json").stdout) == []


def test_jsonl_without_titles_and_with_dates_lists_first_sentences(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": PIER.split("\n\n")[1], "date": "2024-06-01"}) + "\n")
    assert run("import", str(feed)).exit_code == 0
    [article] = json.loads(run("articles", "--json").stdout)
    assert article["title"].startswith("The harbour council spent 2.5 million euros")
    assert article["published"] == "2024-06-01"


def test_removing_an_article_takes_its_claims_links_and_matches(
    tmp_path: Path, db_path: Path
) -> None:
    import_files(tmp_path, pier=PIER)
    store = Store.open(db_path, user="alice")
    ids = ids_by_title(db_path)
    pier_claims = store.claims(ids["Pier reopens after repairs"])
    store.set_verdict([pier_claims[0].id], "False")  # becomes a past verdict the ferry matches
    store.close()
    import_files(tmp_path, ferry=FERRY)
    ids = ids_by_title(db_path)
    pier, ferry = ids["Pier reopens after repairs"], ids["Ferry timetable changes"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM claim_links").fetchone()[0] >= 1  # the repeat
        assert conn.execute("SELECT COUNT(*) FROM claim_matches WHERE factcheck_id = ?",
                            [f"claim:{pier_claims[0].id}"]).fetchone()[0] >= 1  # fmt: skip

    result = run("articles", "rm", str(pier))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"removed article {pier}: Pier reopens after repairs (")

    assert [line.split()[0] for line in run("articles").stdout.splitlines()] == [str(ferry)]
    with sqlite3.connect(db_path) as conn:
        for sql in (
            "SELECT COUNT(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)",
            "SELECT COUNT(*) FROM claim_links",  # the only link went with the pier's claim
            "SELECT COUNT(*) FROM claim_matches WHERE factcheck_id LIKE 'claim:%'",
            "SELECT COUNT(*) FROM claim_norms WHERE claim_id NOT IN (SELECT id FROM claims)",
            "SELECT COUNT(*) FROM claim_terms WHERE claim_id NOT IN (SELECT id FROM claims)",
        ):
            assert conn.execute(sql).fetchone()[0] == 0, sql
        # Each term's count is again the number of claims indexed under it.
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM term_counts t WHERE claims != "
                "(SELECT COUNT(*) FROM claim_terms c WHERE c.term = t.term)"
            ).fetchone()[0]
            == 0
        )
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 1 and stats["by_verdict"] == {}

    store = Store.open(db_path, user="alice")
    try:
        [removal] = [e for e in store.events() if e.kind == "remove"]
        assert (removal.old, removal.claim_id) == ("Pier reopens after repairs", None)
        assert store.undo() == []  # the removed claim's verdict is no undo step any more
        ferry_claim = store.claims(ferry)[0]
        store.set_verdict([ferry_claim.id], "True")
        assert store.undo() == [ferry_claim.id]  # undo goes on working
    finally:
        store.close()


def test_removing_an_unknown_id_removes_nothing(
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_files(tmp_path, pier=PIER, ferry=FERRY)
    before = run("articles", "--json").stdout
    code, out, err = main(monkeypatch, capsys, "articles", "rm", "1", "99", "--db", str(db_path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "triage: error: no article with id 99 in this workspace; nothing was removed"
    ]
    assert run("articles", "--json").stdout == before


def test_removing_several_articles_at_once(tmp_path: Path) -> None:
    import_files(tmp_path, pier=PIER, ferry=FERRY)
    result = run("articles", "rm", "2", "1")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "removed article 2",
        "removed article 1",
    ]
    assert json.loads(run("articles", "--json").stdout) == []


# -- export filters ---------------------------------------------------------------------------------


def test_an_unknown_verdict_is_an_error_that_lists_the_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import_files(tmp_path, pier=PIER)
    code, out, err = main(monkeypatch, capsys, "export", "--verdict", "Bogus")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"triage: error: unknown verdict 'Bogus'; the verdicts are: {', '.join(DEFAULT_VERDICTS)}"
    ]
    code, out, err = main(monkeypatch, capsys, "export", "--status", "finished")
    assert code == 2 and out == ""
    assert "'finished' is not one of 'undecided', 'checking', 'decided', 'dismissed'" in err


def test_verdicts_come_from_the_config_and_match_in_any_case(
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_files(tmp_path, pier=PIER)
    (tmp_path / "config.toml").write_text('verdicts = ["Correct", "Wrong", "Unclear"]\n')
    store = Store.open(db_path)
    claim = store.claims(1)[0]
    store.set_verdict([claim.id], "Wrong")
    store.close()
    result = run("export", "--format", "jsonl", "--verdict", "wrong")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [claim.id]
    code, _, err = main(monkeypatch, capsys, "export", "--verdict", "False")
    assert code == 1 and "the verdicts are: Correct, Wrong, Unclear" in err  # not on this scale


# -- ClaimReview's publisher and the config file ------------------------------------------------------


PUBLISHER = """
[publisher]
name = "Harbour Fact Check"
url = "https://factcheck.example.org"
review_url = "https://factcheck.example.org/checks/{id}-{slug}"
author = "Ana Lima"
"""


def decided_pier(tmp_path: Path, db_path: Path) -> int:
    import_files(tmp_path, pier=PIER)
    store = Store.open(db_path)
    claim = store.claims(1)[0]
    store.set_verdict([claim.id], "Mostly false")
    store.close()
    return claim.id


def test_claimreview_names_the_configured_publisher(tmp_path: Path, db_path: Path) -> None:
    claim_id = decided_pier(tmp_path, db_path)
    (tmp_path / "config.toml").write_text(PUBLISHER)
    result = run("export", "--format", "claimreview")
    assert result.stderr == ""
    [review] = json.loads(result.stdout)
    assert review["author"] == {
        "@type": "Organization",
        "name": "Harbour Fact Check",
        "url": "https://factcheck.example.org",
    }
    assert review["creator"] == {"@type": "Person", "name": "Ana Lima"}
    assert review["url"] == (
        f"https://factcheck.example.org/checks/{claim_id}-"
        "the-harbour-council-spent-2-5-million-euros-on-repairs-to"
    )


def test_claimreview_without_a_publisher_warns_once_with_the_keys_to_set(
    tmp_path: Path, db_path: Path
) -> None:
    decided_pier(tmp_path, db_path)
    result = run("export", "--format", "claimreview", "-o", str(tmp_path / "reviews.json"))
    assert result.exit_code == 0
    warning, done = result.stderr.splitlines()
    assert warning.startswith(
        "triage: warning: ClaimReview without a publisher: set name, url, "
        "review_url in the [publisher] table of "
    )
    assert str(tmp_path / "config.toml") in warning and "triage config init" in warning
    assert done.startswith("1 claims exported")
    [review] = json.loads((tmp_path / "reviews.json").read_text())
    assert "author" not in review  # not the login name
    (tmp_path / "config.toml").write_text('[publisher]\nname = "Harbour Fact Check"\n')
    assert "set url, review_url in" in run("export", "--format", "claimreview").stderr
    assert run("export", "--format", "csv").stderr == ""  # only ClaimReview needs a publisher


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('review_url = "https://x.example/checks"', "needs {id} or {slug}"),
        ('review_url = "https://x.example/{claim}"', "may use {id}, {slug} and {article_id}"),
        ('url = "factcheck.example.org"', "'publisher.url' must be a web address"),
        ("name = 3", "'publisher.name' has the wrong type"),
        ('mail = "a@b.example"', "unknown key 'publisher.mail'"),
    ],
)
def test_a_wrong_publisher_table_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    table: str,
    problem: str,
) -> None:
    (tmp_path / "config.toml").write_text(f"[publisher]\n{table}\n")
    code, _, err = main(monkeypatch, capsys, "export", "--format", "claimreview")
    assert code == 1
    [line] = err.splitlines()
    assert problem in line and "config.toml" in line


def test_config_init_writes_a_commented_config_where_locate_shows(tmp_path: Path) -> None:
    located = run("locate").stdout.splitlines()[1].split(None, 1)[1]
    result = run("config", "init")
    assert result.exit_code == 0 and result.stdout.strip() == f"config written to {located}"
    path = Path(located)
    text = path.read_text()
    assert load_config(path).publisher.name == ""  # every setting commented out: the defaults
    assert load_config(path).verdicts == DEFAULT_VERDICTS
    # Uncommenting the [publisher] example gives a working publisher.
    example = "\n".join(line[2:] if line.startswith(("# [publisher]", "# name =", "# url =",
                                                     "# review_url =", "# author =")) else line
                        for line in text.splitlines())  # fmt: skip
    path.write_text(example)
    publisher = load_config(path).publisher
    assert publisher.missing() == [] and "{slug}" in publisher.review_url


def test_config_init_never_replaces_a_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('user = "ana"\n')
    code, out, err = main(monkeypatch, capsys, "config", "init")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"triage: error: {config}: a config file is already there; not overwritten"
    ]
    assert config.read_text() == 'user = "ana"\n'
