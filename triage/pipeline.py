"""import -> extract -> store -> link, one article at a time.

Each article is stored in one transaction and linked in the next; a mark stored with the article
and cleared by the link commit makes sure no article stays unlinked (see finish_linking).

Used by the CLI and by the app's import worker, so progress and cancellation are callbacks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from triage.ingest import IngestError, expand_sources, read_source
from triage.ingest.sources import DEFAULT_MAX_BYTES
from triage.models import Article, ImportSummary, TriageError, WorkspaceError
from triage.store.workspace import Store, describe_sqlite_error

Progress = Callable[[int, int, str], None]  # (sources done, sources total, current source)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class StoredArticle:
    id: int
    claims: int


def import_article(
    store: Store,
    article: Article,
    threshold: float | None = None,
    link_thresholds: Mapping[str, float] | None = None,
) -> StoredArticle | None:
    """Extract and store one article; None when the same text is already in the workspace."""
    from triage.extract import extract

    if not article.text.strip():
        raise TriageError(f"{article.source or article.title}: empty article (no text)")
    if store.has_article(article.content_hash):
        return None
    sentences = extract(article.text, threshold)
    # Stored marked "unlinked"; the commit of its links clears the mark. Whatever stops linking
    # (a kill, a full disk, a lock) leaves the mark, and the next import or start links it.
    article_id = store.add_article(article, sentences, link_pending=True)
    if article_id is None:  # another session stored the same text a moment ago
        return None
    _link(store, article_id, link_thresholds)
    return StoredArticle(article_id, sum(sentence.claim for sentence in sentences))


def _link(store: Store, article_id: int, link_thresholds: Mapping[str, float] | None) -> None:
    # link: claims of a newly stored article are matched here, so repeats are flagged at import.
    from triage.link.linker import Thresholds, linker_for

    thresholds = Thresholds.from_config(link_thresholds) if link_thresholds else None
    with store.linking(article_id):
        linker_for(store, thresholds).link_article(article_id)


def finish_linking(store: Store, link_thresholds: Mapping[str, float] | None = None) -> int:
    """Link the articles an earlier import stored but did not link; returns how many."""
    waiting = store.unlinked_article_ids()
    for article_id in waiting:
        _link(store, article_id, link_thresholds)
    return len(waiting)


def import_paths(
    store: Store,
    paths: Sequence[str],
    threshold: float | None = None,
    on_progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stdin: bytes | None = None,
    link_thresholds: Mapping[str, float] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportSummary:
    """Import every file, folder and '-' given; one bad source never stops the others."""
    summary = ImportSummary()
    sources = list(expand_sources(paths))
    try:
        finish_linking(store, link_thresholds)
        for done, source in enumerate(sources):
            if cancelled and cancelled():
                break
            if on_progress:
                on_progress(done, len(sources), source)
            try:
                articles = read_source(
                    source, stdin=stdin, max_bytes=max_bytes, warnings=summary.warnings
                )
            except IngestError as error:
                summary.failed += 1
                summary.problems.append(str(error))
                continue
            _store_articles(store, articles, threshold, link_thresholds, summary)
    except (WorkspaceError, sqlite3.Error) as error:
        # The workspace cannot take more (full disk, lock, damage): stop, and say what is kept.
        problem = (
            error if isinstance(error, WorkspaceError) else describe_sqlite_error(store.path, error)
        )
        kept = "1 article was" if summary.imported == 1 else f"{summary.imported} articles were"
        raise WorkspaceError(
            f"{problem}; {kept} imported before it stopped "
            "(importing the same files again adds the rest)"
        ) from error
    if on_progress:
        on_progress(len(sources), len(sources), "")
    return summary


def _store_articles(
    store: Store,
    articles: list[Article],
    threshold: float | None,
    link_thresholds: Mapping[str, float] | None,
    summary: ImportSummary,
) -> None:
    failed = False
    for article in articles:
        try:
            stored = import_article(store, article, threshold, link_thresholds)
        except WorkspaceError:
            raise
        except TriageError as error:
            failed = True
            summary.problems.append(str(error))
            continue
        if stored is None:
            summary.duplicates += 1
        else:
            summary.imported += 1
            summary.claims += stored.claims
    if failed:
        summary.failed += 1


def bundled_seeds() -> Path:
    """The sample articles: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise TriageError("the bundled sample articles (seeds/) are missing from this installation")
