"""The triage screen's reads, on worker threads: each read runs on a read-only connection of
its own (`Store.reader`), so it never holds the writer's lock a keystroke waits on, and its
result comes back to the screen as a message. A newer request of the same kind replaces an
older one; a replaced read posts nothing."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from triage.models import Article, Claim
from triage.store.workspace import Store
from triage.tui.messages import ArticleLoaded, ArticleReloaded, MarkersLoaded, TotalsLoaded
from triage.tui.session import Resume, read_resume, write_resume


class Loader:
    def __init__(self, screen: Screen, store: Store) -> None:
        self.screen = screen
        self.store = store

    def _run(self, group: str, job: Callable[[Store], Message | None]) -> None:
        def work() -> None:
            with self.store.reader() as reader:
                message = job(reader)
            if message is not None and not get_current_worker().is_cancelled:
                self.screen.post_message(message)

        self.screen.run_worker(work, thread=True, exclusive=True, group=group, exit_on_error=False)

    def first(self) -> ArticleLoaded:
        """The article the journalist left, read at once on the calling thread: the first
        frame shows its text and claims instead of an empty screen (one article is a few ms
        even in a large workspace; the totals, a scan of every claim, follow from a worker)."""
        with self.store.reader() as reader:
            return _first(reader)

    def start(self) -> None:
        """The same, from a worker (when reading at once failed)."""
        self._run("load", _first)

    def article(self, article_id: int, claim_id: int | None) -> None:
        def job(reader: Store) -> Message:
            article, sentences = _article(reader, article_id)
            return ArticleLoaded(article, sentences, claim_id)

        self._run("load", job)

    def totals(self) -> None:
        self._run("totals", lambda reader: TotalsLoaded(reader.article_ids(), reader.progress()))

    def reload(self, article_id: int | None, edits: int) -> None:
        """The totals and the article on screen, as committed now."""

        def job(reader: Store) -> Message:
            ids = reader.article_ids()
            overall = reader.progress()
            exists = article_id is not None and article_id in ids
            sentences = reader.claims(article_id, True) if article_id is not None and exists else []
            return ArticleReloaded(edits, ids, overall, article_id, exists, sentences)

        self._run("reload", job)

    def markers(self, article_id: int, claim_ids: list[int]) -> None:
        """Repeat marks and notes for an article's claims (linking lives in triage.link)."""

        def job(reader: Store) -> Message:
            from triage.tui.link_views import claim_markers, claim_notes

            markers = claim_markers(reader, claim_ids)
            notes = claim_notes(reader, list(markers))  # "seen in 3 articles, first on ..."
            return MarkersLoaded(article_id, markers, notes)

        self._run("markers", job)

    def remember(self, resume: Resume) -> None:
        """Save the resume point off the UI thread (a small write on the writer)."""
        store = self.store

        def work() -> None:
            write_resume(store, resume)

        self.screen.run_worker(
            work, thread=True, exclusive=True, group="state", exit_on_error=False
        )


def _first(reader: Store) -> ArticleLoaded:
    resume = read_resume(reader)
    article, sentences = _article(reader, resume.article_id)
    return ArticleLoaded(article, sentences, resume.claim_id, resume)


def _article(reader: Store, article_id: int | None) -> tuple[Article | None, list[Claim]]:
    if article_id is None:
        return None, []
    return reader.article(article_id), reader.claims(article_id, True)
