"""What linking computes of an article's sentences without the workspace: their normalised text
and its embedding. Made where the article is extracted, in the worker process of an import that
has one. A module of its own, importing only normalize and the embedding: the worker imports it at
start-up, and the linker's imports (the store, sqlite_utils, the archive matcher) cost ~0.2 s of
CPU that the importing process spends extracting articles itself while it waits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage.link.normalize import claim_core, normalize


@dataclass(frozen=True)
class Prepared:
    """prepare() of an article's sentences."""

    texts: tuple[str, ...]  # the sentences, in order
    norms: tuple[str, ...]  # sentence_norm() of each
    vectors: dict  # each non-empty norm -> its embedding


def prepare(texts: Sequence[str]) -> Prepared:
    from triage.embedding import load_embedder

    norms = tuple(map(sentence_norm, texts))
    distinct = sorted({norm for norm in norms if norm})
    vectors = dict(zip(distinct, load_embedder().embed(distinct))) if distinct else {}
    return Prepared(tuple(texts), norms, vectors)


def sentence_norm(text: str) -> str:
    """What linking compares: the normalised text without its attribution tail."""
    return normalize(claim_core(text))
