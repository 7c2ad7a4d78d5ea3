"""Article text is data: never markup, never a terminal control sequence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from triage.config import Config
from triage.models import Article, Sentence
from triage.store.workspace import Store
from triage.tui.app import TriageApp
from triage.tui.safe_text import clean, safe_line, safe_text

HOSTILE_TITLE = "[red]Breaking[/red] \x1b]0;pwned\x07 news"
HOSTILE_TEXT = (
    "Prices rose by 5 percent \x1b[31mRED\x1b[0m in May. "
    "Copy this \x1b]52;c;ZXZpbA==\x07 now. "
    "The [b]not bold[/b] claim cost 9 [link](http://x) pounds. "
    "A C1 \x9b31m control and a bell \x07 in 2024."
)


def test_brackets_are_shown_as_typed():
    assert safe_text("[bold]x[/bold] [link=http://a]y[/link]").plain == (
        "[bold]x[/bold] [link=http://a]y[/link]"
    )
    assert safe_text("[bold]x[/bold]").spans == []


def test_escape_sequences_become_visible_and_harmless():
    assert clean("\x1b[31mred") == "␛[31mred"
    assert clean("\x1b]52;c;ZXZpbA==\x07") == "␛]52;c;ZXZpbA==␇"
    assert "\x9b" not in clean("\x9b31m")
    assert safe_line("two\nlines\tand tab").plain == "two lines and tab"
    assert clean("keep\nnewlines") == "keep\nnewlines"


def test_bidi_overrides_are_neutralised():
    assert "\u202e" not in clean("abc\u202edef")


@given(st.text())
def test_clean_keeps_length_and_removes_every_control(text):
    cleaned = clean(text)
    assert len(cleaned) == len(text)  # claim offsets stay valid
    assert not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 for ch in cleaned)


async def test_hostile_article_is_shown_literally(tmp_path, settle, screen):
    path = tmp_path / "hostile.db"
    store = Store.open(path, "tester")
    start = HOSTILE_TEXT.index("The [b]")
    end = HOSTILE_TEXT.index("pounds.") + len("pounds.")
    store.add_article(
        Article(title=HOSTILE_TITLE, text=HOSTILE_TEXT, outlet="[i]Outlet[/i]"),
        [Sentence(start, end, HOSTILE_TEXT[start:end], 0.9, True, "quantity")],
    )
    app = TriageApp(store, Config(user="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        shown = screen(app)
        svg = app.export_screenshot()
    store.close()
    assert "[red]Breaking[/red]" in shown
    assert "[i]Outlet[/i]" in shown
    assert "[b]not bold[/b]" in shown
    assert "␛[31mRED␛[0m" in shown
    assert "␛]52;c;ZXZpbA==␇" in shown
    assert "\x1b" not in svg and "\x07" not in svg and "\x9b" not in svg


async def test_notifications_are_cleaned_like_the_screen(tmp_path, settle):
    # A workspace path or an error text can carry escapes into "Not saved: ..." and similar;
    # screens and widgets notify through the app, so one place cleans them all.
    store = Store.open(tmp_path / "w.db", "tester")
    app = TriageApp(store, Config(user="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.notify("Not saved: /tmp/e\x1b]52;c;ZXZpbA==\x07.db", markup=False)
        app.screen.notify("Screen \x1b[2J note \x9b31m", title="T\x1b[31m\nitle", markup=False)
        await settle(pilot)
        shown = [(n.title, n.message) for n in app._notifications]
    store.close()
    assert shown == [
        ("", "Not saved: /tmp/e␛]52;c;ZXZpbA==␇.db"),
        ("T␛[31m itle", "Screen ␛[2J note \N{REPLACEMENT CHARACTER}31m"),
    ]
