"""The `triage extract` command-line contract that scripts and benchmarks rely on."""

import json
from pathlib import Path

from click.testing import CliRunner

from triage.extract.command import extract_command

ARTICLE = (
    "Council Budget\n"
    "Sign up for our free daily newsletter.\n"
    "The council spent $4.2 million on road repairs in 2023, twice the amount of 2022, the mayor said. "
    "Thank you for reading.\n"
)


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_prints_one_json_object_per_claim_with_exact_offsets(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(extract_command, [str(path)])
    assert result.exit_code == 0, result.output
    claims = _lines(result.output)
    assert [c["text"] for c in claims] == [
        "The council spent $4.2 million on road repairs in 2023, twice the amount of 2022, the mayor said."
    ]
    [claim] = claims
    assert set(claim) == {"text", "start", "end", "score", "kind", "speaker"}
    assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    assert claim["kind"] == "quantity" and claim["speaker"] == "the mayor" and 0 <= claim["score"] <= 1


def test_all_prints_every_sentence_with_its_claim_flag() -> None:
    result = CliRunner().invoke(extract_command, ["--all", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    sentences = _lines(result.output)
    assert [s["claim"] for s in sentences] == [False, False, True, False]
    assert all(ARTICLE[s["start"] : s["end"]] == s["text"] for s in sentences)


def test_sentences_mode_answers_each_line_in_order() -> None:
    lines = ["Inflation hit 9.1% in June, the highest in 40 years.", "Good evening, everyone.", "Is that so?"]
    result = CliRunner().invoke(extract_command, ["--sentences"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = _lines(result.output)
    assert [a["text"] for a in answers] == lines
    assert all(set(a) == {"text", "score", "claim", "kind", "speaker"} for a in answers)
    assert [a["claim"] for a in answers] == [True, False, False]


def test_threshold_option_changes_what_counts_as_a_claim() -> None:
    result = CliRunner().invoke(extract_command, ["--threshold", "0", "-"], input="Good evening. Thank you.")
    assert len(_lines(result.output)) == 2


def test_missing_file_is_one_error_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = CliRunner().invoke(extract_command, [str(missing)])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0 and str(missing) in result.output


def test_undecodable_file_is_one_error_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = CliRunner().invoke(extract_command, [str(path)])
    assert result.exit_code != 0 and "photo.txt" in result.output


def test_html_articles_are_read_by_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><nav>Home | News</nav><article><h1>Budget</h1>"
        "<p>The council approved a $4.2 billion budget on Tuesday, the largest in the city's history.</p>"
        "<p>Sign up for our newsletter.</p></article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(extract_command, [str(path)])
    assert result.exit_code == 0, result.output
    assert [c["text"] for c in _lines(result.output)] == [
        "The council approved a $4.2 billion budget on Tuesday, the largest in the city's history."
    ]
