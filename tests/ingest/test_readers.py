from __future__ import annotations

from pathlib import Path

import pytest

from triage.ingest import IngestError, expand_sources, read_source

ARTICLE_HTML = """<!doctype html><html><head><title>Council approves budget | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<script>trackVisitor({"id": 42});</script></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/subscribe">Subscribe</a></nav>
<article><h1>Council approves budget</h1>
<p>The harbour council approved a budget of 12 million euros on Tuesday, the largest in its history.</p>
<p>The mayor said the money would repair the old pier, which has been closed since 2019.</p>
<p>Opposition members voted against the plan, arguing that taxes would rise by 3 percent next year.</p>
</article><footer>Copyright Harbour Gazette. Cookie settings.</footer></body></html>"""


def test_text_file_title_is_the_first_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n\nPier to reopen\n\nThe pier will reopen in May, the council said.\n")
    [article] = read_source(str(path))
    assert article.title == "Pier to reopen"
    assert article.text == "The pier will reopen in May, the council said."


def test_a_first_paragraph_is_kept_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The pier will reopen in May, the council said. It cost 2 million euros.\n")
    [article] = read_source(str(path))
    assert article.text.startswith("The pier will reopen in May")
    assert article.title.startswith("The pier will reopen")


def test_a_long_first_paragraph_gives_a_title_cut_between_words(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "In early spring, two weeks after the harbour board was re-elected, the council reportedly "
        "voted to reopen the pier.\n"
    )
    [article] = read_source(str(path))
    assert (
        article.title
        == "In early spring, two weeks after the harbour board was re-elected, the council…"
    )
    assert len(article.title) <= 80


def test_a_long_headline_is_kept_whole(tmp_path: Path) -> None:
    headline = "Harbour Board Votes to Reopen the Old Pier After Two Years of Repairs and a Funding Row With the Council"
    path = tmp_path / "a.txt"
    path.write_text(f"{headline}\n\nThe pier will reopen in May, the council said.\n")
    [article] = read_source(str(path))
    assert article.title == headline


def test_markdown_heading_becomes_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Pier to *reopen*\n\n- Cost: 2 million euros.\n- Opens in May.\n")
    [article] = read_source(str(path))
    assert article.title == "Pier to *reopen*"
    assert "- Cost: 2 million euros." in article.text


def test_html_keeps_the_article_and_drops_menus_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML)
    [article] = read_source(str(path))
    assert "12 million euros" in article.text
    assert "trackVisitor" not in article.text
    assert "Sport" not in article.text
    assert article.title.startswith("Council approves budget")


def test_html_without_article_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav>Home | About</nav><script>x()</script></body></html>")
    with pytest.raises(IngestError, match=r"menu.html: HTML page has no article text"):
        read_source(str(path))


def test_jsonl_reads_every_line_with_optional_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title": "One", "text": "First text.", "url": "https://example.org/1", "outlet": "Gazette"}\n'
        "\n"
        '{"title": "Two", "text": "Second text.", "published": "2024-11-12"}\n'
    )
    one, two = read_source(str(path))
    assert (one.title, one.url, one.outlet) == ("One", "https://example.org/1", "Gazette")
    assert (two.title, two.published) == ("Two", "2024-11-12")


def test_malformed_jsonl_names_the_line_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title": "One", "text": "Fine."}\n{"title": "Two", "text": \n{"title": "x"}\n'
    )
    with pytest.raises(IngestError) as error:
        read_source(str(path))
    assert "line 2: not valid JSON" in str(error.value)
    assert "line 3: missing or empty 'text'" in str(error.value)


def test_jsonl_line_without_title_takes_its_first_sentence(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Mr. Okafor said the ferry carried 4,000 people in May. Fares rose too.", '
        '"date": "2024-06-01"}\n'
        '{"title": "  ", "text": "No full stop in this opening line\\n\\nThe rest follows."}\n'
    )
    first, second = read_source(str(path))
    assert first.title == "Mr. Okafor said the ferry carried 4,000 people in May."
    assert first.text.startswith("Mr. Okafor said")  # the sentence stays in the text
    assert first.published == "2024-06-01"  # `date` is read as `published`
    assert second.title == "No full stop in this opening line"


def test_jsonl_published_wins_over_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "T", "text": "Body.", "published": "2024-01-02", "date": "2023-01-01"}\n'
    )
    [article] = read_source(str(path))
    assert article.published == "2024-01-02"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(
        "Budget\n\nLe maire a déclaré que le café coûtait très cher.\n".encode("cp1252")
    )
    [article] = read_source(str(path))
    assert "déclaré que le café coûtait très cher" in article.text


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match=r"photo\.txt: binary file"):
        read_source(str(path))


def test_empty_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n   \n")
    with pytest.raises(IngestError, match=r"empty\.txt: empty article"):
        read_source(str(path))


def test_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file"):
        read_source(str(tmp_path / "nope.txt"))


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    [article] = read_source("-", stdin=b'{"title": "From a pipe", "text": "Piped text."}\n')
    assert article.title == "From a pipe"
    [article] = read_source("-", stdin=b"Plain title\n\nPlain text here.\n")
    assert article.title == "Plain title"


def test_folders_are_walked_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "b" / "two.md").write_text("x")
    (tmp_path / "a" / "b" / "photo.jpg").write_bytes(b"\xff")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "notes.txt").write_text("x")
    found = [Path(p).name for p in expand_sources([str(tmp_path / "a")])]
    assert sorted(found) == ["one.txt", "two.md"]
