"""What the claim list says must read the same without colour and at any width: verdicts that
differ at every width, repeat and note markers that stand out under NO_COLOR."""

from __future__ import annotations

import html
import re

import pytest

from triage.config import DEFAULT_VERDICTS, Config
from triage.tui.verdict_labels import short_labels
from triage.tui.widgets.verdict_bar import bar_text

SIZE = (110, 32)

_STYLE = re.compile(r"\.(terminal-[\w-]*?r\d+) \{ fill: (#[0-9a-f]{6})")
_TEXT = re.compile(r'<text class="([\w-]+)" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
_RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"')


def drawn(svg: str, glyph: str) -> list[tuple[str, str]]:
    """(text colour, background colour) of every cell drawn with exactly `glyph`."""
    fills = dict(_STYLE.findall(svg))
    rects = [(fill, float(x), float(y), float(w)) for fill, x, y, w in _RECT.findall(svg)]
    found = []
    for cls, x, y, content in _TEXT.findall(svg):
        if html.unescape(content) != glyph:
            continue
        x_at, row_top = float(x), float(y) - 18.5  # a text's baseline sits 18.5 below its rect
        back = [f for f, rx, ry, w in rects if abs(ry - row_top) < 1 and rx <= x_at < rx + w]
        found.append((fills[cls], back[-1]))
    return found


def list_rows(app) -> list[str]:
    """The claim list's rows as it draws them (exact columns; the screen text squeezes blanks)."""
    claims = app.main.claim_list
    return [claims.render_row(i, claims.size.width).plain for i in range(len(claims.claims))]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 = invisible, 21 = black on white)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("no_color", [True, False])
async def test_repeat_and_note_markers_are_readable_with_and_without_colour(
    make_app, settle, reader, screen, monkeypatch, no_color
):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = reader.claims(1)[:2]
        app.main.set_markers({first.id: "=C", second.id: "!"})
        await pilot.press("j", "n", *"ONS table", "ctrl+s", "k")  # a note on the second claim
        await settle(pilot)
        rows = list_rows(app)
        assert "=C  The council spent" in rows[0]
        assert "! N Rents rose by 8 percent" in rows[1]
        svg = app.export_screenshot()
    for glyph in "=C!N":
        cells = drawn(svg, glyph)
        assert cells, glyph
        for text, back in cells:
            # WCAG: 4.5 for text; 3 for bold text, which the colour look uses (and the cursor
            # row, drawn in the theme's own cursor colours).
            assert contrast(text, back) >= (4.5 if no_color else 3), (glyph, text, back)


async def test_a_note_alone_brings_the_marker_column(make_app, settle, reader, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert list_rows(app)[0].split("90 ")[1].startswith("The council spent")  # no column yet
        await pilot.press("n", *"call the council", "ctrl+s")
        await settle(pilot)
        assert "90 N The council spent" in list_rows(app)[0]
        assert "N The council spent" in screen(app)


async def test_mostly_true_and_mostly_false_differ_at_100_columns(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Mostly true; the cursor moves to the next undecided claim
        await pilot.press("5")  # Mostly false
        await settle(pilot)
        shown = screen(app)
        assert "Mostly …" not in shown
        claims = [row.split("│")[-2] for row in shown.splitlines() if row.count("│") >= 3]
        assert any(row.lstrip().startswith("M. true") for row in claims)
        assert any(row.lstrip().startswith("M. false") for row in claims)


async def test_a_long_custom_scale_keeps_every_key_and_distinct_names_in_80_columns(
    make_app, settle, screen
):
    scale = (
        "Accurate", "Accurate but misleading", "Accurate with caveats", "Half true",
        "Half false", "Inaccurate with caveats", "Inaccurate", "Pants on fire", "Unproven",
    )  # fmt: skip
    app = make_app(Config(user="tester", verdicts=scale))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = screen(app).splitlines()[-2]
    keys_at = [bar.index(f"{n} ") for n in range(1, 10)]  # every key, in order
    assert keys_at == sorted(keys_at)
    names = [bar[a + 2 : b].strip() for a, b in zip(keys_at, [*keys_at[1:], len(bar)])]
    assert all(names) and len(set(names)) == 9, names  # the last one too: names cut, not the bar
    assert names[0].startswith("Accu") and names[3] != names[4]  # Half true, Half false


@pytest.mark.parametrize("width", range(3, 14))
def test_short_labels_never_repeat_for_any_scale(width):
    scales = [
        DEFAULT_VERDICTS,
        ("Mostly true", "Mostly false", "Mostly unproven", "Half true", "Half false"),
        ("Unsupported claim A", "Unsupported claim B", "Unsupported claim C"),
        ("True", "true-ish", "TRUE!", "Truth"),
    ]
    for scale in scales:
        labels = short_labels(scale, width)
        assert all(len(label) <= width for label in labels.values()), labels
        assert len({label.casefold() for label in labels.values()}) == len(scale), labels


def test_short_labels_keep_names_that_fit_and_cut_mostly_by_initials():
    labels = short_labels(DEFAULT_VERDICTS, 8)
    assert labels["True"] == "True" and labels["Unproven"] == "Unproven"
    assert (labels["Mostly true"], labels["Mostly false"]) == ("M. true", "M. false")
    assert short_labels(DEFAULT_VERDICTS, 12) == {v: v for v in DEFAULT_VERDICTS}


def test_the_verdict_bar_fits_its_width_with_distinct_names():
    keys = [str(n) for n in range(1, 8)]
    wide = bar_text(DEFAULT_VERDICTS, keys, 120).plain
    assert "Mostly true" in wide and "Mostly false" in wide
    narrow = bar_text(DEFAULT_VERDICTS, keys, 60).plain
    assert len(narrow.rstrip()) <= 60
    assert all(f"{key} " in narrow for key in keys)
    assert "2 M. t" in narrow and "5 M. f" in narrow


async def test_help_explains_every_claim_list_mark(make_app, settle, screen):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark", "end")
        await settle(pilot)
        shown = " ".join(screen(app).split())
    for legend in ("= linked", "~ a suggested", "! conflicting", "C checked before", "N the claim"):
        assert legend in shown, legend
