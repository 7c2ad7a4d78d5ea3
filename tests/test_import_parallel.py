"""An import of many articles extracts ahead in a worker process (read_ahead.Extraction): the
workspace it leaves is the one an import article by article leaves, and its errors, progress and
cancellation are the same."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import triage.read_ahead
from triage.models import ImportSummary
from triage.pipeline import import_paths
from triage.store.links import LinkStore
from triage.store.workspace import Store

# Reports of a few made-up events: each event's claim comes back in other words in later
# articles, so the import links claims across articles.
EVENTS = [
    (
        "The harbour council spent 2.5 million euros repairing the old pier in Lanmouth last year.",
        "Last year the harbour council in Lanmouth spent 2.5 million euros repairing the old pier.",
    ),
    (
        "Unemployment in the Vessel valley fell to 4.1 percent in March, the statistics office said.",
        "The statistics office said unemployment in the Vessel valley fell to 4.1 percent in March.",
    ),
    (
        "Mayor Ilse Brandt said the tram line to Oberfeld will open in 2027 at a cost of 310 million.",
        "The tram line to Oberfeld will open in 2027 and cost 310 million, Mayor Ilse Brandt said.",
    ),
    (
        "Police arrested 14 people after the match between Norrby and Kalvik on Saturday night.",
        "After the match between Norrby and Kalvik on Saturday night police arrested 14 people.",
    ),
]
FILLER = "It was a grey morning. Many residents watched from the quay. Nobody knew what came next."


def write_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        first, second = EVENTS[number % len(EVENTS)]
        claim = first if number % 2 == 0 else second
        other = EVENTS[(number + 1) % len(EVENTS)][number % 2]
        text = f"Report {number}\n\n{claim} {FILLER}\n\n{other} Article number {number} ends here."
        (folder / f"{number:03d}.txt").write_text(text)
    return folder


def workspace_contents(store: Store) -> tuple[list, list]:
    """Every stored sentence of every article, in order, and every link between two sentences,
    by their texts: what a journalist sees in the claim lists and the repeats view."""
    sentences = [
        (c.text, c.score, c.kind, c.speaker, c.is_claim)
        for article_id in store.article_ids()
        for c in store.claims(article_id, include_sentences=True)
    ]
    links = LinkStore(store)
    text_of = {
        c.id: c.text
        for article_id in store.article_ids()
        for c in store.claims(article_id, include_sentences=True)
    }
    found = sorted(
        (text_of[claim_id], text_of[link.other_id], link.score, link.state, link.relation)
        for claim_id in text_of
        for link in links.links(claim_id)
    )
    return sentences, found


def run_import(
    path: Path, paths: list[str], workers: int, **options
) -> tuple[ImportSummary, tuple[list, list], int]:
    """Import into a new workspace; also returns the most worker processes seen running."""
    seen = [0]
    progress = options.pop("on_progress", None)

    def watch(done: int, total: int, source: str) -> None:
        seen[0] = max(seen[0], len(multiprocessing.active_children()))
        if progress:
            progress(done, total, source)

    store = Store.open(path, user="alice")
    try:
        summary = import_paths(store, paths, workers=workers, on_progress=watch, **options)
        assert store.unlinked_article_ids() == []
        return summary, workspace_contents(store), seen[0]
    finally:
        store.close()


@pytest.fixture
def small_cutoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker for a handful of articles, so the tests stay quick.
    monkeypatch.setattr(triage.read_ahead, "PARALLEL_MIN_ARTICLES", 3)


def test_a_parallel_import_stores_the_same_claims_and_links_as_one_by_one(
    tmp_path: Path, small_cutoff: None
) -> None:
    folder = write_folder(tmp_path / "news", 12)
    serial, serial_contents, serial_workers = run_import(tmp_path / "a.db", [str(folder)], 0)
    parallel, parallel_contents, parallel_workers = run_import(tmp_path / "b.db", [str(folder)], 1)
    assert (serial_workers, parallel_workers) == (0, 1)
    assert parallel == serial and parallel.imported == 12
    sentences, links = parallel_contents
    assert parallel_contents == serial_contents
    assert len(sentences) == 12 * 6 and any(state == "automatic" for *_, state, _ in links)


def test_a_broken_file_among_many_gives_its_one_error_and_the_others_are_imported(
    tmp_path: Path, small_cutoff: None
) -> None:
    folder = write_folder(tmp_path / "news", 8)
    (folder / "004.txt").write_text("   \n\n  ")  # an empty article
    (folder / "005.txt").write_bytes(b"\xff\xfe\x00\x00" * 50 + b"\x00" * 400)  # not text
    (folder / "feed.jsonl").write_text('{"text": "A fine line of text about 3 boats."}\n{"oops"\n')
    serial, serial_contents, _ = run_import(tmp_path / "a.db", [str(folder)], 0)
    parallel, parallel_contents, workers = run_import(tmp_path / "b.db", [str(folder)], 1)
    assert workers == 1
    assert parallel == serial and parallel_contents == serial_contents
    assert parallel.imported == 6 and parallel.failed == 3
    assert [problem.split(":")[0] for problem in parallel.problems] == [
        str(folder / name) for name in ("004.txt", "005.txt", "feed.jsonl")
    ]


def test_cancelling_a_parallel_import_stops_it_with_whole_articles_only(
    tmp_path: Path, small_cutoff: None
) -> None:
    folder = write_folder(tmp_path / "news", 12)
    started: list[int] = []
    summary, (sentences, _), workers = run_import(
        tmp_path / "a.db",
        [str(folder)],
        1,
        on_progress=lambda done, total, source: started.append(done),
        cancelled=lambda: len(started) >= 5,
    )
    assert workers == 1
    assert summary.imported == 5 and len(sentences) == 5 * 6
    assert multiprocessing.active_children() == []  # the worker is gone with the import


def test_a_small_import_starts_no_process(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "news", 3)
    summary, _, workers = run_import(tmp_path / "a.db", [str(folder)], 1)
    assert summary.imported == 3 and workers == 0


def test_a_killed_worker_loses_no_article(tmp_path: Path, small_cutoff: None) -> None:
    folder = write_folder(tmp_path / "news", 12)
    _, serial_contents, _ = run_import(tmp_path / "a.db", [str(folder)], 0)

    def kill_the_worker(done: int, total: int, source: str) -> None:
        if done == 3:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    summary, contents, _ = run_import(
        tmp_path / "b.db", [str(folder)], 1, on_progress=kill_the_worker
    )
    assert summary.imported == 12 and summary.problems == []
    assert contents == serial_contents


def test_a_worker_that_cannot_be_started_leaves_the_import_to_this_process(
    tmp_path: Path, small_cutoff: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in the app, whose stderr has no file descriptor for multiprocessing to hand on.
    from concurrent.futures import ProcessPoolExecutor

    def refuse(*args, **kwargs):
        raise ValueError("bad value(s) in fds_to_keep")

    folder = write_folder(tmp_path / "news", 8)
    _, serial_contents, _ = run_import(tmp_path / "a.db", [str(folder)], 0)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", refuse)
    summary, contents, workers = run_import(tmp_path / "b.db", [str(folder)], 1)
    assert summary.imported == 8 and summary.problems == [] and workers == 0
    assert contents == serial_contents
