"""The `triage extract` command-line contract that scripts and benchmarks rely on."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli.extract import extract_command

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
    assert (
        claim["kind"] == "quantity" and claim["speaker"] == "the mayor" and 0 <= claim["score"] <= 1
    )


def test_all_prints_every_sentence_with_its_claim_flag() -> None:
    result = CliRunner().invoke(extract_command, ["--all", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    sentences = _lines(result.output)
    # The first line is the title, as `triage import` reads it: not a sentence of the article.
    assert [s["text"][:12] for s in sentences] == ["Sign up for ", "The council ", "Thank you fo"]
    assert [s["claim"] for s in sentences] == [False, True, False]
    assert all(ARTICLE[s["start"] : s["end"]] == s["text"] for s in sentences)


def test_sentences_mode_answers_each_line_in_order() -> None:
    lines = [
        "Inflation hit 9.1% in June, the highest in 40 years.",
        "Good evening, everyone.",
        "Is that so?",
    ]
    result = CliRunner().invoke(extract_command, ["--sentences"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = _lines(result.output)
    assert [a["text"] for a in answers] == lines
    assert all(set(a) == {"text", "score", "claim", "kind", "speaker"} for a in answers)
    assert [a["claim"] for a in answers] == [True, False, False]


def test_threshold_option_changes_what_counts_as_a_claim() -> None:
    result = CliRunner().invoke(
        extract_command, ["--threshold", "0", "-"], input="Good evening. Thank you."
    )
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


# Files written the way newsrooms send them: a headline line, Windows line ends, Markdown
# headings, several articles in one JSONL file.
REPORT_TXT = (
    "\r\nCity Budget Passes After Long Night\r\n\r\n"
    "The council approved a $4.2 billion budget on Tuesday, 12% more than last year, the mayor said.\r\n"
    "“What difference does it make now?” Councilwoman Ann Lee said, her voice rising.\r\n\r\n"
    "“We cut 300 jobs. We closed two libraries. We had no choice,” said Tom Ruiz, the budget director.\r\n"
    "Under the 2019 charter, a budget needs 7 of 9 votes, according to the city clerk.\r\n"
)
NOTES_MD = (
    "# Water rates to rise\n\n"
    "## What changes\n\n"
    "Rates will rise 8% in July, the utility said. Sen. Jo Park, D-Ohio, said the rise broke a promise.\n"
)
PAGE_HTML = (
    "<html><head><title>Ferry fares</title></head><body><nav>Home | News</nav><article><h1>Ferry fares</h1>"
    "<p>Ferry fares rose 15% in March, the transit agency said.</p>"
    "<p>“Who can pay that?” Councilwoman Ann Lee asked on Monday.</p></article></body></html>"
)
FEED_JSONL = (
    '{"title": "Port strike", "text": "Dock workers walked out on Monday. Shipping fell 40% in a week, '
    'the port authority said."}\n'
    '{"title": "Bridge", "text": "The bridge opened in 1932. It carries 90,000 cars a day, officials said."}\n'
)


def _imported(path: Path) -> list[tuple[str, list[tuple[str, float, bool, str, str]]]]:
    """What `triage import` stores for `path`: each article's title and sentences."""
    from triage.config import load_config, resolve_config_path
    from triage.pipeline import import_paths
    from triage.store.workspace import Store

    store = Store.open(path.parent / "agreement.db", user="test")
    try:
        summary = import_paths(
            store, [str(path)], load_config(resolve_config_path()).claim_threshold
        )
        assert summary.imported >= 1, summary.problems
        stored = []
        for article_id in store.article_ids():
            sentences = sorted(
                store.claims(article_id, include_sentences=True), key=lambda c: c.start
            )
            stored.append(
                (
                    store.article(article_id).title,
                    [(c.text, c.score, c.is_claim, c.kind, c.speaker) for c in sentences],
                )
            )
        return stored
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.txt", REPORT_TXT),
        ("notes.md", NOTES_MD),
        ("feed.jsonl", FEED_JSONL),
        ("page.html", PAGE_HTML),
    ],
    ids=["txt-crlf", "md", "jsonl", "html"],
)
@pytest.mark.parametrize("claim_threshold", [None, 0.05])
def test_extract_gives_the_sentences_scores_and_titles_that_import_stores(
    tmp_path: Path, name: str, content: str, claim_threshold: float | None
) -> None:
    if claim_threshold is not None:  # the config file's threshold applies to both
        (tmp_path / "config.toml").write_text(
            f"claim_threshold = {claim_threshold}\n", encoding="utf-8"
        )
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    result = CliRunner().invoke(extract_command, ["--all", str(path)])
    assert result.exit_code == 0, result.output
    printed = _lines(result.output)
    stored = _imported(path)
    assert [(p["text"], p["score"], p["claim"], p["kind"], p["speaker"]) for p in printed] == [
        sentence for _, sentences in stored for sentence in sentences
    ]
    if name.endswith((".txt", ".md")):
        # The title line is the article's title, never one of its sentences.
        titles = [title for title, _ in stored]
        assert not {p["text"] for p in printed} & set(titles)
        # Offsets index the file as written.
        for p in printed:
            assert content[p["start"] : p["end"]].replace("\r\n", "\n") == p["text"]


def test_extract_and_import_read_stdin_alike(tmp_path: Path) -> None:
    text = "Budget Vote\nThe council approved a $4.2 billion budget on Tuesday, the mayor said.\n"
    result = CliRunner().invoke(extract_command, ["--all", "-"], input=text)
    path = tmp_path / "same.txt"
    path.write_text(text, encoding="utf-8")
    [(title, stored)] = _imported(path)
    assert title == "Budget Vote"
    assert [(p["text"], p["score"], p["claim"]) for p in _lines(result.output)] == [
        s[:3] for s in stored
    ]
