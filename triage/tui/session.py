"""A triage session without Textual: the article on screen, its sentences, the filter, the
order, the tags and the totals, and what each decision key does to them.

The screen asks it what to show and tells it what the keys do; the loader feeds it what the
worker threads read. Every write goes through `Decisions` (one store transaction, committed
before the method returns), so whatever the screen shows next is already on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from triage.models import DECIDED, DISMISSED, UNDECIDED, Article, Claim, TriageError
from triage.store.workspace import Store
from triage.tui import claim_queue

FILTERS = ("undecided", "checking", "decided", "dismissed", "all")
DEFAULT_FILTER = "all"
# The maybe band is shown under the filters that show undecided claims.
BAND_FILTERS = ("undecided", "all")
# Where each journalist left off, per user: two people on one workspace resume separately.
STATE_ARTICLE = "ui.{user}.article"
STATE_CLAIM = "ui.{user}.claim"
STATE_FILTER = "ui.{user}.filter"
STATE_ORDER = "ui.{user}.order"


class NotSaved(TriageError):
    """A write the store refused (locked, read-only, damaged): nothing changed on screen."""


def matches(claim: Claim, filter_name: str) -> bool:
    return filter_name == "all" or claim.status == filter_name


def counts_as_decided(claim: Claim) -> bool:
    return claim.is_claim and claim.status in (DECIDED, DISMISSED)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class Resume:
    """Where a journalist left off: read at start, written as the cursor moves."""

    article_id: int | None
    claim_id: int | None
    filter: str = DEFAULT_FILTER
    order: str = claim_queue.DEFAULT_ORDER


def resume_keys(user: str) -> tuple[str, str, str, str]:
    return (
        STATE_ARTICLE.format(user=user),
        STATE_CLAIM.format(user=user),
        STATE_FILTER.format(user=user),
        STATE_ORDER.format(user=user),
    )


def read_resume(store: Store) -> Resume:
    """The saved resume point, with its article checked to still exist."""
    article_key, claim_key, filter_key, order_key = resume_keys(store.user)
    wanted = _int(store.get_state(article_key))
    article_id = wanted if wanted is not None and store.has_article_id(wanted) else None
    if article_id is None:
        article_id = store.first_article_id()
    filter_name = store.get_state(filter_key) or DEFAULT_FILTER
    return Resume(
        article_id=article_id,
        claim_id=_int(store.get_state(claim_key)),
        filter=filter_name if filter_name in FILTERS else DEFAULT_FILTER,
        order=claim_queue.valid_order(store.get_state(order_key)),
    )


def write_resume(store: Store, resume: Resume) -> None:
    article_key, claim_key, filter_key, order_key = resume_keys(store.user)
    store.set_states(
        {
            article_key: str(resume.article_id or ""),
            claim_key: str(resume.claim_id or ""),
            filter_key: resume.filter,
            order_key: resume.order,
        }
    )


class Decisions:
    """The writes a decision key makes, shared by the triage screen and the workspace queue.
    Each returns the ids the store changed; a refused write raises NotSaved."""

    def __init__(self, store: Store, verdicts: Sequence[str]) -> None:
        self.store = store
        self.verdicts = tuple(verdicts)

    def write(self, what: Callable[[], list[int]]) -> list[int]:
        try:
            return what()
        except (TriageError, sqlite3.Error) as error:
            raise NotSaved(f"Not saved: {error}") from error

    def verdict(self, ids: list[int], number: int) -> list[int]:
        verdict = self.label(number)
        return self.write(lambda: self.store.set_verdict(ids, verdict))

    def status(self, ids: list[int], status: str) -> list[int]:
        return self.write(lambda: self.store.set_status(ids, status))

    def undo(self) -> list[int]:
        return self.write(self.store.undo)

    def redo(self) -> list[int]:
        return self.write(self.store.redo)

    def label(self, number: int) -> str:
        return self.verdicts[number - 1]

    def fresh(self, ids: Iterable[int]) -> list[Claim]:
        """The claims as now committed."""
        return self.store.claims_by_id(ids)


class TriageSession:
    """One journalist's view of the workspace: one article at a time."""

    def __init__(
        self,
        store: Store,
        verdicts: Sequence[str],
        threshold: float | None = None,
    ) -> None:
        self.store = store
        self.decisions = Decisions(store, verdicts)
        self.threshold = claim_queue.claim_threshold(threshold)
        self.order = claim_queue.DEFAULT_ORDER
        self.filter = DEFAULT_FILTER
        self.article: Article | None = None
        self.sentences: list[Claim] = []
        self.article_ids: list[int] = []
        self.overall = (0, 0)  # (decided, total) claims over the workspace
        self.counted = False  # the totals have been read once
        self.tagged: set[int] = set()
        self.markers: dict[int, str] = {}  # claim id -> repeat marker
        self.link_notes: dict[int, str] = {}  # claim id -> repeats line for the claim detail
        self.edits = 0  # local writes so far: a read started before one is stale
        self._ranking: list[int] = []
        self._ranking_key: tuple[object, ...] | None = None
        self._shown: tuple[list[Claim], tuple[str, str], list[Claim]] | None = None

    @property
    def verdicts(self) -> tuple[str, ...]:
        return self.decisions.verdicts

    @property
    def article_id(self) -> int | None:
        return self.article.id if self.article is not None else None

    # -- what the claim list shows ----------------------------------------------------------------

    def _ranked(self) -> list[Claim]:
        """Every sentence in the chosen order, sorted once per article, length and order."""
        key = (self.article_id, len(self.sentences), self.order)
        if self._ranking_key != key:
            self._ranking = claim_queue.ranking(self.sentences, self.order)
            self._ranking_key = key
        sentences = self.sentences
        return [sentences[index] for index in self._ranking]

    def shown(self) -> list[Claim]:
        """The claims the filter shows, in the chosen order (worked out once per change: the
        screen asks several times a key, and an article may hold tens of thousands)."""
        sentences, key = self.sentences, (self.filter, self.order)
        cached = self._shown
        if cached is None or cached[0] is not sentences or cached[1] != key:
            claims = [s for s in self._ranked() if s.is_claim and matches(s, self.filter)]
            cached = self._shown = (sentences, key, claims)
        return list(cached[2])

    def band(self) -> list[Claim]:
        """The maybe band: plain sentences scoring just under the claim threshold."""
        if self.filter not in BAND_FILTERS:
            return []
        return [s for s in self._ranked() if claim_queue.is_maybe(s, self.threshold)]

    def rows(self) -> list[Claim]:
        """What the claim list shows: the claims, then the maybe band."""
        return self.shown() + self.band()

    def landing(self, claim_id: int | None) -> int | None:
        """Where the cursor lands on an article: `claim_id` when listed, else the first
        undecided claim, else the first row."""
        rows = self.rows()
        if claim_id is not None and any(c.id == claim_id for c in rows):
            return claim_id
        first = next((c for c in rows if c.is_claim and c.status == UNDECIDED), None)
        if first is None:
            first = rows[0] if rows else None
        return first.id if first else None

    def tagged_shown(self) -> list[int]:
        """Tagged claims the filter shows: bulk actions never touch hidden claims."""
        return [c.id for c in self.shown() if c.id in self.tagged]

    def article_position(self) -> int:
        """1-based place of the article among the workspace's, 0 when unknown."""
        ids = self.article_ids
        return ids.index(self.article.id) + 1 if self.article and self.article.id in ids else 0

    def article_progress(self) -> tuple[int, int]:
        """(decided, claims) in this article."""
        claims = [s for s in self.sentences if s.is_claim]
        return sum(counts_as_decided(c) for c in claims), len(claims)

    # -- what the loader read -----------------------------------------------------------------------

    def show_article(self, article: Article | None, sentences: list[Claim]) -> None:
        if article is None or self.article is None or article.id != self.article.id:
            self.tagged.clear()
            self.markers = {}
        self.article = article
        self.sentences = sentences

    def reload(self, sentences: list[Claim]) -> None:
        """The same article as committed meanwhile (another session, an import)."""
        self.sentences = sentences
        self.tagged &= {c.id for c in sentences if c.is_claim}

    def set_totals(self, article_ids: list[int], overall: tuple[int, int]) -> None:
        self.article_ids = article_ids
        self.overall = overall
        self.counted = True

    def resume_here(self, claim_id: int | None) -> Resume | None:
        if self.article is None:
            return None
        return Resume(self.article.id, claim_id, self.filter, self.order)

    def use_resume(self, resume: Resume) -> None:
        self.filter = resume.filter if resume.filter in FILTERS else DEFAULT_FILTER
        self.order = claim_queue.valid_order(resume.order)

    # -- decisions --------------------------------------------------------------------------------

    def _written(self, write: Callable[[], list[int]], fallback: Iterable[int]) -> list[Claim]:
        self.edits += 1
        touched = self.decisions.write(write)
        return self.apply(touched or list(fallback))

    def apply(self, touched: Iterable[int]) -> list[Claim]:
        """Re-read changed claims (already committed) and update the totals and sentences."""
        fresh = self.decisions.fresh(touched)
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

    def set_verdict(self, ids: list[int], number: int) -> list[Claim]:
        verdict = self.decisions.label(number)
        return self._written(lambda: self.store.set_verdict(ids, verdict), ids)

    def set_status(self, ids: list[int], status: str) -> list[Claim]:
        return self._written(lambda: self.store.set_status(ids, status), ids)

    def dismiss_undecided(self, ids: list[int]) -> list[int]:
        """Dismiss those of `ids` still undecided (another session may have decided some
        meanwhile: those keep their decision). Returns the ids dismissed."""
        still = [c.id for c in self.decisions.fresh(ids) if c.status == UNDECIDED]
        if still:
            self.set_status(still, DISMISSED)
        return still

    def next_undecided(self, anchor: Claim | None) -> tuple[Claim | None, bool]:
        """The row to move to after deciding `anchor`: the next undecided claim in list order,
        wrapping; else the nearest row. The flag says every claim shown is decided."""
        rows = self.rows()
        target = claim_queue.next_undecided(rows, anchor, self.order)
        if target is not None:
            return target, False
        return claim_queue.nearest(rows, anchor, self.order), True

    def replay(self, undo: bool) -> list[Claim]:
        """Undo or redo one step; the claims it changed, as now committed (any article)."""
        self.edits += 1
        touched = self.decisions.undo() if undo else self.decisions.redo()
        if not touched:
            return []
        fresh = self.decisions.fresh(touched)
        if any(c.article_id == self.article_id for c in fresh):
            self.apply(touched)
        return fresh

    def set_note(self, claim_id: int, note: str) -> None:
        self._written(lambda: self.store.set_note(claim_id, note), [claim_id])

    def set_text(self, claim_id: int, text: str) -> None:
        self._written(lambda: self.store.set_text(claim_id, text), [claim_id])

    def promote(self, claim_id: int) -> None:
        self._written(lambda: self.store.promote(claim_id), [claim_id])

    def demote(self, claim_id: int) -> None:
        self._written(lambda: self.store.demote(claim_id), [claim_id])

    # -- tags, filter, order, articles ------------------------------------------------------------

    def toggle_tag(self, claim: Claim) -> None:
        if claim.is_claim:  # a maybe sentence takes no decision, so no tag
            self.tagged ^= {claim.id}

    def cycle_filter(self) -> str:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        return self.filter

    def show_claim(self, claim: Claim) -> str | None:
        """Make sure the filter lists `claim` (opened from search or the repeats view): the
        filter it switched to, or None when it was already listed."""
        if not claim.is_claim or matches(claim, self.filter):
            return None
        self.filter = "all"
        return self.filter

    def toggle_order(self) -> str:
        self.order = claim_queue.toggled(self.order)
        return self.order

    def neighbour_article(self, step: int) -> int | None:
        """The article `step` places away, or None past either end."""
        if not self.article_ids or self.article is None:
            return None
        ids = self.article_ids
        index = ids.index(self.article.id) if self.article.id in ids else 0
        target = index + step
        return ids[target] if 0 <= target < len(ids) else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
