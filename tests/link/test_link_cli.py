"""`triage factchecks import` and `triage match`: the contract scripts rely on, polarity, and the
stored archive index that `triage match` opens instead of rebuilding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import cli
from triage.link import matcher
from triage.link.linker import Linker, claim_marks
from triage.link.matcher import StoredArchive
from triage.store.workspace import Store

ARCHIVE = [
    {"id": "fc-bridge", "claim": "The new river bridge cost 2 billion dollars to build.", "rating": "false",
     "url": "https://checks.example/bridge", "date": "1 May 2024", "title": "Bridge cost", "author": "",
     "publisher": "Example Checks"},
    {"id": "fc-school", "claim": "Class sizes in primary schools doubled since 2010.", "rating": "true",
     "url": "https://checks.example/classes", "date": "2 May 2024", "title": "Class sizes", "author": "",
     "publisher": "Example Checks"},
]  # fmt: skip


def load_archive(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in ARCHIVE), encoding="utf-8")
    result = runner.invoke(cli, ["factchecks", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 fact-checks read, 2 new" in result.output
    return path


def test_match_reads_tsv_and_jsonl_and_prints_ranked_json(tmp_path: Path) -> None:
    runner = CliRunner()
    load_archive(tmp_path, runner)
    queries = "id\ttext\nq1\tthat bridge over the river cost TWO BILLION dollars\n" + json.dumps(
        {"id": "q2", "text": "class sizes in primary schools have doubled"}
    )
    result = runner.invoke(cli, ["match", "--top", "2"], input=queries)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["id"] == "q1" and second["id"] == "q2"
    best = first["matches"][0]
    assert {key: best[key] for key in ("id", "rating", "url", "opposite")} == {
        "id": "fc-bridge", "rating": "false", "url": "https://checks.example/bridge",
        "opposite": False}  # fmt: skip
    assert first["checked_before"] is True
    assert second["matches"][0]["id"] == "fc-school"
    assert len(first["matches"]) <= 2
    scores = [m["score"] for m in first["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_a_bad_query_line_is_one_error_line(tmp_path: Path) -> None:
    runner = CliRunner()
    load_archive(tmp_path, runner)
    result = runner.invoke(cli, ["match"], input="no tab here\n")
    assert result.exit_code != 0
    assert "stdin:1: expected `id<TAB>text`" in result.output


def test_matching_an_empty_archive_says_how_to_fill_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    result = CliRunner().invoke(cli, ["match", "--db", str(empty)], input="q\tx\n")
    assert result.exit_code != 0
    assert "the archive is empty: load one with `triage factchecks import FILE`" in result.output


def test_matching_a_mistyped_workspace_names_it_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "wrokspace" / "w.db"
    result = subprocess.run([sys.executable, "-m", "triage.cli", "match", "--db", str(typo)],
                            input="q\tx\n", capture_output=True, text=True, check=False,
                            timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"triage: error: {typo}: no workspace there (check --db, or load an archive with "
        "`triage factchecks import FILE`)"
    ]
    assert not typo.parent.exists()


def test_a_malformed_archive_imports_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(ARCHIVE[0]) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("rating\nfalse\n", encoding="utf-8")
    result = runner.invoke(cli, ["factchecks", "import", str(good), str(bad)])
    assert result.exit_code != 0
    assert "nothing imported" in result.output
    assert not Path(os.environ["TRIAGE_DB"]).exists()  # not even an empty workspace was made


def test_imported_articles_are_flagged_checked_before(tmp_path: Path) -> None:
    runner = CliRunner()
    load_archive(tmp_path, runner)
    article = tmp_path / "story.txt"
    article.write_text(
        "Bridge row\n\nThe new river bridge cost 2 billion dollars to build, the mayor said on Monday.\n",
        encoding="utf-8",
    )
    # Threshold 0: both sentences are claims, whatever the check-worthiness model makes of them.
    assert runner.invoke(cli, ["import", "--threshold", "0", str(article)]).exit_code == 0
    store = Store.open(os.environ["TRIAGE_DB"])
    try:
        claims = store.claims(store.article_ids()[0])
        marks = claim_marks(Linker(store), [c.id for c in claims])
        assert any(mark.checked_before for mark in marks.values())
    finally:
        store.close()


def test_match_opens_the_stored_index_and_never_rebuilds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    load_archive(tmp_path, runner)

    def no_indexing(*args: object) -> None:
        raise AssertionError("triage match indexed the archive")

    monkeypatch.setattr(matcher, "_indexed_docs", no_indexing)
    for _ in range(2):  # a second start reads the same index
        result = runner.invoke(
            cli, ["match"], input="q1\tthe river bridge cost two billion dollars\n"
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["matches"][0]["id"] == "fc-bridge"


def test_one_query_loads_neither_sqlite_utils_nor_numpy(tmp_path: Path) -> None:
    """What keeps a one-query `triage match` within twice the start-up of `triage --help`
    (benchmarks/eval_matching.py --speed): together they took longer than all of `--help`."""
    load_archive(tmp_path, CliRunner())
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "triage.cli", "match"],
        input="q1\tthe river bridge cost two billion dollars\n",
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"][0]["id"] == "fc-bridge"
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "triage.link.matcher" in loaded
    assert not {module for module in loaded if module.split(".")[0] in {"sqlite_utils", "numpy"}}


WALL = {"id": "fc-wall", "claim": "Mexico will pay for the border wall.", "rating": "false",
        "url": "https://checks.example/wall", "title": "Who pays for the wall"}  # fmt: skip


def test_a_denied_claim_is_marked_opposite_and_never_checked_before(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "wall.jsonl"
    path.write_text(json.dumps(WALL) + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["factchecks", "import", str(path)]).exit_code == 0
    queries = (
        "same\tMexico will pay for the border wall\nnot\tMexico will not pay for a border wall\n"
    )
    result = runner.invoke(cli, ["match", "--top", "1"], input=queries)
    assert result.exit_code == 0, result.output
    same, denied = (json.loads(line) for line in result.output.splitlines())
    assert same["checked_before"] and not same["matches"][0]["opposite"]
    assert denied["matches"][0]["id"] == "fc-wall" and denied["matches"][0]["opposite"]
    assert denied["checked_before"] is False
    # Imported in an article, the denial is not flagged either; the assertion still is.
    article = tmp_path / "wall.txt"
    article.write_text(
        "Border talks\n\nThe minister said on Monday that Mexico will not pay for a border wall.\n\n"
        "Earlier, the candidate claimed that Mexico will pay for the border wall.\n",
        encoding="utf-8",
    )
    # Threshold 0: both sentences are claims, whatever the check-worthiness model makes of them.
    assert runner.invoke(cli, ["import", "--threshold", "0", str(article)]).exit_code == 0
    store = Store.open(os.environ["TRIAGE_DB"])
    try:
        claims = {c.text: c.id for c in store.claims(store.article_ids()[0])}
        marks = claim_marks(Linker(store), list(claims.values()))
        flagged = {text for text, claim_id in claims.items() if marks[claim_id].checked_before}
        assert flagged == {
            "Earlier, the candidate claimed that Mexico will pay for the border wall."
        }
    finally:
        store.close()


def test_abbreviations_and_spelled_proportions_are_no_difference(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "irs.jsonl"
    path.write_text(json.dumps({"id": "fc-irs", "claim": "The IRS audits 1 in 3 small businesses every year.",
                                "rating": "false"}) + "\n", encoding="utf-8")  # fmt: skip
    assert runner.invoke(cli, ["factchecks", "import", str(path)]).exit_code == 0
    queries = ("q1\tThe I.R.S. audits one-in-three small businesses every year\n"
               "q2\tThe IRS audits 1 in 4 small businesses every year\n")  # fmt: skip
    result = runner.invoke(cli, ["match", "--top", "1"], input=queries)
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["matches"][0]["differing"] == [] and first["checked_before"]
    assert second["matches"][0]["differing"] == ["4", "3"]


def test_importing_articles_opens_the_archive_index_and_never_rebuilds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    load_archive(tmp_path, runner)

    def no_indexing(*args: object) -> None:
        raise AssertionError("importing an article indexed the archive")

    monkeypatch.setattr(matcher, "_indexed_docs", no_indexing)
    article = tmp_path / "schools.txt"
    article.write_text(
        "Schools\n\nClass sizes in primary schools doubled since 2010, the union said on Monday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(article)])
    assert result.exit_code == 0, result.output
    store = Store.open(os.environ["TRIAGE_DB"])
    try:
        claims = store.claims(store.article_ids()[0])
        assert any(
            claim_marks(Linker(store), [c.id for c in claims])[c.id].checked_before for c in claims
        )
        assert len(StoredArchive.open(store)) == 2
    finally:
        store.close()
