"""`triage watch` on feeds served by a real HTTP server on 127.0.0.1 (tests/watch/conftest.py)."""

from __future__ import annotations

import itertools
import re
import threading
import time

from watch_site import HTTP_DATE, page_html, rss, serve_stories, story

from triage.store.watch import FAILED, REFUSED

RSS = "application/rss+xml"


def titles(store) -> list[str]:
    return [article.title for article in store.articles()]


def test_new_entries_are_imported_oldest_first_with_one_line_each(site, run_watch, reader):
    feed = site.serve("/feed", rss(serve_stories(site, [1, 2, 3])), content_type=RSS)

    run = run_watch(feed)

    assert titles(reader()) == [story(n)[0] for n in (1, 2, 3)]
    assert len(run.lines) == 3
    first = run.lines[0]
    assert first.startswith(story(1)[0])
    assert "claims, 0 repeats found, 0 checked before" in first
    assert site.url("/story/1") in first
    assert run.warnings == []
    stored = reader().article(1)
    assert stored.url == site.url("/story/1")
    assert stored.outlet == "Test Wire"  # the feed's title: the page names no site


def test_an_unchanged_feed_is_answered_304_and_costs_nothing(site, run_watch, reader):
    items = serve_stories(site, [1, 2])
    site.serve("/feed", rss(items), content_type=RSS, etag='"v1"', modified=HTTP_DATE)
    run_watch(site.url("/feed"))

    again = run_watch(site.url("/feed"))

    feed_hits = site.hits("/feed")
    assert [hit.status for hit in feed_hits] == [200, 304]
    assert feed_hits[1].if_none_match == '"v1"'
    assert feed_hits[1].if_modified_since == HTTP_DATE
    assert again.lines == []
    assert len(site.hits("/story/1")) == 1  # no page fetched again


def test_last_modified_alone_is_enough_for_a_304(site, run_watch):
    site.serve("/feed", rss(serve_stories(site, [4])), content_type=RSS, modified=HTTP_DATE)
    run_watch(site.url("/feed"))
    run_watch(site.url("/feed"))
    assert [hit.status for hit in site.hits("/feed")] == [200, 304]


def test_a_new_entry_in_a_changed_feed_is_the_only_one_imported(site, run_watch, reader):
    site.serve("/feed", rss(serve_stories(site, [1, 2])), content_type=RSS, etag='"v1"')
    run_watch(site.url("/feed"))
    site.serve("/feed", rss(serve_stories(site, [1, 2, 3])), content_type=RSS, etag='"v2"')

    run = run_watch(site.url("/feed"))

    assert [line.split("  ")[0] for line in run.lines] == [story(3)[0]]
    assert len(reader().articles()) == 3
    assert len(site.hits("/story/1")) == 1


def test_a_restart_imports_nothing_twice_even_without_validators(site, run_watch, reader):
    """A feed without ETag or Last-Modified is read whole every time: the entries seen are
    known from the workspace, so no page is fetched again and nothing is imported twice."""
    feed = site.serve("/feed", rss(serve_stories(site, [1, 2, 3])), content_type=RSS)
    first = run_watch(feed)
    second = run_watch(feed)  # a new Watcher on a new connection: a restart
    third = run_watch(feed)

    assert len(first.lines) == 3
    assert second.lines == third.lines == []
    assert len(reader().articles()) == 3
    assert all(len(site.hits(f"/story/{n}")) == 1 for n in (1, 2, 3))
    assert [hit.status for hit in site.hits("/feed")] == [200, 200, 200]


def test_the_same_page_under_two_entries_is_stored_once(site, run_watch, reader):
    title, paragraphs = story(7)
    site.serve("/a", page_html(title, paragraphs))
    site.serve("/b", page_html(title, paragraphs))
    feed = site.serve(
        "/feed",
        rss([("urn:b", site.url("/b"), title), ("urn:a", site.url("/a"), title)]),
        content_type=RSS,
    )
    run = run_watch(feed)
    assert len(run.lines) == 1
    assert any("already in the workspace" in warning for warning in run.warnings)
    assert len(reader().articles()) == 1


def test_a_broken_feed_is_reported_and_the_others_go_on(site, run_watch, reader):
    good = site.serve("/good", rss(serve_stories(site, [1, 2])), content_type=RSS)
    garbage = site.serve("/garbage", "<html><body>Not a feed at all</body></html>")
    down = site.serve("/down", "", status=500)
    missing = site.url("/nowhere")

    run = run_watch(garbage, down, missing, good)

    assert titles(reader()) == [story(1)[0], story(2)[0]]
    problems = "\n".join(run.warnings)
    assert f"feed {garbage}: not an RSS or Atom feed" in problems
    assert f"feed {down}: HTTP 500" in problems
    assert f"feed {missing}: HTTP 404" in problems
    assert run.watcher.summary.problems == 3


def test_a_failing_feed_is_retried_with_growing_waits_then_read(site, run_watch, reader):
    """retry=0.1 s: tries about 0.1, 0.2 and 0.4 s apart; the feed comes back after its third
    failure and is read, while another feed went on at its own interval."""
    flaky = site.serve("/flaky", "", status=503)
    steady = site.serve("/steady", rss(serve_stories(site, [1])), content_type=RSS)
    stop = threading.Event()

    def heal_then_stop() -> None:
        deadline = time.monotonic() + 10  # three failed tries first, however slow the start
        while time.monotonic() < deadline and len(site.hits("/flaky")) < 3:
            time.sleep(0.02)
        site.serve("/flaky", rss(serve_stories(site, [2], prefix="/late")), content_type=RSS)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
            hit.status == 200 for hit in site.hits("/flaky")
        ):
            time.sleep(0.02)
        time.sleep(0.3)
        stop.set()

    helper = threading.Thread(target=heal_then_stop)
    helper.start()
    run = run_watch(flaky, steady, once=False, stop=stop, retry=0.1, interval=30)
    helper.join()

    failed = [hit.at for hit in site.hits("/flaky") if hit.status == 503]
    assert len(failed) >= 3
    # The waits the journalist is told double; the tries keep to them. A loaded machine can only
    # lengthen a gap between tries, never shorten it, so the gaps are held to the waits from below.
    said = [
        float(wait) for wait in re.findall(r"trying again in ([\d.]+) s", "\n".join(run.warnings))
    ]
    assert said[:3] == [0.1, 0.2, 0.4]
    gaps = [b - a for a, b in itertools.pairwise(failed)]
    assert all(gap >= wait - 0.02 for gap, wait in zip(gaps, said, strict=False))
    assert site.hits("/flaky")[-1].status == 200
    assert any("answering again" in warning for warning in run.warnings)
    assert any("2 failures in a row; trying again in 0.2 s" in w for w in run.warnings)
    assert titles(reader()) == [story(1)[0], story(2)[0]]
    assert len(site.hits("/steady")) == 1  # its interval (30 s) had not come round


def test_a_slow_page_times_out_is_reported_and_fetched_again_next_poll(site, run_watch, reader):
    items = serve_stories(site, [1, 2, 3])
    site.routes["/story/2"].delay = 3.0
    feed = site.serve("/feed", rss(items), content_type=RSS, etag='"v1"')

    started = time.monotonic()
    run = run_watch(feed, timeout=0.3)
    took = time.monotonic() - started

    assert took < 2.5  # the slow page did not hold the watch for its 3 s
    assert titles(reader()) == [story(1)[0], story(3)[0]]
    assert any(
        f"{site.url('/story/2')}: no answer within 0.3 s (try 1 of 3" in w for w in run.warnings
    )
    from triage.store.watch import WatchStore

    assert WatchStore(reader()).pending_entries(feed)[0].link == site.url("/story/2")

    site.routes["/story/2"].delay = 0
    again = run_watch(feed, timeout=0.3)  # the feed answers 304, the failed entry is retried

    assert site.hits("/feed")[-1].status == 304
    assert [line.split("  ")[0] for line in again.lines] == [story(2)[0]]
    assert WatchStore(reader()).pending_entries(feed) == []


def test_a_page_that_keeps_failing_is_given_up_after_three_tries(site, run_watch, reader):
    feed = site.serve(
        "/feed", rss([("urn:x", site.url("/gone-wrong"), "Broken")]), content_type=RSS
    )
    site.serve("/gone-wrong", "", status=502)
    for _ in range(4):
        run_watch(feed)
    assert len(site.hits("/gone-wrong")) == 3
    from triage.store.watch import WatchStore

    assert WatchStore(reader()).attempts("entry", "urn:x") == 3
    assert reader().articles() == []


def test_a_page_over_the_size_limit_is_refused_and_not_fetched_again(site, run_watch, reader):
    items = serve_stories(site, [1])
    title, paragraphs = story(2)
    site.serve("/huge", page_html(title, paragraphs * 200))  # about 80 KB
    items.insert(0, ("urn:huge", site.url("/huge"), title))
    feed = site.serve("/feed", rss(items), content_type=RSS)

    run = run_watch(feed, max_bytes=20_000)
    run_watch(feed, max_bytes=20_000)

    assert titles(reader()) == [story(1)[0]]
    assert any(
        f"{site.url('/huge')}: too large" in w and "the limit is 20.0 KB (max_article_mb" in w
        for w in run.warnings
    )
    assert len(site.hits("/huge")) == 1
    seen = reader().db.execute("SELECT state FROM watch_seen WHERE key = 'urn:huge'").fetchone()
    assert seen[0] == REFUSED


def test_a_page_without_article_text_is_refused_once(site, run_watch, reader):
    site.serve("/empty", "<html><body><nav>Home</nav></body></html>")
    feed = site.serve("/feed", rss([("urn:e", site.url("/empty"), "Nothing")]), content_type=RSS)
    run = run_watch(feed)
    run_watch(feed)
    assert any("HTML page has no article text" in w for w in run.warnings)
    assert len(site.hits("/empty")) == 1


def test_hostile_titles_are_cleaned_for_the_terminal(site, run_watch):
    title, paragraphs = story(9)
    site.serve("/p", page_html(title, paragraphs))
    feed = site.serve(
        "/feed", rss([("urn:p", site.url("/p"), "Bad \x1b]52;c;aGk=\x07 news")]), content_type=RSS
    )
    run = run_watch(feed)
    assert "\x1b" not in run.lines[0] and "\x07" not in run.lines[0]
    assert run.lines[0].startswith("Bad ␛]52;c;aGk=␇ news")


def test_repeats_and_checked_before_are_counted_on_arrival(site, run_watch, reader):
    """The second page repeats a sentence of the first, which the desk has rated: the line says
    so at once."""
    shared = "The council said the harbour dredging cost 40 million pounds in 2023."
    first_paragraphs = [shared, *story(1)[1][1:]]
    site.serve("/one", page_html("First report", first_paragraphs))
    feed = site.serve("/feed", rss([("urn:1", site.url("/one"), "First report")]), content_type=RSS)
    run_watch(feed)
    store = reader()
    claim = next(c for c in store.claims(1) if c.text == shared)
    store.set_verdict([claim.id], "False")

    site.serve("/two", page_html("Second report", [shared, *story(3)[1][1:]]))
    site.serve(
        "/feed",
        rss([("urn:2", site.url("/two"), "Second report"), ("urn:1", site.url("/one"), "First")]),
        content_type=RSS,
    )
    run = run_watch(feed)

    assert len(run.lines) == 1
    assert "1 repeat found, 1 checked before" in run.lines[0]
    assert run.watcher.summary.repeats == 1


def test_failed_entries_are_recorded_as_failed(site, run_watch, reader):
    site.serve("/flaky", "", status=503)
    feed = site.serve("/feed", rss([("urn:f", site.url("/flaky"), "F")]), content_type=RSS)
    run_watch(feed)
    row = reader().db.execute("SELECT state, attempts FROM watch_seen").fetchone()
    assert tuple(row) == (FAILED, 1)
