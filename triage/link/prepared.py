"""What linking computes of an article's sentences without the workspace: their normalised text,
its embedding and its terms. Made where the article is extracted, in the worker process of an
import that has one. A module of its own, importing only normalize and the embedding: the worker
imports it at start-up, and the linker's imports (the store, sqlite_utils, the archive matcher)
cost ~0.2 s of CPU that the importing process spends extracting articles itself while it waits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage.link.normalize import claim_core, content_terms, normalize, remember_forms

# Term sets kept per process (term_set()): a sentence meets many new sentences as a candidate.
TERM_SETS_KEPT = 65_536
_term_sets: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Prepared:
    """prepare() of an article's sentences."""

    texts: tuple[str, ...]  # the sentences, in order
    norms: tuple[str, ...]  # sentence_norm() of each
    vectors: dict  # each non-empty norm -> its embedding
    terms: tuple[frozenset[str], ...] = ()  # term_set() of each norm
    cores: tuple[str, ...] = ()  # claim_core() of each sentence (what its norm was made of)


def prepare(texts: Sequence[str]) -> Prepared:
    from triage.embedding import load_embedder

    cores = tuple(map(claim_core, texts))
    norms = tuple(map(normalize, cores))  # sentence_norm() of each text
    distinct = sorted({norm for norm in norms if norm})
    vectors = dict(zip(distinct, load_embedder().embed(distinct))) if distinct else {}
    return Prepared(tuple(texts), norms, vectors, tuple(map(term_set, norms)), cores)


def remember(prepared: Prepared) -> None:
    """Keep what the process that prepared an article computed of its sentences, where the
    linker and its guard look for it (the term sets, each sentence's core and normal form)."""
    for norm, found in zip(prepared.norms, prepared.terms):
        remember_terms(norm, found)
    for text, core, norm in zip(prepared.texts, prepared.cores, prepared.norms):
        remember_forms(text, core, norm)


def sentence_norm(text: str) -> str:
    """What linking compares: the normalised text without its attribution tail."""
    return normalize(claim_core(text))


def term_set(norm: str) -> frozenset[str]:
    """The content terms of a normalised sentence, as a set (what the index and the scores use),
    remembered: read once however many sentences it meets."""
    found = _term_sets.get(norm)
    if found is None:
        found = remember_terms(norm, frozenset(content_terms(norm)))
    return found


def remember_terms(norm: str, terms: frozenset[str]) -> frozenset[str]:
    """Keep term_set(norm) computed elsewhere (by the worker that prepared the article)."""
    if len(_term_sets) >= TERM_SETS_KEPT:
        _term_sets.clear()  # simplest bound: the next articles' sentences fill it again
    _term_sets[norm] = terms
    return terms
