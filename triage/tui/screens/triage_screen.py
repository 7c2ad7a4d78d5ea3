"""The main screen: the article on the left, its claims on the right, one key per decision.

A thin screen: `TriageSession` holds what is shown and does what the keys mean (its writes are
committed before it returns, so whatever the screen shows next is on disk); `Loader` reads on
worker threads and posts messages back. This class composes the widgets, routes keys to the
session and draws what it says.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer

from triage.models import CHECKING, DISMISSED, UNDECIDED, Article, Claim, TriageError
from triage.store.workspace import Store
from triage.tui import actions, claim_queue
from triage.tui.loader import Loader
from triage.tui.messages import (
    ArticleLoaded,
    ArticleReloaded,
    MarkersLoaded,
    TotalsLoaded,
    WorkspaceChanged,
)
from triage.tui.session import NotSaved, Resume, TriageSession, plural, write_resume
from triage.tui.widgets.article_view import ArticleView
from triage.tui.widgets.claim_detail import ClaimDetail
from triage.tui.widgets.claim_list import ClaimList
from triage.tui.widgets.progress_header import Progress, ProgressHeader
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

SAVE_STATE_DELAY_S = 0.3


class TriageScreen(Screen[None]):
    """Triage one article at a time; J/K walk through the workspace."""

    BINDINGS: ClassVar[list[BindingType]] = actions.bindings("triage")
    AUTO_FOCUS = "#claims"

    def __init__(
        self,
        store: Store,
        verdicts: Sequence[str],
        workspace: str,
        threshold: float | None = None,
    ) -> None:
        super().__init__()
        self.session = TriageSession(store, verdicts, threshold)
        self.loader = Loader(self, store)
        self.workspace = workspace
        self.loaded = False
        self._state_timer: Timer | None = None
        self._resume: Resume | None = None  # where the cursor is, written on the next save
        self._saved_resume: Resume | None = None

    def compose(self) -> ComposeResult:
        yield ProgressHeader(id="header")
        with Horizontal(id="panes"):
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield ClaimList(id="claims")
                yield ClaimDetail(id="detail")
        yield VerdictBar(id="verdicts")
        yield TriageFooter(show_command_palette=False, compact=True)

    # -- what others may ask and tell --------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.session.article

    @property
    def article_ids(self) -> list[int]:
        return self.session.article_ids

    @property
    def current_claim(self) -> Claim | None:
        """The sentence the keys act on: under the article cursor or the list cursor."""
        if self.article_view.has_focus:
            return self.article_view.current_sentence
        return self.claim_list.current

    def open_article(self, article_id: int, claim_id: int | None = None) -> None:
        """Show another article (from J/K, the article list, search, the queue or undo)."""
        self.loader.article(article_id, claim_id)

    def refresh_from_store(self) -> None:
        """Another connection changed the workspace: reload what is on screen."""
        self.loader.reload(self.session.article_id, self.session.edits)

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        self.refresh_from_store()

    def set_markers(self, markers: dict[int, str]) -> None:
        """Show a short marker per claim id (e.g. repeats) in the claim list's marker column."""
        self.session.markers = markers
        current = self.claim_list.current
        self._show_rows(current.id if current else None)
        self.claim_list.refresh()

    # -- widgets -------------------------------------------------------------------------------

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one("#claims", ClaimList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def detail(self) -> ClaimDetail:
        return self.query_one("#detail", ClaimDetail)

    # -- loading -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.article_view.empty_message = (
            "No articles yet. Press i to import, or run `triage import PATH`."
        )
        self.article_view.border_title = "Article"
        self._show_header()
        self.call_after_refresh(self._show_verdict_bar)
        try:
            first = self.loader.first()
        except (TriageError, sqlite3.Error):  # busy or damaged: the worker retries and reports
            self.loader.start()
        else:
            self.on_article_loaded(first)
        self.loader.totals()

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        session = self.session
        if message.resume is not None:
            session.use_resume(message.resume)
        session.show_article(message.article, message.sentences)
        wanted = next((s for s in message.sentences if s.id == message.claim_id), None)
        switched = session.show_claim(wanted) if wanted is not None else None
        if switched:
            self.notify(f"Filter switched to “{switched}” to show that claim.", timeout=3)
        claim_id = session.landing(message.claim_id)
        self._show_rows(claim_id)
        # A plain sentence opened from search is in no list: the article pane shows it, focused,
        # so `a` promotes it.
        plain = wanted is not None and claim_id != wanted.id
        self.article_view.show(
            message.article, message.sentences, wanted.id if plain and wanted else claim_id
        )
        if plain:
            self.article_view.focus()
        elif not self.loaded and self.focused is None:
            self.claim_list.focus()
        self._after_move()
        if plain and wanted is not None:
            self.article_view.select(wanted.id)  # focus lands after this: keep the sentence
        self.loaded = True
        self._load_markers()

    def on_totals_loaded(self, message: TotalsLoaded) -> None:
        self.session.set_totals(message.article_ids, message.overall)
        self._show_header()

    def on_article_reloaded(self, message: ArticleReloaded) -> None:
        session = self.session
        if message.edits != session.edits:  # a local write landed while reading: stale
            self.refresh_from_store()
            return
        session.set_totals(message.article_ids, message.overall)
        if message.article_id != session.article_id:  # asked for an article no longer shown
            self._show_header()
            return
        if not message.exists:  # nothing was on screen, or the article was removed
            if message.article_ids:
                self.open_article(message.article_ids[0])
            elif session.article is not None:
                session.show_article(None, [])
                self._show_rows(None)
                self.article_view.show(None, [], None)
                self._after_move()
            self._show_header()
            return
        current = self.claim_list.current
        session.reload(message.sentences)
        self._redraw(current.id if current else None)
        self._load_markers()

    def on_markers_loaded(self, message: MarkersLoaded) -> None:
        session = self.session
        if session.article_id != message.article_id:
            return
        if message.notes != session.link_notes:
            session.link_notes = message.notes
            self.detail.show(self.current_claim, self._link_note())
        if message.markers != session.markers:
            self.set_markers(message.markers)

    def _reload_marks_of(self, ids: list[int]) -> None:
        """A verdict on a linked claim can put its cluster in conflict (!) or out of it; an
        unlinked claim has no mark to change, so most keys read nothing more."""
        if any(claim_id in self.session.markers for claim_id in ids):
            self._load_markers()

    def _load_markers(self) -> None:
        session = self.session
        if session.article_id is not None:
            self.loader.markers(session.article_id, [s.id for s in session.sentences if s.is_claim])

    # -- drawing -------------------------------------------------------------------------------

    def _show_rows(self, claim_id: int | None) -> None:
        session = self.session
        self.claim_list.show(
            session.rows(), tagged=session.tagged, markers=session.markers, select=claim_id
        )

    def _redraw(self, claim_id: int | None) -> None:
        """Redraw both panes from the session, keeping the cursor on `claim_id`."""
        session = self.session
        rows = session.rows()
        cursor = self.claim_list.cursor
        if claim_id is not None and any(c.id == claim_id for c in rows):
            self._show_rows(claim_id)
        else:
            self._show_rows(None)
            self.claim_list.move_cursor(min(cursor, max(len(rows) - 1, 0)), announce=False)
        current = self.claim_list.current
        follow = current is not None and not self.article_view.has_focus
        select = current.id if current is not None and follow else None
        self.article_view.replace(session.sentences, select=select)
        self._after_move()  # its select() finds the highlight already there

    def _after_move(self) -> None:
        current = self.claim_list.current
        if current is not None and not self.article_view.has_focus:
            self.article_view.select(current.id)
        self.detail.show(self.current_claim, self._link_note())
        self._show_header()
        self._schedule_state_save()

    def _link_note(self) -> str:
        current = self.current_claim
        return self.session.link_notes.get(current.id, "") if current is not None else ""

    def _show_header(self) -> None:
        session = self.session
        article_decided, article_claims = session.article_progress()
        self.query_one(ProgressHeader).show(
            Progress(
                workspace=self.workspace,
                article_position=session.article_position(),
                article_count=len(session.article_ids),
                article_decided=article_decided,
                article_claims=article_claims,
                decided=session.overall[0],
                total=session.overall[1],
                counted=session.counted,
            )
        )
        claim_list = self.claim_list
        shown = sum(c.is_claim for c in claim_list.claims)
        maybe = len(claim_list.claims) - shown
        order = claim_queue.ORDER_LABELS[session.order]
        title = f"Claims: {session.filter} ({shown}) · {order}"
        if claim_list.border_title != title:
            claim_list.border_title = title
        tagged = len(session.tagged_shown())
        subtitle = f"{tagged} tagged: keys act on all" if tagged else ""
        if not tagged and maybe:
            subtitle = f"{maybe} maybe below the threshold"
        if claim_list.border_subtitle != subtitle:
            claim_list.border_subtitle = subtitle

    def _show_verdict_bar(self) -> None:
        self.query_one(VerdictBar).show_screen_keys(self.session.verdicts)

    def on_row_list_highlighted(self, event: ClaimList.Highlighted) -> None:
        event.stop()
        if event.row_list is self.claim_list:
            self._after_move()

    def on_article_view_sentence_highlighted(self, event: ArticleView.SentenceHighlighted) -> None:
        index = self.claim_list.index_of(event.sentence.id)
        if index is not None:
            self.claim_list.move_cursor(index, announce=False)
        self.detail.show(event.sentence, self.session.link_notes.get(event.sentence.id, ""))
        self._schedule_state_save()

    def on_descendant_focus(self) -> None:
        self.detail.show(self.current_claim, self._link_note())
        current = self.claim_list.current
        if not self.article_view.has_focus and current is not None:
            self.article_view.select(current.id)

    # -- resume --------------------------------------------------------------------------------

    def on_unmount(self) -> None:
        self._write_resume()  # the widgets are gone by now: the last remembered point

    def save_position_now(self) -> None:
        """Write the resume point synchronously (on quit)."""
        self._remember_position()
        self._write_resume()

    def _remember_position(self) -> None:
        current = self.current_claim
        self._resume = self.session.resume_here(current.id if current else None)

    def _write_resume(self) -> None:
        resume = self._resume
        if self.loaded and resume is not None and resume != self._saved_resume:
            write_resume(self.session.store, resume)
            self._saved_resume = resume

    def _schedule_state_save(self) -> None:
        self._remember_position()
        if self._state_timer is not None:
            self._state_timer.stop()
        self._state_timer = self.set_timer(SAVE_STATE_DELAY_S, self._save_state)

    def _save_state(self) -> None:
        if self._resume is not None:
            self.loader.remember(self._resume)

    # -- writes --------------------------------------------------------------------------------

    def _saved(self, write: Callable[[], object]) -> bool:
        """Run one session write; a refusal is reported, never a crash, and nothing moves."""
        try:
            write()
        except NotSaved as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

    # -- decisions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "verdict":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and number <= len(self.session.verdicts)
        return True

    def action_verdict(self, number: int) -> None:
        if 1 <= number <= len(self.session.verdicts):
            self._decide(
                self.session.verdicts[number - 1],
                lambda ids: self.session.set_verdict(ids, number),
            )

    def action_checking(self) -> None:
        self._decide("checking", lambda ids: self.session.set_status(ids, CHECKING))

    def action_dismiss_claim(self) -> None:
        self._decide("dismissed", lambda ids: self.session.set_status(ids, DISMISSED))

    def action_reset_claim(self) -> None:
        """Back to undecided; the cursor stays, to decide it again."""
        self._decide("undecided", lambda ids: self.session.set_status(ids, UNDECIDED), stay=True)

    def _decide(
        self, label: str, write: Callable[[list[int]], object], *, stay: bool = False
    ) -> None:
        tagged = self.session.tagged_shown()
        if tagged:

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.session.tagged.clear()
                    self._commit_decision(tagged, write, bulk=True, stay=stay)

            from triage.tui.screens.confirm import ConfirmScreen

            question = f"Mark {plural(len(tagged), 'tagged claim')} as “{label}”?"
            self.app.push_screen(ConfirmScreen(question), confirmed)
            return
        current = self.current_claim
        if current is None:
            return
        if not current.is_claim:
            self.notify("That sentence is not a claim: promote it first.", severity="warning")
            return
        self._commit_decision([current.id], write, bulk=False, stay=stay)

    def _commit_decision(
        self,
        ids: list[int],
        write: Callable[[list[int]], object],
        *,
        bulk: bool,
        stay: bool = False,
    ) -> None:
        anchor = self.current_claim
        if not self._saved(lambda: write(ids)):
            return
        if stay:
            target: Claim | None = anchor
        else:
            target, all_decided = self.session.next_undecided(anchor)
            if all_decided and self.session.sentences:
                self.notify("Every claim in this article is decided.", timeout=2)
        self._redraw(target.id if target else None)
        if target is not None:
            self.article_view.select(target.id)
        if bulk:
            self.notify(f"Saved {len(ids)} claims.")
        self._reload_marks_of(ids)

    def action_dismiss_rest(self) -> None:
        """Dismiss every undecided claim listed below the cursor: one confirm, one undo step."""
        rest = claim_queue.rest_below(self.claim_list.claims, self.claim_list.cursor)
        if not rest:
            self.notify("No undecided claims below the cursor.", timeout=2)
            return
        anchor = self.claim_list.current

        def confirmed(yes: bool | None) -> None:
            dismissed: list[int] = []
            if not yes or not self._saved(
                lambda: dismissed.extend(self.session.dismiss_undecided(rest))
            ):
                return
            self._redraw(anchor.id if anchor else None)
            self.notify(
                f"Dismissed {plural(len(dismissed), 'claim')}; u brings them back.", timeout=3
            )

        from triage.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                f"Dismiss the {plural(len(rest), 'undecided claim')} below the cursor "
                "as not check-worthy?"
            ),
            confirmed,
        )

    # -- tags, filter, order -------------------------------------------------------------------

    def action_tag(self) -> None:
        current = self.claim_list.current
        if current is None:
            return
        self.session.toggle_tag(current)
        self.claim_list.refresh_row(self.claim_list.cursor)
        self.action_move_claim("down")

    def action_cycle_filter(self) -> None:
        self.session.cycle_filter()
        current = self.claim_list.current
        self._redraw(current.id if current else None)

    def action_toggle_order(self) -> None:
        """Best first <-> reading order; the cursor stays on its claim, the choice is saved."""
        order = self.session.toggle_order()
        current = self.claim_list.current
        self._redraw(current.id if current else None)
        self.notify(f"Claims sorted {claim_queue.ORDER_LABELS[order]}.", timeout=2)

    # -- undo ----------------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._replay(undo=True)

    def action_redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, *, undo: bool) -> None:
        fresh: list[Claim] = []
        if not self._saved(lambda: fresh.extend(self.session.replay(undo))):
            return
        if not fresh:
            self.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
            return
        done = "Undone" if undo else "Redone"
        self.notify(f"{done}: {plural(len(fresh), 'claim')}.", timeout=2)
        here = [c for c in fresh if c.article_id == self.session.article_id]
        if here:
            self._redraw(here[0].id)
            self.article_view.select(here[0].id)
            self._reload_marks_of([c.id for c in here])
        else:
            self.open_article(fresh[0].article_id, fresh[0].id)
        self.refresh_from_store()

    # -- editing -------------------------------------------------------------------------------

    def action_edit_note(self) -> None:
        current = self.current_claim
        if current is None:
            return

        def save(note: str | None) -> None:
            if note is not None and self._saved(lambda: self.session.set_note(current.id, note)):
                self._redraw(current.id)

        from triage.tui.screens.edit import EditScreen

        self.app.push_screen(EditScreen("Note", current.note, multiline=True), save)

    def action_edit_text(self) -> None:
        current = self.current_claim
        if current is None:
            return

        def save(text: str | None) -> None:
            if text and self._saved(lambda: self.session.set_text(current.id, text)):
                self._redraw(current.id)

        from triage.tui.screens.edit import EditScreen

        self.app.push_screen(EditScreen("Claim text", current.text, multiline=False), save)

    def action_promote(self) -> None:
        """Promote the sentence under the cursor: in the article pane, or a maybe sentence in
        the claim list (the cursor stays on it, now a claim)."""
        sentence = self.current_claim
        if sentence is None or sentence.is_claim:
            return
        in_list = not self.article_view.has_focus
        keep = sentence if in_list else self.claim_list.current
        if self._saved(lambda: self.session.promote(sentence.id)):
            self._redraw(keep.id if keep else None)
            self.notify("Sentence promoted to a claim.", timeout=2)

    def action_demote(self) -> None:
        sentence = self.article_view.current_sentence
        if sentence is None or not sentence.is_claim:
            return
        if self._saved(lambda: self.session.demote(sentence.id)):
            self._redraw(None)
            self.notify("Claim turned back into a plain sentence.", timeout=2)

    # -- navigation ----------------------------------------------------------------------------

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        if self.session.article is None or not self.session.article_ids:
            return
        target = self.session.neighbour_article(step)
        if target is None:
            self.notify("No more articles that way.", timeout=2)
        else:
            self.open_article(target)

    def action_move_claim(self, move: str) -> None:
        """Move the claim cursor and the article highlight together (one repaint)."""
        claims = self.claim_list
        moves = {
            "cursor_down": "down",
            "cursor_up": "up",
            "first": "first",
            "last": "last",
            "page_down": "page_down",
            "page_up": "page_up",
        }
        claims.move_cursor(claims.index_after(moves.get(move, move)), announce=False)
        self._after_move()

    def action_focus_pane(self) -> None:
        if self.article_view.has_focus:
            self.claim_list.focus()
        else:
            current = self.claim_list.current
            if current is not None:
                self.article_view.select(current.id)
            self.article_view.focus()
