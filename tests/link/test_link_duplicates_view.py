"""The repeats view, driven by keys only: see the repeat, judge links, jump to the other article."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

from triage.config import Config
from triage.link.linker import Linker
from triage.models import ACCEPTED, REJECTED, SUGGESTED, Article, FactCheck, Sentence
from triage.store.links import LinkStore
from triage.store.workspace import Store
from triage.tui.app import TriageApp
from triage.tui.screens.duplicates import DuplicatesScreen

SIZE = (160, 32)
REPEATED = (
    "The council spent 12 million pounds on new bicycle lanes across the city centre last year."
)
REWORDED = "The council spent £12m on new bicycle lanes across the city centre last year."
BILLION = (
    "The council spent 12 billion pounds on new bicycle lanes across the city centre last year."
)


def add(store: Store, title: str, sentences: list[str], published: str) -> int:
    parts, start = [], 0
    for sentence in sentences:
        parts.append(Sentence(start, start + len(sentence), sentence, 0.9, True))
        start += len(sentence) + 1
    article_id = store.add_article(
        Article(title=title, text=" ".join(sentences), published=published), parts
    )
    Linker(store).link_article(article_id)
    return article_id


def build(path: Path) -> None:
    store = Store.open(path, "tester")
    LinkStore(store).add_factchecks(
        [FactCheck("fc-lanes", "The council spent 12 million pounds on bicycle lanes in the centre.",
                   rating="Half true", url="https://checks.example/lanes", publisher="Example Checks")],
        source="test",
    )  # fmt: skip
    add(store, "Ledger: bike lanes", [REPEATED], "2025-03-01")
    add(store, "Courier: lanes again", [REWORDED], "2025-03-04")
    add(store, "Wire: big spending", [BILLION], "2025-03-09")
    store.close()


def screen_text(app: TriageApp) -> str:
    rows: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for x, y, content in re.findall(
        r'<text [^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg
    ):
        rows.setdefault(float(y), []).append((float(x), html.unescape(content)))
    return "\n".join(
        "".join(t for _, t in sorted(runs)).replace("\xa0", " ") for _, runs in sorted(rows.items())
    )


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run(path: Path, script) -> None:
    store = Store.open(path, "tester")
    app = TriageApp(store, Config(user="tester"))

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await script(app, pilot)

    try:
        asyncio.run(main())
    finally:
        store.close()


def link_states(path: Path) -> dict[str, str]:
    store = Store.open(path, "tester")
    try:
        first = store.claims(1)[0].id
        texts = {c.id: c.text for a in store.article_ids() for c in store.claims(a)}
        return {texts[link.other_id]: link.state for link in LinkStore(store).links(first)}
    finally:
        store.close()


def test_d_shows_repeats_and_fact_checks_side_by_side(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)

    async def script(app, pilot) -> None:
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        shot = screen_text(app)
        assert "seen in 2 articles, first on 2025-03-01" in shot
        assert "Courier: lanes" in shot and "auto" in shot
        assert "suggested" in shot  # the 12 billion claim: numbers differ, never automatic
        assert "Half true" in shot  # the archive match, right pane
        assert "checked before: Half true by Example Checks" in shot
        await pilot.press("j")  # the suggestion: its differing numbers are spelled out
        await settle(pilot)
        assert "differs: 12 billion, 12 million" in screen_text(app)

    run(path, script)


def test_a_accepts_and_r_rejects_the_link_under_the_cursor(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)

    async def script(app, pilot) -> None:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("j", "a")  # the second row: the suggestion
        await settle(pilot)
        assert link_states(path)[BILLION] == ACCEPTED
        # Accepted links list first and the cursor followed the claim, so the automatic link is next.
        await pilot.press("j", "r")
        await settle(pilot)
        assert link_states(path)[REWORDED] == REJECTED

    run(path, script)


def test_capital_a_accepts_every_link_shown(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)
    assert SUGGESTED in link_states(path).values()

    async def script(app, pilot) -> None:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)

    run(path, script)
    assert set(link_states(path).values()) == {ACCEPTED}


def test_enter_jumps_to_the_other_article_and_escape_goes_back(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)

    async def script(app, pilot) -> None:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DuplicatesScreen)
        assert "Courier: lanes again" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DuplicatesScreen)

    run(path, script)


def test_the_claim_list_marks_repeats_and_the_detail_says_where_else(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)

    async def script(app, pilot) -> None:
        await settle(pilot)  # the article loads, then its marks load in a second worker
        await settle(pilot)
        shot = screen_text(app)
        assert "=C The council spent" in shot  # linked, and checked before
        assert "seen in 2 articles, first on 2025-03-01" in shot
        assert "checked before" in shot

    run(path, script)


def test_a_verdict_shows_on_the_repeat_as_verdict_from_its_article(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)
    store = Store.open(path, "tester")
    store.set_verdict([store.claims(1)[0].id], "False")
    store.close()

    async def script(app, pilot) -> None:
        await pilot.press("J")  # the next article, the reworded repeat
        await settle(pilot)
        await settle(pilot)
        shot = screen_text(app)
        assert "False (verdict from Ledger: bike lanes)" in shot

    run(path, script)


def test_a_denial_shows_as_opposite_of_the_claim(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = Store.open(path, "tester")
    add(store, "Ledger: bike lanes", [REPEATED], "2025-03-01")
    add(
        store,
        "Courier: denial",
        [REPEATED.replace("The council spent", "The council never spent")],
        "2025-03-02",
    )
    store.close()

    async def script(app, pilot) -> None:
        await pilot.press("d")
        await settle(pilot)
        shot = screen_text(app)
        assert "opposite of The council never spent" in shot
        assert "suggested" in shot and "auto" not in shot

    run(path, script)


def test_conflict_marker_appears_as_soon_as_the_verdict_is_set(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    build(path)

    async def script(app, pilot) -> None:
        from triage.tui.widgets.claim_list import ClaimList

        await pilot.press("1")  # Ledger: True
        await pilot.press("J")  # the Courier's rewording, linked automatically
        await settle(pilot)
        assert app.main.article.title == "Courier: lanes again"
        claim = app.main.current_claim
        assert app.screen.query_one(ClaimList).markers.get(claim.id, "").startswith("=")
        await pilot.press("6")  # False: the cluster now carries two verdicts
        await settle(pilot)
        assert app.main.article.title == "Courier: lanes again"  # never left the article
        assert app.screen.query_one(ClaimList).markers.get(claim.id, "").startswith("!")

    run(path, script)
