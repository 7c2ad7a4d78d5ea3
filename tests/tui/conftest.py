"""UI test fixtures: small deterministic workspaces written through the store (no extractor).

A sentence is a claim when it holds a digit, so every test knows which rows appear.
"""

from __future__ import annotations

import asyncio
import html
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from triage.config import Config
from triage.models import Article, Sentence
from triage.store.workspace import Store
from triage.tui.app import TriageApp

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")

ARTICLES = (
    Article(
        title="Council budget under pressure",
        outlet="Daily Ledger",
        published="2025-03-01",
        text=(
            "The council spent 12 million pounds on roads last year. Residents were unhappy.\n\n"
            "Rents rose by 8 percent since 2020. Nobody expected that. "
            "The mayor said 300 homes would be built by 2027. Crime fell by 4 percent."
        ),
    ),
    Article(
        title="Hospital waiting lists",
        outlet="The Courier",
        published="2025-04-02",
        text=(
            "Waiting lists grew to 7 million people. The minister was asked about it. "
            "Funding doubled to 2 billion pounds. It was a long debate."
            " Only 40 percent of patients were seen within 18 weeks."
        ),
    ),
    Article(
        title="Exports and the harbour",
        outlet="Northern Wire",
        published="2025-05-03",
        text="Exports reached 950 tonnes in March. The harbour was quiet. Fees rose by 3 pounds.",
    ),
)


def sentences_of(text: str) -> list[Sentence]:
    found = []
    for match in _SENTENCE.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        body = text[start : match.end()]
        is_claim = any(ch.isdigit() for ch in body)
        found.append(
            Sentence(
                start,
                match.end(),
                body,
                0.9 if is_claim else 0.02,
                is_claim,
                "quantity" if is_claim else "other",
            )
        )
    return found


def build_workspace(path: Path, articles: tuple[Article, ...] = ARTICLES) -> Path:
    store = Store.open(path, "tester")
    for article in articles:
        store.add_article(article, sentences_of(article.text))
    store.close()
    return path


# -- scored articles: claim order, the maybe band, the workspace queue ---------------------------
# With THRESHOLD 0.5 the maybe band holds scores in [0.35, 0.5).
THRESHOLD = 0.5

# (sentence, score); a sentence is a claim when its score reaches THRESHOLD.
HARBOUR = (
    ("The port spent 40 million pounds on dredging.", 0.62),
    ("Officials were pleased.", 0.05),
    ("Cargo volumes rose by 12 percent in 2024.", 0.91),
    ("The harbour master said 300 jobs were created.", 0.77),
    ("Some residents think the works were noisy.", 0.44),
    ("Fees will double by 2026, the board said.", 0.55),
    ("The board may revisit the plan.", 0.38),
    ("It rained on the day.", 0.30),
)
RAIL = (
    ("Rail fares rose by 5 percent in January.", 0.83),
    ("Commuters complained.", 0.2),
    ("Ticket sales fell to 2 million in March.", 0.95),
    ("The operator blamed the weather for 40 cancellations.", 0.58),
)
BUS = (
    ("Bus journeys grew by 7 percent.", 0.88),
    ("Drivers went on strike for 3 days.", 0.66),
)
STORIES = (("Harbour works", HARBOUR), ("Rail fares", RAIL), ("Bus services", BUS))


def article_of(
    title: str, sentences: tuple[tuple[str, float], ...]
) -> tuple[Article, list[Sentence]]:
    text, spans = "", []
    for body, score in sentences:
        if text:
            text += " "
        spans.append(Sentence(len(text), len(text) + len(body), body, score, score >= THRESHOLD))
        text += body
    return Article(title=title, text=text, outlet="Test Wire"), spans


def build_scored_workspace(path: Path) -> Path:
    """Three articles (harbour, rail, bus) whose sentences carry the scores above."""
    store = Store.open(path, "tester")
    for title, sentences in STORIES:
        store.add_article(*article_of(title, sentences))
    store.close()
    return path


@pytest.fixture
def scored_workspace(tmp_path: Path) -> Path:
    return build_scored_workspace(tmp_path / "scored.db")


@pytest.fixture
def scored_config() -> Callable[..., Config]:
    """`scored_config(**options)`: a Config whose claim threshold matches the scored articles."""
    return lambda **options: Config(user="tester", claim_threshold=THRESHOLD, **options)


@pytest.fixture
def scored_reader(scored_workspace: Path) -> Iterator[Store]:
    """A second connection to the scored workspace, to check what is really committed."""
    store = Store.open(scored_workspace, "tester")
    yield store
    store.close()


@pytest.fixture(autouse=True)
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """UI tests run as in a colour terminal; the NO_COLOR test sets it back on purpose."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def settle() -> Callable:
    """`await settle(pilot)`: let workers finish and the screen catch up (no sleeps)."""
    return _settle


async def _submit_import(pilot, paths: str) -> None:
    from textual.widgets import Input

    from triage.tui.screens.import_files import ImportScreen

    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportScreen)
    pilot.app.screen.query_one("#paths", Input).value = paths
    await pilot.press("enter")


@pytest.fixture
def submit_import() -> Callable:
    """`await submit_import(pilot, paths)`: `i`, the paths, Enter. The paths are set in the field
    rather than typed: a temporary path is ~80 key presses, seconds of Pilot time that test
    Textual's Input, not the import."""
    return _submit_import


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return build_workspace(tmp_path / "workspace.db")


@pytest.fixture
def workspace_of(tmp_path: Path) -> Callable[[tuple[Article, ...]], Path]:
    """A workspace holding just the given articles (for layouts the default set can't show)."""
    return lambda articles: build_workspace(tmp_path / "custom.db", articles)


@pytest.fixture
def make_app(workspace: Path) -> Iterator[Callable[..., TriageApp]]:
    """Build apps on the test workspace; their stores are closed afterwards."""
    stores: list[Store] = []

    def make(config: Config | None = None, path: Path | None = None, **options) -> TriageApp:
        store = Store.open(path or workspace, "tester")
        stores.append(store)
        return TriageApp(store, config or Config(user="tester"), **options)

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def reader(workspace: Path) -> Iterator[Store]:
    """A second connection to check what is really committed."""
    store = Store.open(workspace, "tester")
    yield store
    store.close()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    arguments = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


_SVG_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')


def screen_text(app: TriageApp) -> str:
    """What the terminal shows now, as plain lines (read back from the app's own screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, content in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(content)))
    return "\n".join(
        "".join(text for _, text in sorted(runs)).replace("\xa0", " ")
        for _, runs in sorted(rows.items())
    )


@pytest.fixture
def screen() -> Callable[[TriageApp], str]:
    """`screen(app)`: the text on the terminal, line by line."""
    return screen_text
