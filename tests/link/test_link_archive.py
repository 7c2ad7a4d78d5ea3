"""Archive formats: JSONL, ClaimReview JSON-LD (object, list, @graph), CSV; malformed files fail whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.link.archive import read_archive
from triage.models import TriageError

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/bridge",
    "claimReviewed": "The new bridge cost 2 billion dollars.",
    "datePublished": "2024-05-01",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Mayor"}},
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jsonl_in_the_shared_archive_format(tmp_path: Path) -> None:
    line = {"id": "fc-1", "claim": "Bananas are berries.", "rating": "true", "url": "/bananas",
            "date": "26 May 2015", "title": "Berry facts", "author": "Ann", "publisher": "Checks"}
    (fc,) = read_archive(write(tmp_path, "a.jsonl", json.dumps(line) + "\n\n"))
    assert (fc.id, fc.claim, fc.rating, fc.url, fc.publisher) == (
        "fc-1", "Bananas are berries.", "true", "/bananas", "Checks")  # fmt: skip


@pytest.mark.parametrize(
    "document",
    [REVIEW, [REVIEW], {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, REVIEW]}],
    ids=["object", "list", "graph"],
)
def test_claim_review_json_ld(tmp_path: Path, document: object) -> None:
    (fc,) = read_archive(write(tmp_path, "page.json", json.dumps(document)))
    assert fc.claim == "The new bridge cost 2 billion dollars."
    assert fc.rating == "Mostly false"
    assert fc.publisher == "Example Checks"
    assert fc.author == "A. Mayor"
    assert fc.url == fc.id == "https://checks.example/bridge"


def test_csv_with_a_header_and_generated_ids(tmp_path: Path) -> None:
    text = "claim,rating,url\n\"Taxes rose, again\",false,https://x.example/1\nRain is wet,true,\n"
    first, second = read_archive(write(tmp_path, "a.csv", text))
    assert (first.claim, first.rating) == ("Taxes rose, again", "false")
    assert first.id != second.id and first.id.startswith("fc-")
    assert read_archive(write(tmp_path, "b.csv", text))[0].id == first.id  # stable across imports


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.jsonl", '{"id": "1", "claim": "ok"}\n{"id": "2", "claim": \n', "bad.jsonl:2: not valid JSON"),
        ("bad.jsonl", '{"id": "1", "rating": "false"}\n', "bad.jsonl:1: no claim text"),
        ("bad.json", '{"@type": "WebPage"}', "no schema.org ClaimReview found"),
        ("bad.json", '{"@type": "ClaimReview", "url": "u"}', "without 'claimReviewed'"),
        ("bad.csv", "rating,url\nfalse,u\n", "no 'claim' column"),
        ("bad.csv", "claim,rating\nA claim,false,extra\n", "more cells than the header"),
        ("empty.jsonl", "\n", "no fact-checks found"),
    ],
)
def test_malformed_archives_fail_with_a_clear_message(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(TriageError, match=message):
        read_archive(write(tmp_path, name, text))


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TriageError, match="no such file"):
        read_archive(tmp_path / "nowhere.jsonl")
