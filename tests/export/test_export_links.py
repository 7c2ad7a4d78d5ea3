"""`triage export --format links` and the cluster fields of the JSONL export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from triage.cli import cli
from triage.link.linker import Linker
from triage.models import Article, Sentence
from triage.store.workspace import Store

SHARED = "The harbour board spent 3 million euros dredging the northern channel over the summer."
REWORDED = "The harbour board spent €3m dredging the northern channel over the summer, Okafor said."
DENIED = (
    "The harbour board never spent 3 million euros dredging the northern channel over the summer."
)
ALONE = "A seafront bakery won a national prize for its rye bread this spring."


def add(store: Store, title: str, url: str, sentences: list[str]) -> None:
    parts, start = [], 0
    for sentence in sentences:
        parts.append(Sentence(start, start + len(sentence), sentence, 0.9, True))
        start += len(sentence) + 1
    article = Article(title=title, text=" ".join(sentences), url=url, published="2025-06-01")
    article_id = store.add_article(article, parts)
    Linker(store).link_article(article_id)


def build(path: Path) -> None:
    store = Store.open(path, "tester")
    add(store, "Gazette", "https://gazette.example/a", [ALONE, SHARED])
    add(store, "Courier", "https://courier.example/b", [REWORDED])
    add(store, "Herald", "https://herald.example/c", [DENIED])
    store.close()


def export(path: Path, fmt: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", "--db", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_each_link_is_a_line_with_both_sentences_tier_relation_and_cluster(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)
    links = {
        (ln["a"]["article_title"], ln["b"]["article_title"]): ln for ln in export(path, "links")
    }
    same = links[("Gazette", "Courier")]
    assert same["a"]["text"] == SHARED and same["b"]["text"] == REWORDED
    assert same["a"]["article_url"] == "https://gazette.example/a"
    text = f"{ALONE} {SHARED}"
    assert text[same["a"]["start"] : same["a"]["end"]] == SHARED
    assert (same["tier"], same["state"], same["relation"]) == ("auto", "automatic", "same")
    assert same["cluster"] == same["a"]["claim_id"]
    assert 0 < same["score"] <= 100
    opposite = next(ln for pair, ln in links.items() if "Herald" in pair and "Gazette" in pair)
    assert (opposite["tier"], opposite["relation"]) == ("suggested", "opposite")
    assert opposite["differing"] == ["never"]
    assert opposite["cluster"] is None


def test_the_jsonl_export_carries_each_claims_cluster_and_links(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)
    rows = {row["text"]: row for row in export(path, "jsonl")}
    assert rows[SHARED]["cluster"] == rows[REWORDED]["cluster"] == rows[SHARED]["id"]
    assert rows[SHARED]["links"] == 2  # its repeat and the denial
    # The repeat is a near-copy: it joined the cluster through the first claim, so the denial,
    # imported later, meets the cluster once (through that first claim), not once per copy.
    assert rows[REWORDED]["links"] == 1
    assert rows[DENIED]["cluster"] is None and rows[DENIED]["links"] == 1
    assert rows[ALONE]["cluster"] is None and rows[ALONE]["links"] == 0


def test_links_go_to_a_file_with_o(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)
    out = tmp_path / "links.jsonl"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(path), "--format", "links", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert "2 links exported" in result.output
