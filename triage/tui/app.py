"""The triage app: owns the store connection, the keymap, the theme and the live refresh."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

from triage.config import Config
from triage.models import Claim
from triage.safe_text import clean
from triage.store.workspace import Store
from triage.tui import actions
from triage.tui.screens.triage_screen import TriageScreen

POLL_INTERVAL_S = 1.0
STARTUP_SETTLED_S = 1.0  # the first screen is up by then
DEFAULT_THEME = "textual-dark"
# Actions that open a screen: only offered from the main screen, never stacked on a dialog.
_MAIN_SCREEN_ONLY = {"help", "articles", "search", "import_files", "duplicates", "queue"}


class TriageApp(App[None]):
    """Keyboard-only claim triage over one workspace."""

    CSS_PATH = "triage.tcss"
    TITLE = "triage"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("app")
    # Textual declares this `ClassVar[...] | None`, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]  # type: ignore[misc]

    def __init__(self, store: Store, config: Config, *, poll_interval: float = POLL_INTERVAL_S):
        super().__init__()
        self.store = store
        self.config = config
        self.poll_interval = poll_interval
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self._data_version = -1
        self._clashes_reported: set[frozenset[str]] = set()

    @property
    def workspace_name(self) -> str:
        return Path(str(self.store.path)).name

    def get_default_screen(self) -> Screen:
        return TriageScreen(
            self.store, self.config.verdicts, self.workspace_name, self.config.claim_threshold
        )

    @property
    def main(self) -> TriageScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, TriageScreen)
        return screen

    def on_mount(self) -> None:
        self.theme = self._choose_theme()
        self.set_keymap(self.config.keys)
        unknown = actions.unknown_ids(self.config.keys)
        if unknown:
            self.notify(
                f"Config [keys]: no action called {', '.join(unknown)} (see `triage keys`).",
                severity="warning",
                markup=False,
            )
        for clash in actions.clashes(self.config.keys, self.config.verdicts):
            self.notify(f"Config [keys]: {clash}.", severity="warning", markup=False, timeout=8)
        self._data_version = self.store.data_version()
        self.set_interval(self.poll_interval, self._poll)
        # Modules, widgets and the loaded workspace live as long as the app. Once the first screen
        # is up, gc.freeze() takes them out of the collector's sight, so a full collection no
        # longer walks all of them in the middle of a keystroke (bench_tui at 100k claims: the
        # worst verdict key went from 61-77 to 42-44 ms).
        self.set_timer(STARTUP_SETTLED_S, gc.freeze)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (screens and widgets call this one too) is cleaned like the screen:
        a path, a title or an error text must not put a control sequence on the terminal."""
        super().notify(
            clean(message),
            title=clean(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _choose_theme(self) -> str:
        wanted = self.config.theme
        if wanted and wanted in self.available_themes:
            return wanted
        if wanted:
            self.notify(
                f"Unknown theme {wanted!r}; using {DEFAULT_THEME}.",
                severity="warning",
                markup=False,
            )
        return DEFAULT_THEME

    # -- two sessions: refresh when another connection commits ---------------------------------

    def _poll(self) -> None:
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self.main.refresh_from_store()

    # -- keys ------------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, TriageScreen) and main.loaded:
            main.save_position_now()
        await super().action_quit()

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        ids = frozenset(binding.id or binding.action for binding in clashed_bindings)
        if ids not in self._clashes_reported:
            self._clashes_reported.add(ids)
            self.notify(
                f"Config [keys] gives one key to several actions; {', '.join(sorted(ids))} "
                "lost it.",
                severity="warning",
                markup=False,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _MAIN_SCREEN_ONLY:
            return isinstance(self.screen, TriageScreen)
        return True

    def action_help(self) -> None:
        from triage.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.config.verdicts, self.config.keys))

    def action_articles(self) -> None:
        from triage.tui.screens.articles import ArticleListScreen

        main = self.main
        current = main.article.id if main.article else None
        self.push_screen(ArticleListScreen(self.store, current), self._open_article)

    def _open_article(self, article_id: int | None) -> None:
        if article_id is not None:
            self.main.open_article(article_id)

    def action_search(self) -> None:
        from triage.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.store), self._open_claim)

    def _open_claim(self, claim: Claim | None) -> None:
        if claim is not None:
            self.main.open_article(claim.article_id, claim.id)

    def action_queue(self) -> None:
        from triage.tui.screens.queue import QueueScreen

        self.push_screen(QueueScreen(self.store, self.config.verdicts), self._after_queue)

    def _after_queue(self, jump: tuple[int, int] | None) -> None:
        if jump is not None:
            self.main.open_article(*jump)
        self.main.refresh_from_store()  # decisions made in the queue: claims and totals

    def action_duplicates(self) -> None:
        from triage.tui.screens.duplicates import DuplicatesScreen

        claim = self.main.claim_list.current
        if claim is not None and claim.is_claim:  # a maybe sentence is never linked
            self.push_screen(DuplicatesScreen(self.store, claim.id), self._after_duplicates)

    def _after_duplicates(self, jump: tuple[int, int] | None) -> None:
        if jump is not None:
            self.main.open_article(*jump)
        else:
            self.main.refresh_from_store()  # links judged there change the claim list's marks

    def action_import_files(self) -> None:
        from triage.tui.screens.import_files import ImportScreen

        self.push_screen(
            ImportScreen(
                self.store,
                self.config.claim_threshold,
                self.config.link,
                self.config.max_article_bytes,
            ),
            lambda _: self.main.refresh_from_store(),
        )

    # -- command palette: every action ---------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, TriageScreen):
            return
        for action in actions.visible_actions(self.config.verdicts):
            if action.scope == "modal":
                continue
            keys = actions.current_keys(action, self.config.keys)
            label = ", ".join(self.get_key_display(Binding(k, "")) for k in keys.split(","))
            yield SystemCommand(
                actions.describe(action, self.config.verdicts),
                f"{label}  ({action.id})",
                partial(self._run_from_palette, action),
            )

    async def _run_from_palette(self, action: actions.Action) -> None:
        if action.scope == "list":
            focused = self.screen.focused
            if focused is not None:
                await self.run_action(action.action, focused)
            return
        await self.run_action(action.action)


def run_app(store_path: Path, config: Config, checked: bool = False) -> None:
    """Open the workspace and run the app until the journalist quits; `checked` says the caller
    has just checked the file for damage, so it is not read through a second time."""
    # Otherwise the damage check runs while the screen is built; the first write waits for it.
    store = Store.open(store_path, config.user, wait_for_check=False, check=not checked)
    try:
        TriageApp(store, config).run()
    finally:
        store.close()
