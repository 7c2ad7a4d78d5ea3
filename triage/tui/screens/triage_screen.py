"""The main screen: the article on the left, its claims on the right, one key per decision.

Writes go straight to the store from the action handler (one small transaction, committed
before the screen changes), so whatever the screen shows as saved is on disk. Loads of
articles and workspace totals run in thread workers and come back with `call_from_thread`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer

from triage.models import (
    CHECKING,
    DECIDED,
    DISMISSED,
    UNDECIDED,
    Article,
    Claim,
    TriageError,
)
from triage.store.workspace import Store
from triage.tui import actions, claim_queue
from triage.tui.widgets.article_view import ArticleView
from triage.tui.widgets.claim_detail import ClaimDetail
from triage.tui.widgets.claim_list import ClaimList
from triage.tui.widgets.progress_header import Progress, ProgressHeader
from triage.tui.widgets.triage_footer import TriageFooter
from triage.tui.widgets.verdict_bar import VerdictBar

FILTERS = ("undecided", "checking", "decided", "dismissed", "all")
DEFAULT_FILTER = "all"
# Where each journalist left off, per user: two people on one workspace resume separately.
STATE_ARTICLE = "ui.{user}.article"
STATE_CLAIM = "ui.{user}.claim"
STATE_FILTER = "ui.{user}.filter"
STATE_ORDER = "ui.{user}.order"
# The maybe band is shown under the filters that show undecided claims.
BAND_FILTERS = ("undecided", "all")
SAVE_STATE_DELAY_S = 0.3


def matches(claim: Claim, filter_name: str) -> bool:
    return filter_name == "all" or claim.status == filter_name


def counts_as_decided(claim: Claim) -> bool:
    return claim.is_claim and claim.status in (DECIDED, DISMISSED)


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
        self.store = store
        self.verdicts = tuple(verdicts)
        self.workspace = workspace
        self.threshold = claim_queue.claim_threshold(threshold)
        self.order = claim_queue.DEFAULT_ORDER
        self.article_ids: list[int] = []
        self.article: Article | None = None
        self.sentences: list[Claim] = []
        self._ranking: list[int] = []
        self._ranking_key: tuple[object, ...] | None = None
        self._visible_cache: tuple[list[Claim], tuple[str, str], list[Claim]] | None = None
        self.filter = DEFAULT_FILTER
        self.tagged: set[int] = set()
        self.overall = (0, 0)
        # Claim id -> short marker (duplicates); filled by whoever knows about links.
        self.markers: dict[int, str] = {}
        self.link_notes: dict[int, str] = {}  # claim id -> repeats line for the claim detail
        self.loaded = False
        self._state_timer: Timer | None = None
        self._resume: tuple[int, int | None, str, str] | None = None
        self._edits = 0  # local writes so far: a reload started before one is stale

    def compose(self) -> ComposeResult:
        yield ProgressHeader(id="header")
        with Horizontal(id="panes"):
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield ClaimList(id="claims")
                yield ClaimDetail(id="detail")
        yield VerdictBar(id="verdicts")
        yield TriageFooter(show_command_palette=False, compact=True)

    # -- widgets ---------------------------------------------------------------------------------

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one("#claims", ClaimList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def _ranked(self) -> list[Claim]:
        """Every sentence in the chosen order, sorted once per article, length and order."""
        key = (self.article.id if self.article else None, len(self.sentences), self.order)
        if self._ranking_key != key:
            self._ranking = claim_queue.ranking(self.sentences, self.order)
            self._ranking_key = key
        sentences = self.sentences
        return [sentences[index] for index in self._ranking]

    @property
    def visible(self) -> list[Claim]:
        """The claims the filter shows, in the chosen order (worked out once per change: the
        screen asks several times a key, and an article may hold tens of thousands)."""
        sentences, key = self.sentences, (self.filter, self.order)
        cached = self._visible_cache
        if cached is None or cached[0] is not sentences or cached[1] != key:
            shown = [s for s in self._ranked() if s.is_claim and matches(s, self.filter)]
            cached = self._visible_cache = (sentences, key, shown)
        return list(cached[2])

    @property
    def band(self) -> list[Claim]:
        """The maybe band: plain sentences scoring just under the claim threshold."""
        if self.filter not in BAND_FILTERS:
            return []
        return [s for s in self._ranked() if claim_queue.is_maybe(s, self.threshold)]

    @property
    def rows(self) -> list[Claim]:
        """What the claim list shows: the claims, then the maybe band."""
        return self.visible + self.band

    # -- loading ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.article_view.empty_message = (
            "No articles yet. Press i to import, or run `triage import PATH`."
        )
        self.article_view.border_title = "Article"
        self._show_header()
        self.call_after_refresh(self._show_verdict_bar)
        self._load_start()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_start(self) -> None:
        """Show the article the journalist left first; workspace totals follow."""
        store = self.store
        wanted = _int(store.get_state(self._state_key(STATE_ARTICLE)))
        claim_id = _int(store.get_state(self._state_key(STATE_CLAIM)))
        filter_name = store.get_state(self._state_key(STATE_FILTER)) or DEFAULT_FILTER
        order = claim_queue.valid_order(store.get_state(self._state_key(STATE_ORDER)))
        article_id = wanted if wanted is not None and store.has_article_id(wanted) else None
        if article_id is None:
            article_id = store.first_article_id()
        article, sentences = self._fetch(article_id)
        self.app.call_from_thread(self._set_filter, filter_name, order)
        self.app.call_from_thread(self._show, article, sentences, claim_id)
        self._load_totals()

    @work(thread=True, exclusive=True, group="totals", exit_on_error=False)
    def _load_totals(self) -> None:
        ids = self.store.article_ids()
        overall = self.store.progress()
        self.app.call_from_thread(self._totals, ids, overall)

    def _set_filter(self, filter_name: str, order: str = claim_queue.DEFAULT_ORDER) -> None:
        self.filter = filter_name if filter_name in FILTERS else DEFAULT_FILTER
        self.order = claim_queue.valid_order(order)

    def _totals(self, ids: list[int], overall: tuple[int, int]) -> None:
        self.article_ids = ids
        self.overall = overall
        self._show_header()

    def _fetch(self, article_id: int | None) -> tuple[Article | None, list[Claim]]:
        if article_id is None:
            return None, []
        return self.store.article(article_id), self.store.claims(article_id, True)

    def open_article(self, article_id: int, claim_id: int | None = None) -> None:
        """Show another article (from J/K, the article list, search or undo)."""
        self._load_article(article_id, claim_id)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_article(self, article_id: int, claim_id: int | None) -> None:
        article, sentences = self._fetch(article_id)
        self.app.call_from_thread(self._show, article, sentences, claim_id)

    def _show(self, article: Article | None, sentences: list[Claim], claim_id: int | None) -> None:
        same = article is not None and self.article is not None and article.id == self.article.id
        if not same:
            self.tagged.clear()
            self.markers = {}
        self.article = article
        self.sentences = sentences
        rows = self.rows
        if claim_id is None or not any(c.id == claim_id for c in rows):
            first = next((c for c in rows if c.is_claim and c.status == UNDECIDED), None)
            claim_id = first.id if first else (rows[0].id if rows else None)
        self.claim_list.show(rows, tagged=self.tagged, markers=self.markers, select=claim_id)
        self.article_view.show(article, sentences, claim_id)
        if not self.loaded and self.focused is None:
            self.claim_list.focus()
        self._after_move()
        self.loaded = True
        self._refresh_markers()

    def refresh_from_store(self) -> None:
        """Another session changed the workspace: reload what is on screen."""
        self._reload(self._edits)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload(self, edits: int) -> None:
        ids = self.store.article_ids()
        overall = self.store.progress()
        article = self.article
        sentences = self.store.claims(article.id, True) if article and article.id in ids else []
        self.app.call_from_thread(self._reloaded, edits, ids, overall, article, sentences)

    def _reloaded(
        self,
        edits: int,
        ids: list[int],
        overall: tuple[int, int],
        article: Article | None,
        sentences: list[Claim],
    ) -> None:
        if edits != self._edits:  # a local edit landed while reading: that read is stale
            self.refresh_from_store()
            return
        self.article_ids = ids
        self.overall = overall
        if self.article is None or article is None or article.id != self.article.id:
            if self.article is None and ids:
                self.open_article(ids[0])
            self._show_header()
            return
        current = self.claim_list.current
        self.sentences = sentences
        self._redraw(current.id if current else None)
        self._refresh_markers()

    @work(thread=True, exclusive=True, group="markers", exit_on_error=False)
    def _load_markers(self, article_id: int, claim_ids: list[int]) -> None:
        """Repeat marks for this article's claims (linking lives in triage.link)."""
        from triage.tui.link_views import claim_markers, claim_notes

        markers = claim_markers(self.store, claim_ids)
        notes = claim_notes(self.store, list(markers))  # "seen in 3 articles, first on ..."
        self.app.call_from_thread(self._markers_loaded, article_id, markers, notes)

    def _markers_loaded(
        self, article_id: int, markers: dict[int, str], notes: dict[int, str] | None = None
    ) -> None:
        if self.article is None or self.article.id != article_id:
            return
        if notes is not None and notes != self.link_notes:
            self.link_notes = notes
            self.query_one("#detail", ClaimDetail).show(self._current(), self._link_note())
        if markers != self.markers:
            self.set_markers(markers)

    def _refresh_markers(self) -> None:
        if self.article is not None and self.article.id is not None:
            self._load_markers(self.article.id, [s.id for s in self.sentences if s.is_claim])

    def set_markers(self, markers: dict[int, str]) -> None:
        """Show a short marker per claim id (e.g. duplicates) in the claim list's marker column."""
        self.markers = markers
        current = self.claim_list.current
        self.claim_list.show(
            self.rows,
            tagged=self.tagged,
            markers=self.markers,
            select=current.id if current else None,
        )
        self.claim_list.refresh()

    # -- drawing ---------------------------------------------------------------------------------

    def _redraw(self, claim_id: int | None) -> None:
        """Redraw both panes from `self.sentences`, keeping the cursor on `claim_id`."""
        rows = self.rows
        self.tagged &= {c.id for c in self.sentences if c.is_claim}
        cursor = self.claim_list.cursor
        if claim_id is not None and any(c.id == claim_id for c in rows):
            self.claim_list.show(rows, tagged=self.tagged, markers=self.markers, select=claim_id)
        else:
            self.claim_list.show(rows, tagged=self.tagged, markers=self.markers)
            self.claim_list.move_cursor(min(cursor, max(len(rows) - 1, 0)), announce=False)
        current = self.claim_list.current
        follow = current is not None and not self.article_view.has_focus
        self.article_view.replace(self.sentences, select=current.id if follow else None)
        self._after_move()  # its select() finds the highlight already there

    def _after_move(self) -> None:
        current = self.claim_list.current
        if current is not None and not self.article_view.has_focus:
            self.article_view.select(current.id)
        self.query_one("#detail", ClaimDetail).show(self._current(), self._link_note())
        self._show_header()
        self._schedule_state_save()

    def _link_note(self) -> str:
        current = self._current()
        return self.link_notes.get(current.id, "") if current is not None else ""

    def _show_header(self) -> None:
        claims = [s for s in self.sentences if s.is_claim]
        position = 0
        if self.article is not None and self.article.id in self.article_ids:
            position = self.article_ids.index(self.article.id) + 1
        self.query_one(ProgressHeader).show(
            Progress(
                workspace=self.workspace,
                article_position=position,
                article_count=len(self.article_ids),
                article_decided=sum(counts_as_decided(c) for c in claims),
                article_claims=len(claims),
                decided=self.overall[0],
                total=self.overall[1],
            )
        )
        shown = sum(c.is_claim for c in self.claim_list.claims)
        maybe = len(self.claim_list.claims) - shown
        order = claim_queue.ORDER_LABELS[self.order]
        title = f"Claims: {self.filter} ({shown}) · {order}"
        if self.claim_list.border_title != title:
            self.claim_list.border_title = title
        tagged = len(self._tagged_visible())
        subtitle = f"{tagged} tagged: keys act on all" if tagged else ""
        if not tagged and maybe:
            subtitle = f"{maybe} maybe below the threshold"
        if self.claim_list.border_subtitle != subtitle:
            self.claim_list.border_subtitle = subtitle

    def _show_verdict_bar(self) -> None:
        keys: dict[str, str] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.id and binding.id not in keys:
                keys[binding.id] = self.app.get_key_display(binding)
        shown = [keys.get(f"verdict_{n}", "?") for n in range(1, len(self.verdicts) + 1)]
        self.query_one(VerdictBar).show(self.verdicts, shown)

    def on_row_list_highlighted(self, event: ClaimList.Highlighted) -> None:
        event.stop()
        if event.row_list is self.claim_list:
            self._after_move()

    def on_article_view_sentence_highlighted(self, event: ArticleView.SentenceHighlighted) -> None:
        index = self.claim_list.index_of(event.sentence.id)
        if index is not None:
            self.claim_list.move_cursor(index, announce=False)
        self.query_one("#detail", ClaimDetail).show(
            event.sentence, self.link_notes.get(event.sentence.id, "")
        )
        self._schedule_state_save()

    def on_descendant_focus(self) -> None:
        self.query_one("#detail", ClaimDetail).show(self._current(), self._link_note())
        current = self.claim_list.current
        if not self.article_view.has_focus and current is not None:
            self.article_view.select(current.id)

    # -- resume ----------------------------------------------------------------------------------

    def on_unmount(self) -> None:
        if self._resume is not None:
            self.save_state_now(*self._resume)

    def remember_position(self) -> None:
        """Note where the cursor is now (written on the next save)."""
        current = self._current()
        if self.article is not None:
            self._resume = (
                self.article.id,
                current.id if current else None,
                self.filter,
                self.order,
            )

    def save_position_now(self) -> None:
        """Write the resume point synchronously (on quit)."""
        self.remember_position()
        if self._resume is not None:
            self.save_state_now(*self._resume)

    def _schedule_state_save(self) -> None:
        self.remember_position()
        if self._state_timer is not None:
            self._state_timer.stop()
        self._state_timer = self.set_timer(SAVE_STATE_DELAY_S, self._save_state)

    def _save_state(self) -> None:
        if self._resume is not None:
            self._write_state(*self._resume)

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def _write_state(
        self, article_id: int, claim_id: int | None, filter_name: str, order: str
    ) -> None:
        self.save_state_now(article_id, claim_id, filter_name, order)

    def save_state_now(
        self,
        article_id: int,
        claim_id: int | None,
        filter_name: str,
        order: str = claim_queue.DEFAULT_ORDER,
    ) -> None:
        """Remember where the journalist is and how the list is sorted, so reopening resumes
        here."""
        self.store.set_states(
            {
                self._state_key(STATE_ARTICLE): str(article_id),
                self._state_key(STATE_CLAIM): str(claim_id or ""),
                self._state_key(STATE_FILTER): filter_name,
                self._state_key(STATE_ORDER): order,
            }
        )

    def _state_key(self, template: str) -> str:
        return template.format(user=self.store.user)

    # -- the claim the keys act on ---------------------------------------------------------------

    def _current(self) -> Claim | None:
        if self.article_view.has_focus:
            return self.article_view.current_sentence
        return self.claim_list.current

    def _tagged_visible(self) -> list[int]:
        """Tagged claims the filter shows: bulk actions never touch hidden claims."""
        return [c.id for c in self.visible if c.id in self.tagged]

    def _write(self, what: Callable[[], list[int]]) -> list[int] | None:
        """Run one store write; a failure is reported, never a crash, and nothing is shown."""
        self._edits += 1
        try:
            return what()
        except (TriageError, sqlite3.Error) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return None

    def _apply_touched(self, touched: Iterable[int]) -> list[Claim]:
        """Re-read changed claims (already committed) and update totals and both panes."""
        fresh = self.store.claims_by_id(touched)
        by_id = {claim.id: claim for claim in fresh}
        decided, total = self.overall
        for old in self.sentences:
            new = by_id.get(old.id)
            if new is not None:
                decided += counts_as_decided(new) - counts_as_decided(old)
                total += new.is_claim - old.is_claim
        self.overall = (decided, total)
        self.sentences = [by_id.get(s.id, s) for s in self.sentences]
        return fresh

    # -- decisions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "verdict":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and number <= len(self.verdicts)
        return True

    def action_verdict(self, number: int) -> None:
        if 1 <= number <= len(self.verdicts):
            verdict = self.verdicts[number - 1]
            self._decide(verdict, lambda ids: self.store.set_verdict(ids, verdict))

    def action_checking(self) -> None:
        self._decide("checking", lambda ids: self.store.set_status(ids, CHECKING))

    def action_dismiss_claim(self) -> None:
        self._decide("dismissed", lambda ids: self.store.set_status(ids, DISMISSED))

    def _decide(self, label: str, write: Callable[[list[int]], list[int]]) -> None:
        tagged = self._tagged_visible()
        if tagged:
            count = f"{len(tagged)} tagged claim{'s' if len(tagged) != 1 else ''}"
            question = f"Mark {count} as “{label}”?"

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.tagged.clear()
                    self._commit_decision(tagged, write, bulk=True)

            from triage.tui.screens.confirm import ConfirmScreen

            self.app.push_screen(ConfirmScreen(question), confirmed)
            return
        current = self._current()
        if current is None:
            return
        if not current.is_claim:
            self.notify("That sentence is not a claim: promote it first.", severity="warning")
            return
        self._commit_decision([current.id], write, bulk=False)

    def _commit_decision(
        self, ids: list[int], write: Callable[[list[int]], list[int]], *, bulk: bool
    ) -> None:
        anchor = self._current()
        touched = self._write(lambda: write(ids))
        if touched is None:
            return
        self._apply_touched(touched or ids)
        self._move_to_next_undecided(anchor)
        if bulk:
            self.notify(f"Saved {len(ids)} claims.")

    def _move_to_next_undecided(self, anchor: Claim | None) -> None:
        """The next undecided claim in list order after where `anchor` was, wrapping."""
        rows = self.rows
        target = claim_queue.next_undecided(rows, anchor, self.order)
        if target is None:
            target = claim_queue.nearest(rows, anchor, self.order)
            if self.sentences and self.article is not None:
                self.notify("Every claim in this article is decided.", timeout=2)
        self._redraw(target.id if target else None)
        if target is not None:
            self.article_view.select(target.id)

    # -- tags, filter ----------------------------------------------------------------------------

    def action_tag(self) -> None:
        current = self.claim_list.current
        if current is None:
            return
        if current.is_claim:  # a maybe sentence takes no decision, so no tag
            self.tagged ^= {current.id}
        self.claim_list.refresh_row(self.claim_list.cursor)
        self.action_move_claim("down")

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        current = self.claim_list.current
        self._redraw(current.id if current else None)

    def action_toggle_order(self) -> None:
        """Best first <-> reading order; the cursor stays on its claim, the choice is saved."""
        self.order = claim_queue.toggled(self.order)
        current = self.claim_list.current
        self._redraw(current.id if current else None)
        self.notify(f"Claims sorted {claim_queue.ORDER_LABELS[self.order]}.", timeout=2)

    def action_dismiss_rest(self) -> None:
        """Dismiss every undecided claim listed below the cursor: one confirm, one undo step."""
        rest = claim_queue.rest_below(self.claim_list.claims, self.claim_list.cursor)
        if not rest:
            self.notify("No undecided claims below the cursor.", timeout=2)
            return
        anchor = self.claim_list.current
        count = f"{len(rest)} undecided claim{'s' if len(rest) != 1 else ''}"

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            # Another session may have decided some meanwhile: those keep their decision.
            still = [c.id for c in self.store.claims_by_id(rest) if c.status == UNDECIDED]
            touched = self._write(lambda: self.store.set_status(still, DISMISSED)) if still else []
            if touched is None:
                return
            self._apply_touched(touched or still)
            self._redraw(anchor.id if anchor else None)
            done = f"{len(still)} claim{'s' if len(still) != 1 else ''}"
            self.notify(f"Dismissed {done}; u brings them back.", timeout=3)

        from triage.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(f"Dismiss the {count} below the cursor as not check-worthy?"),
            confirmed,
        )

    # -- undo ------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._replay(self.store.undo, "Nothing to undo.", "Undone")

    def action_redo(self) -> None:
        self._replay(self.store.redo, "Nothing to redo.", "Redone")

    def _replay(self, step: Callable[[], list[int]], nothing: str, done: str) -> None:
        touched = self._write(step)
        if touched is None:
            return
        if not touched:
            self.notify(nothing, timeout=2)
            return
        fresh = self.store.claims_by_id(touched)
        self.notify(f"{done}: {len(touched)} claim{'s' if len(touched) != 1 else ''}.", timeout=2)
        here = [c for c in fresh if self.article is not None and c.article_id == self.article.id]
        if here:
            self._apply_touched(touched)
            self._redraw(here[0].id)
            self.article_view.select(here[0].id)
        elif fresh:
            self.open_article(fresh[0].article_id, fresh[0].id)
        self.refresh_from_store()

    # -- editing ---------------------------------------------------------------------------------

    def action_edit_note(self) -> None:
        current = self._current()
        if current is None:
            return

        def save(note: str | None) -> None:
            if note is not None and self._write(lambda: self.store.set_note(current.id, note)):
                self._apply_touched([current.id])
                self._redraw(current.id)

        from triage.tui.screens.edit import EditScreen

        self.app.push_screen(EditScreen("Note", current.note, multiline=True), save)

    def action_edit_text(self) -> None:
        current = self._current()
        if current is None:
            return

        def save(text: str | None) -> None:
            if text and self._write(lambda: self.store.set_text(current.id, text)):
                self._apply_touched([current.id])
                self._redraw(current.id)

        from triage.tui.screens.edit import EditScreen

        self.app.push_screen(EditScreen("Claim text", current.text, multiline=False), save)

    def action_promote(self) -> None:
        """Promote the sentence under the cursor: in the article pane, or a maybe sentence in
        the claim list (the cursor stays on it, now a claim)."""
        sentence = self._current()
        if sentence is None or sentence.is_claim:
            return
        in_list = not self.article_view.has_focus
        if self._write(lambda: self.store.promote(sentence.id)):
            self._apply_touched([sentence.id])
            keep = sentence if in_list else self.claim_list.current
            self._redraw(keep.id if keep else None)
            self.notify("Sentence promoted to a claim.", timeout=2)

    def action_demote(self) -> None:
        sentence = self.article_view.current_sentence
        if sentence is None or not sentence.is_claim:
            return
        if self._write(lambda: self.store.demote(sentence.id)):
            self._apply_touched([sentence.id])
            self._redraw(None)
            self.notify("Claim turned back into a plain sentence.", timeout=2)

    # -- navigation ------------------------------------------------------------------------------

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        if not self.article_ids or self.article is None:
            return
        ids = self.article_ids
        index = ids.index(self.article.id) if self.article.id in ids else 0
        target = index + step
        if 0 <= target < len(self.article_ids):
            self.open_article(self.article_ids[target])
        else:
            self.notify("No more articles that way.", timeout=2)

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


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
