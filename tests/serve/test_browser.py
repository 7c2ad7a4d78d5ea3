"""`triage serve` in a real headless browser: the system's Chromium, driven by Playwright.

The screen is drawn by xterm.js on a canvas, so the page's text is read where it arrives:
screen_probe.js records what the server sends the page's WebSocket (escape sequences removed).
Run: .venv/bin/pytest tests/serve/test_browser.py (needs /usr/bin/chromium).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from served import FIRST_CLAIM, TOKEN, wait_until

from triage.store.workspace import Store

CHROMIUM = Path("/usr/bin/chromium")
PROBE = Path(__file__).with_name("screen_probe.js")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no Chromium at /usr/bin/chromium: install it with `apt-get install -y chromium` "
    "(as root) to run the browser tests",
)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'"
)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser) -> Iterator:
    """A fresh browser profile (no cookie) with the screen probe in every page."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(path=str(PROBE))
    yield ctx
    ctx.close()


def wait_for_text(page, *texts: str, timeout: float = 30.0) -> None:
    page.wait_for_function(
        "texts => window.__triage && texts.every(t => window.__triage.text().includes(t))",
        arg=list(texts),
        timeout=timeout * 1000,
    )


def verdicts(db: Path) -> dict[str, str | None]:
    reader = Store.open(db, "reader")
    try:
        return {c.text: c.verdict for a in reader.article_ids() for c in reader.claims(a)}
    finally:
        reader.close()


def test_a_verdict_key_in_the_browser_is_saved_and_other_sessions_show_live(
    serve, context, served_db
):
    server = serve("--token", TOKEN)
    page = context.new_page()
    page.goto(server.url)
    assert "token" not in page.url  # traded for a cookie, out of the address bar
    wait_for_text(page, "Claims:", "The harbour board raised", " decided")  # the claim list
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("1")
    assert wait_until(lambda: verdicts(served_db)[FIRST_CLAIM] == "True"), verdicts(served_db)
    assert sum(v is not None for v in verdicts(served_db).values()) == 1
    wait_for_text(page, "1/3 (33%)")  # the browser repainted the saved decision

    colleague = Store.open(served_db, "colleague")  # another session decides a claim
    try:
        other = next(c for c in colleague.claims(2) if c.is_claim)
        colleague.set_verdict([other.id], "False")
    finally:
        colleague.close()
    wait_for_text(page, "2/3 (67%)", timeout=10)  # shown without a key (the app polls)


def test_a_browser_without_the_token_gets_403_and_no_session(serve, context):
    server = serve("--token", TOKEN)
    page = context.new_page()
    response = page.goto(server.base + "/")
    assert response is not None and response.status == 403
    assert "needs its token" in page.inner_text("body")
    page.goto(server.base + "/?token=" + "y" * len(TOKEN))
    assert "needs its token" in page.inner_text("body")
    assert server.sessions() == []


def test_the_session_limit_page_and_a_closed_tab_frees_its_place(serve, context):
    server = serve("--max-sessions", "1")
    first = context.new_page()
    first.goto(server.url)
    wait_for_text(first, "Claims:", " decided")
    assert len(server.sessions()) == 1
    second = context.new_page()
    response = second.goto(server.url)
    assert response is not None and response.status == 503
    assert "Every session is in use" in second.inner_text("#sessions-full")
    assert len(server.sessions()) == 1
    first.close()  # the tab goes: its app quits and its process ends
    assert wait_until(lambda: server.sessions() == [], timeout=15), "a closed tab's process lingers"
    second.reload()
    wait_for_text(second, "Claims:", " decided")
    assert len(server.sessions()) == 1
