"""Messages the triage screen's loader posts from worker threads (Textual queues them safely
onto the screen), and the app's word that the workspace changed under it."""

from __future__ import annotations

from textual.message import Message

from triage.models import Article, Claim
from triage.tui.session import Resume


class ArticleLoaded(Message):
    """An article and all its sentences, read to be shown; the cursor goes to `claim_id`.
    `resume` is set on the first load, with the filter and order the journalist left."""

    def __init__(
        self,
        article: Article | None,
        sentences: list[Claim],
        claim_id: int | None,
        resume: Resume | None = None,
    ) -> None:
        super().__init__()
        self.article = article
        self.sentences = sentences
        self.claim_id = claim_id
        self.resume = resume


class TotalsLoaded(Message):
    """The workspace's article ids in order, and (decided, total) claims."""

    def __init__(self, article_ids: list[int], overall: tuple[int, int]) -> None:
        super().__init__()
        self.article_ids = article_ids
        self.overall = overall


class ArticleReloaded(Message):
    """The article on screen and the totals, re-read after another connection wrote. `edits`
    is the session's write count when the read began: a local write since makes it stale.
    `exists` is False when the article asked for is gone (removed) or none was on screen."""

    def __init__(
        self,
        edits: int,
        article_ids: list[int],
        overall: tuple[int, int],
        article_id: int | None,
        exists: bool,
        sentences: list[Claim],
    ) -> None:
        super().__init__()
        self.edits = edits
        self.article_ids = article_ids
        self.overall = overall
        self.article_id = article_id
        self.exists = exists
        self.sentences = sentences


class MarkersLoaded(Message):
    """Repeat markers and notes for one article's claims."""

    def __init__(self, article_id: int, markers: dict[int, str], notes: dict[int, str]) -> None:
        super().__init__()
        self.article_id = article_id
        self.markers = markers
        self.notes = notes


class WorkspaceChanged(Message):
    """Another connection committed (another session, an import, a watch process)."""
