"""HTML pages: each page block (heading, credit, paragraph, list item, <br> line) stays its own
sentence, photo captions and furniture never become claims, tables are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.extract import extract
from triage.ingest import read_source
from triage.ingest.html import blocks_as_paragraphs
from triage.models import Article

PAGE = """<!doctype html><html><head><title>Harbour pier to reopen | Harbour Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour pier to reopen after 4 million euro repair</h1>
<p class="byline">By Ann Lee and Bo Chan</p>
<h2>Why the council wants the pier open again before the summer season starts next year</h2>
<p class="credit">Photo: Dara Finch/Harbour Gazette</p>
<p>The harbour council voted on Tuesday to spend 4 million euros repairing the old pier, which has been closed since 2019.</p>
<p>The pier carried 300,000 visitors a year before it closed, according to the tourism office.</p>
<h2>Work starts in March</h2>
<ul><li>Repairs to the deck will cost 2.5 million euros</li><li>The new railings will cost 900,000 euros</li></ul>
<p>Harbour office hours<br>weekdays from 9 to 5<br>The office received 1,200 complaints about the closure last year.</p>
<p>Mayor Ann Lee walks along the closed pier on Monday. (Photo: Dara Finch)</p>
<p>The pier seen from the harbour wall in 2019 (Photo: Dara Finch)</p>
<p>MARIN COUNTY, Calif.</p>
<p>Opposition members said taxes would rise by 3 percent to pay for the work.</p>
<p>Ann Lee and Bo Chan contributed to this report.</p>
<p>Sign up for our newsletter: 5 stories every morning, free.</p>
<p>Ann Lee is a reporter at the Harbour Gazette covering the port since 2015. Follow her on X. Email: ann@gazette.example</p>
</article>
<footer>Copyright 2024 Harbour Gazette. Cookie settings.</footer></body></html>"""


def _read(tmp_path: Path, html: str) -> Article:
    path = tmp_path / "page.html"
    path.write_text(html)
    [article] = read_source(str(path))
    return article


def test_page_blocks_are_separate_sentences(tmp_path: Path) -> None:
    article = _read(tmp_path, PAGE)
    sentences = [sentence.text for sentence in extract(article.text)]
    assert (
        "Why the council wants the pier open again before the summer season starts next year"
        in sentences
    )
    assert "Photo: Dara Finch/Harbour Gazette" in sentences
    assert "Work starts in March" in sentences
    assert (
        "The harbour council voted on Tuesday to spend 4 million euros repairing the old pier, "
        "which has been closed since 2019." in sentences
    )
    assert "Repairs to the deck will cost 2.5 million euros" in sentences
    assert all("\n" not in sentence for sentence in sentences)


def test_br_lines_are_separate_sentences(tmp_path: Path) -> None:
    article = _read(tmp_path, PAGE)
    sentences = [sentence.text for sentence in extract(article.text)]
    assert "Harbour office hours" in sentences
    assert "weekdays from 9 to 5" in sentences
    assert "The office received 1,200 complaints about the closure last year." in sentences


def test_furniture_of_a_page_is_never_a_claim_and_the_news_is(tmp_path: Path) -> None:
    article = _read(tmp_path, PAGE)
    claims = [sentence.text for sentence in extract(article.text) if sentence.claim]
    for furniture in (
        "Photo: Dara Finch",
        "contributed to this report",
        "Sign up",
        "By Ann Lee",
        "MARIN COUNTY",
    ):
        assert not any(furniture in claim for claim in claims), furniture
    assert any("300,000 visitors" in claim for claim in claims)
    assert any("1,200 complaints" in claim for claim in claims)


def test_a_photo_caption_and_an_author_box_are_dropped(tmp_path: Path) -> None:
    article = _read(tmp_path, PAGE)
    assert "walks along the closed pier" not in article.text
    assert "covering the port since 2015" not in article.text
    assert "Opposition members said taxes would rise by 3 percent" in article.text


def test_table_rows_are_kept(tmp_path: Path) -> None:
    page = PAGE.replace(
        "<p>Opposition members",
        "<table><tr><th>Year</th><th>Visitors</th></tr><tr><td>2018</td><td>310,000</td></tr></table>"
        "<p>Opposition members",
    )
    article = _read(tmp_path, page)
    assert "310,000" in article.text


def test_blocks_become_paragraphs_and_captions_go() -> None:
    text = "Council votes\nPhoto: Dara Finch\nThe council voted.\nThe mayor waves. (Photo: Dara Finch)\n\n  \nIt cost 4 million euros."
    assert blocks_as_paragraphs(text) == (
        "Council votes\n\nPhoto: Dara Finch\n\nThe council voted.\n\nIt cost 4 million euros."
    )


@pytest.mark.parametrize(
    "opening", ['<div id="box-12" role="dialog" aria-hidden="true">', '<div aria-modal="true">']
)
def test_a_popup_dialog_is_not_part_of_the_article(tmp_path: Path, opening: str) -> None:
    # A click-to-open pop-up after the footer holds a whole other story, longer than the article:
    # trafilatura's fallback would then take the page body, pop-up and all.
    paragraph = (
        "<p>In {year} the cadet school on the hill trained {officers} officers in a 44-week course, and its"
        " staff of {staff} instructors came from two foreign academies and the island's defence force.</p>"
    )
    popup = "".join(
        paragraph.format(year=1950 + step, officers=40 + step, staff=10 + step) for step in range(6)
    )
    page = PAGE.replace(
        "</body>", f"{opening}<p><strong>THE CADET SCHOOL</strong></p>{popup}</div></body>"
    )
    article = _read(tmp_path, page)
    assert "The pier carried 300,000 visitors a year" in article.text
    assert "cadet school" not in article.text


TEASERS = (
    "The council voted to repair the pier.\n"
    "Ferries: the port company said on Monday that it will run 12 boats a day from May, up from [...]\n"
    "Schools: parents in Harbourtown have collected 4,000 signatures for a new school, which the […]\n"
    "Lighthouse — The Harbour lighthouse is a 40-metre tower built in 1870 on the … Harbourpedia\n"
    "Kelp — Kelp is a large brown seaweed that grows in shallow, nutrient-rich waters… … Harbourpedia\n"
    "Tides: the harbour master warned of a 5-metre tide on Sunday, the highest since... more\n"
    "Tolls: drivers will pay 2 euros a day to cross the bridge from June... Read more »\n"
    "The pier reopens in March."
)


def test_a_list_of_teasers_for_other_pages_goes() -> None:
    assert blocks_as_paragraphs(TEASERS) == (
        "The council voted to repair the pier.\n\nThe pier reopens in March."
    )


def test_a_quotation_cut_short_stays() -> None:
    text = (
        "The mayor's statement read in full:\n"
        "“We spent 4 million euros on the pier, and it will carry 300,000 visitors a year. [...]\n"
        "The pier reopens in March."
    )
    assert blocks_as_paragraphs(text) == text.replace("\n", "\n\n")
