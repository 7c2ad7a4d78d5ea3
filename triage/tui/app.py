"""The triage app: owns the store connection, the keymap, the theme and the live refresh."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

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
from triage.tui.messages import WorkspaceChanged
from triage.tui.screens.triage_screen import TriageScreen

if TYPE_CHECKING:
    from triage.tui.screens.articles import ArticleListScreen

POLL_INTERVAL_S = 1.0
STARTUP_SETTLED_S = 1.0  # the first screen is up by then
DEFAULT_THEME = "textual-dark"
# Actions that open a screen: only offered from the main screen, never stacked on a dialog.
_MAIN_SCREEN_ONLY = {
    "help",
    "articles",
    "search",
    "import_files",
    "duplicates",
    "queue",
    "new_repeats",
}


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
        for action_id, key in actions.invalid_keys(self.config.keys):
            self.notify(
                f"Config [keys]: {action_id} = {key!r} is not a key a terminal can send "
                "(e.g. ctrl+s, f5, shift+tab, question_mark); see `triage keys`.",
                severity="warning",
                markup=False,
                timeout=8,
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
            self.main.post_message(WorkspaceChanged())
            on_top = self.screen
            if on_top is not self.main and hasattr(on_top, "refresh_from_store"):
                on_top.refresh_from_store()  # a view that follows the workspace (new repeats)

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
            if not isinstance(self._working_screen(), TriageScreen):
                return False
            if action == "duplicates" and self.main.loaded:  # a maybe sentence is never linked
                claim = self.main.current_claim
                return claim is not None and claim.is_claim
        return True

    def action_help(self) -> None:
        from triage.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.config.verdicts, self.config.keys))

    def action_articles(self) -> None:
        from triage.tui.screens.articles import ArticleListScreen

        main = self.main
        current = main.article.id if main.article else None
        articles = ArticleListScreen(self.store, current)
        self.push_screen(articles, partial(self._after_articles, articles))

    def _after_articles(self, articles: ArticleListScreen, article_id: int | None) -> None:
        if article_id is not None:
            self.main.open_article(article_id)
        if articles.removed:  # totals, the article count, and links to the removed claims
            self.main.refresh_from_store()

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

    def action_new_repeats(self) -> None:
        from triage.tui.screens.new_repeats import NewRepeatsScreen

        self.push_screen(NewRepeatsScreen(self.store, self.config.verdicts), self._after_queue)

    def action_duplicates(self) -> None:
        from triage.tui.screens.duplicates import DuplicatesScreen

        claim = self.main.current_claim
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

    # -- command palette: the actions that apply where it was opened ---------------------------

    def _working_screen(self) -> Screen:
        """The screen the journalist works in, under the command palette when that is open."""
        from textual.command import CommandPalette

        for screen in reversed(self.screen_stack):
            if not isinstance(screen, CommandPalette):
                return screen
        return self.screen

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, then every registry action the screen answers to now: the
        bindings of the focused widget, its screen and the app, as the footer sees them, minus
        those the screen's check_action turns off (a verdict beyond the scale, the article list
        over a dialog). Dialog keys (Esc, y, ctrl+s) are left to the dialog."""
        yield from super().get_system_commands(screen)
        found: dict[str, tuple[DOMNode, Binding, list[str]]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            action = actions.ACTIONS_BY_ID.get(binding.id or "")
            if not active.enabled or action is None or action.scope == "modal":
                continue
            entry = found.setdefault(action.id, (active.node, binding, []))
            entry[2].append(key)
        verdicts = self.config.verdicts
        for action in actions.visible_actions(verdicts):
            if action.id not in found:
                continue
            node, binding, keys = found[action.id]
            # A binding a screen repurposes (o goes back in the article list) says so itself.
            repurposed = binding.description != action.description
            label = ", ".join(self.get_key_display(Binding(k, "")) for k in keys)
            title = binding.description if repurposed else actions.describe(action, verdicts)
            yield SystemCommand(
                title,
                f"{label}  ({action.id})",
                partial(self.run_action, binding.action, node),
            )


def run_app(store_path: Path, config: Config, checked: bool = False) -> None:
    """Open the workspace and run the app until the journalist quits; `checked` says the caller
    has just checked the file for damage, so it is not read through a second time."""
    # Otherwise the damage check runs while the screen is built; the first write waits for it.
    store = Store.open(store_path, config.user, wait_for_check=False, check=not checked)
    try:
        TriageApp(store, config).run()
    finally:
        store.close()
