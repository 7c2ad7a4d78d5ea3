"""import -> extract -> store -> link, one article at a time.

Each article is stored in one transaction and linked in the next; a mark stored with the article
and cleared by the link commit makes sure no article stays unlinked (see finish_linking).

An import of many articles extracts the next articles in a worker process while this one stores
and links them in input order (see triage.read_ahead).

Used by the CLI and by the app's import worker, so progress and cancellation are callbacks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from triage.ingest import expand_sources
from triage.ingest.sources import DEFAULT_MAX_BYTES
from triage.models import Article, ImportSummary, Sentence, TriageError, WorkspaceError
from triage.read_ahead import Extraction, Pending, ReadAhead, Source, extract_sentences
from triage.store.workspace import Store, describe_sqlite_error

if TYPE_CHECKING:
    from triage.link.linker import Linker
    from triage.link.prepared import Prepared

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
    if not article.text.strip():
        raise TriageError(f"{article.source or article.title}: empty article (no text)")
    if store.has_article(article.content_hash):
        return None
    return _store_and_link(
        store, article, extract_sentences(article.text, threshold), link_thresholds
    )


def _store_and_link(
    store: Store,
    article: Article,
    sentences: list[Sentence],
    link_thresholds: Mapping[str, float] | None,
    prepared: Prepared | None = None,
) -> StoredArticle | None:
    # Stored marked "unlinked"; the commit of its links clears the mark. Whatever stops linking
    # (a kill, a full disk, a lock) leaves the mark, and the next import or start links it.
    article_id = store.add_article(article, sentences, link_pending=True)
    if article_id is None:  # another session stored the same text a moment ago
        return None
    _link(store, article_id, link_thresholds, prepared)
    return StoredArticle(article_id, sum(sentence.claim for sentence in sentences))


def _link(
    store: Store,
    article_id: int,
    link_thresholds: Mapping[str, float] | None,
    prepared: Prepared | None = None,
) -> None:
    # link: claims of a newly stored article are matched here, so repeats are flagged at import.
    linker = _linker(store, link_thresholds)
    with store.linking(article_id):
        if prepared is None:
            linker.link_article(article_id)
        else:
            linker.link_article(article_id, prepared)


def _linker(store: Store, link_thresholds: Mapping[str, float] | None) -> Linker:
    from triage.link.linker import Thresholds, linker_for

    thresholds = Thresholds.from_config(link_thresholds) if link_thresholds else None
    return linker_for(store, thresholds)


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
    workers: int | None = None,
) -> ImportSummary:
    """Import every file, folder and '-' given; one bad source never stops the others.

    `workers`: processes that extract articles ahead of the one being stored, once
    read_ahead.PARALLEL_MIN_ARTICLES articles wait. None chooses one when the machine has a core
    to spare for it then, else none; 0 extracts every article in this process. Whatever it is,
    articles are stored and linked in input order with the same result."""
    summary = ImportSummary()
    sources = list(expand_sources(paths))
    extraction = Extraction(threshold, workers)
    try:
        # The index reads of one article are remembered for the next (the import is the only
        # writer to the index on this connection meanwhile).
        with _linker(store, link_thresholds).remembering():
            finish_linking(store, link_thresholds)
            ahead = ReadAhead(store, sources, stdin, max_bytes, extraction)
            for done, name in enumerate(sources):
                if cancelled and cancelled():
                    break
                if on_progress:
                    on_progress(done, len(sources), name)
                source = ahead.take()  # read now, unless it was read ahead for the worker
                summary.warnings += source.warnings
                if source.error is not None:
                    summary.failed += 1
                    summary.problems.append(source.error)
                    continue
                _store_articles(store, ahead, source, link_thresholds, summary)
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
    finally:
        extraction.close()
    if on_progress:
        on_progress(len(sources), len(sources), "")
    return summary


def _store_articles(
    store: Store,
    ahead: ReadAhead,
    source: Source,
    link_thresholds: Mapping[str, float] | None,
    summary: ImportSummary,
) -> None:
    failed = False
    for pending in source.articles:
        ahead.refill()
        ahead.taken(pending)
        try:
            stored = _import_pending(store, ahead.extraction, pending, link_thresholds)
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


def _import_pending(
    store: Store,
    extraction: Extraction,
    pending: Pending,
    link_thresholds: Mapping[str, float] | None,
) -> StoredArticle | None:
    """import_article() for an article whose extraction may have run ahead."""
    article = pending.article
    if not article.text.strip():
        extraction.forget(pending)
        raise TriageError(f"{article.source or article.title}: empty article (no text)")
    if store.has_article(article.content_hash):
        extraction.forget(pending)
        return None
    sentences, prepared = extraction.result(pending)
    return _store_and_link(store, article, sentences, link_thresholds, prepared)


def bundled_seeds() -> Path:
    """The sample articles: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise TriageError("the bundled sample articles (seeds/) are missing from this installation")
