"""`triage watch FOLDER`: files that land are imported once; the command stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner
from watch_site import page_html, rss, serve_stories, story

from triage.cli import cli
from triage.store.workspace import Store

NOTE = (
    "Harbour fees\n\n"
    "The harbour board said fees rose by 12 percent in 2024, the largest rise in a decade. "
    "Fishermen said the board had promised a freeze until 2026."
)


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def start_watch(run_watch, folder: Path) -> tuple[threading.Event, threading.Thread, list]:
    stop = threading.Event()
    result: list = []
    thread = threading.Thread(
        target=lambda: result.append(run_watch(folder, once=False, stop=stop)), daemon=True
    )
    thread.start()
    return stop, thread, result


def test_a_file_landing_is_imported_and_the_same_file_again_is_not(
    tmp_path, run_watch, workspace_path
):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "already.txt").write_text(story(1)[0] + "\n\n" + " ".join(story(1)[1]))
    stop, thread, result = start_watch(run_watch, folder)
    store = Store.open(workspace_path, "tester")
    try:
        assert wait_for(lambda: store.article_count() == 1)  # what was there at the start

        (folder / "harbour.txt").write_text(NOTE)
        assert wait_for(lambda: store.article_count() == 2)
        assert store.article(2).title == "Harbour fees"
        assert any(c.text.startswith("The harbour board said fees rose") for c in store.claims(2))

        (folder / "harbour.txt").write_text(NOTE)  # the same file again, same bytes
        os.utime(folder / "harbour.txt")
        (folder / ".draft.html").write_text(page_html(*story(2)))  # hidden: never read
        (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")  # not a text type
        (folder / "other.md").write_text("# Other\n\n" + " ".join(story(3)[1]))
        assert wait_for(lambda: store.article_count() == 3)  # only other.md
        time.sleep(0.3)  # a late event for harbour.txt would show by now
        assert store.article_count() == 3

        (folder / "harbour.txt").write_text(NOTE + " Fees fell by 2 percent in 2019.")
        assert wait_for(lambda: store.article_count() == 4)  # changed: new text, imported
    finally:
        stop.set()
        thread.join(10)
        store.close()
    assert not thread.is_alive()
    lines = result[0].lines
    assert [line.split("  ")[0] for line in lines] == [
        story(1)[0], "Harbour fees", "Other", "Harbour fees"
    ]  # fmt: skip
    assert lines[1].endswith("harbour.txt")
    assert result[0].warnings == []


def test_a_restart_reads_only_the_files_it_has_not_seen(tmp_path, run_watch, reader):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(NOTE)
    (folder / "sub" / "b.html").write_text(page_html(*story(4)))
    first = run_watch(folder)
    (folder / "c.md").write_text("# Third\n\n" + " ".join(story(5)[1]))
    second = run_watch(folder)
    third = run_watch(folder)
    assert len(first.lines) == 2
    assert [line.split("  ")[0] for line in second.lines] == ["Third"]
    assert third.lines == [] and third.warnings == []
    assert len(reader().articles()) == 3


def test_a_bad_file_is_reported_once_and_the_others_go_on(tmp_path, run_watch, reader):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "bad.html").write_text("<html><body><nav>Menu</nav></body></html>")
    (folder / "good.txt").write_text(NOTE)
    first = run_watch(folder)
    second = run_watch(folder)
    assert any("bad.html: HTML page has no article text" in w for w in first.warnings)
    assert second.warnings == []
    assert len(reader().articles()) == 1


def test_watch_once_from_the_command_line(site, tmp_path):
    feed = site.serve("/feed", rss(serve_stories(site, [1, 2])), content_type="application/rss+xml")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "note.txt").write_text(NOTE)
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["watch", "--db", str(db), "--once", str(folder), feed])
    assert result.exit_code == 0, result.output
    shown = result.stdout.splitlines()
    assert shown[0].startswith("Harbour fees  [")
    assert {line.split("  ")[0] for line in shown[1:]} == {story(1)[0], story(2)[0]}
    assert "watch done: 3 articles imported" in result.stderr


def test_watch_refuses_a_file_or_a_missing_folder(tmp_path):
    (tmp_path / "a.txt").write_text(NOTE)
    runner = CliRunner()
    result = runner.invoke(cli, ["watch", "--db", str(tmp_path / "w.db"), str(tmp_path / "a.txt")])
    assert result.exit_code != 0
    assert "not a folder" in str(result.exception)
    missing = runner.invoke(cli, ["watch", "--db", str(tmp_path / "w.db"), str(tmp_path / "no")])
    assert "no such folder" in str(missing.exception)


def test_ctrl_c_stops_the_watch_cleanly(tmp_path):
    """A real process: Ctrl+C (SIGINT) ends it with one summary line, exit 0, no traceback."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    db = tmp_path / "w.db"
    triage = Path(sys.executable).with_name("triage")
    process = subprocess.Popen(
        [str(triage), "watch", "--db", str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        assert "watching 1 folder" in process.stderr.readline()
        (folder / "note.txt").write_text(NOTE)
        assert process.stdout is not None
        assert process.stdout.readline().startswith("Harbour fees  [")
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "watch stopped: 1 article imported" in err
    store = Store.open(db, "tester")
    try:
        assert store.article_count() == 1
        assert store.unlinked_article_ids() == []
    finally:
        store.close()


def test_ctrl_c_does_not_wait_for_a_slow_server(site, tmp_path):
    items = serve_stories(site, [1, 2])
    site.routes["/story/1"].delay = 15.0
    feed = site.serve("/feed", rss(items), content_type="application/rss+xml", etag='"v1"')
    db = tmp_path / "w.db"
    triage = Path(sys.executable).with_name("triage")
    process = subprocess.Popen(
        [str(triage), "watch", "--db", str(db), "--timeout", "30", feed],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: site.hits("/story/1"), timeout=20)
        time.sleep(0.2)
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        took = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert took < 3.0
    assert "Traceback" not in err
    assert "watch stopped: 0 articles imported" in err
    store = Store.open(db, "tester")
    try:
        assert store.article_count() == 0
        # Stopped half-way through the feed: its ETag is not kept, so the next start reads it all.
        assert (
            store.db.execute("SELECT COUNT(*) FROM watch_feeds WHERE etag != ''").fetchone()[0] == 0
        )
    finally:
        store.close()


def test_a_file_over_the_size_limit_is_reported_once(tmp_path, run_watch, reader):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "huge.txt").write_text(NOTE * 400)  # about 80 KB
    (folder / "note.md").write_text(NOTE)
    first = run_watch(folder, max_bytes=20_000)
    second = run_watch(folder, max_bytes=20_000)
    assert any("huge.txt: too large" in w for w in first.warnings)
    assert second.warnings == [] and second.lines == []
    assert len(reader().articles()) == 1
