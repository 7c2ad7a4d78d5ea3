"""Linking claims across articles, and flagging claims that were fact-checked before.

Cost stays proportional to the new article, not to the workspace: each claim looks up only the
indexed claims sharing its rarest terms (a near-duplicate shares nearly all of its terms, so it
shares the rare ones), and rapidfuzz scores that short list.
"""

from __future__ import annotations

import itertools
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from triage.link.dates import find_date
from triage.link.guard import compare
from triage.link.matcher import ArchiveMatcher, CombinedArchive, StoredArchive
from triage.link.normalize import content_terms, normalize, normalize_many
from triage.link.records import (
    ACCEPTED,
    AUTOMATIC,
    SUGGESTED,
    ArchiveMatch,
    FactCheck,
    Link,
)
from triage.link.similarity import duplicate_score
from triage.store.links import WORKSPACE_PREFIX, ClaimText, LinkStore
from triage.store.workspace import Store

# Calibrated on ../shared/eval with `benchmarks/eval_matching.py --calibrate` and a sweep over the
# BASIL import (links scored down to 40, counted per threshold as same-event or different-event):
# - suggested 65: on BASIL 110 pairs score >= 65 and 5 (4.5%) join different events (at 60: 13%,
#   at 55: 22%); on the CheckThat! pairs (right fact-check vs the top-5 wrong ones) precision is
#   0.74 (politifact) and 1.0 (snopes). Suggestions are reviewed, so recall matters more here.
# - automatic 80: BASIL has 0 different-event links among the 50 pairs >= 80 the guard lets through
#   (the first wrong one appears at 70); politifact pair precision 0.86, snopes 1.0.
# - checked before 85 (best archive score): the top match is the right fact-check for 94% of snopes
#   and 85% of politifact queries flagged at 85 (recall 0.85 and 0.60).
SUGGESTED_THRESHOLD = 65.0
AUTOMATIC_THRESHOLD = 80.0
CHECKED_BEFORE_THRESHOLD = 85.0

RARE_TERMS_PER_CLAIM = 4  # the terms a claim is looked up by
MAX_POSTINGS = 5_000  # terms in more claims than this are too common to find duplicates by
CANDIDATES_PER_CLAIM = 25
ARCHIVE_MATCHES_KEPT = 5
REMATCH_TERMS = 5  # rare terms of a newly imported fact-check that select claims to re-rank


@dataclass(frozen=True)
class Thresholds:
    """Scores (0-100) a pair needs to be suggested or linked automatically, and the archive score
    that flags a claim as checked before. Overridable in the config's [link] table."""

    suggested: float = SUGGESTED_THRESHOLD
    automatic: float = AUTOMATIC_THRESHOLD
    checked_before: float = CHECKED_BEFORE_THRESHOLD

    @classmethod
    def from_config(cls, values: Mapping[str, float]) -> Thresholds:
        known = {k: float(values[k]) for k in ("suggested", "automatic", "checked_before") if k in values}
        return cls(**known)


def classify(
    a: str, b: str, score: float, thresholds: Thresholds, claim_id: int = 0, other_id: int = 0
) -> Link | None:
    """The link between claims a and b (their texts, ids given by the caller) at this score, or None."""
    if score < thresholds.suggested:
        return None
    guard = compare(a, b)
    state = AUTOMATIC if score >= thresholds.automatic and not guard.blocks_automatic else SUGGESTED
    return Link(claim_id, other_id, round(score, 2), state, guard.differing)


def rarest_terms(terms: Iterable[str], counts: Mapping[str, int], k: int) -> list[str]:
    """The k terms of a claim found in the fewest other claims (and in at least one)."""
    known = sorted(t for t in set(terms) if 0 < counts.get(t, 0) <= MAX_POSTINGS)
    known.sort(key=counts.__getitem__)  # stable: by count, then by term as sorted above
    return known[:k]


@dataclass
class LinkReport:
    """What linking one article found."""

    automatic: int = 0
    suggested: int = 0
    checked_before: int = 0
    links: list[Link] = field(default_factory=list)


class Linker:
    """Links claims of a workspace and matches them against its fact-check archive."""

    def __init__(self, store: Store, thresholds: Thresholds | None = None) -> None:
        self.links = LinkStore(store)
        self.thresholds = thresholds or Thresholds()
        self._published: tuple[tuple, StoredArchive] | None = None
        self._verdicts: tuple[tuple, ArchiveMatcher] | None = None

    # -- the archive -----------------------------------------------------------------------------

    def archive(self) -> CombinedArchive:
        """The archive (its index stored in the workspace, opened) plus this workspace's verdicts
        (indexed in memory, rebuilt only after they changed)."""
        published = self.links.factchecks_version()
        if self._published is None or published != self._published[0]:
            self._published = (published, StoredArchive.open(self.links.store))
        verdicts = self.links.verdicts_version()
        if self._verdicts is None or verdicts != self._verdicts[0]:
            self._verdicts = (verdicts, ArchiveMatcher(self.links.workspace_verdicts()))
        return CombinedArchive([self._published[1], self._verdicts[1]])

    def match_text(self, text: str, top: int = 5) -> list[ArchiveMatch]:
        return self.archive().match(text, top=top)

    def match_claims(self, claims: Sequence[ClaimText], claim_date: str = "") -> int:
        """Store each claim's best archive matches; returns how many were checked before."""
        ranked, flagged = self._rank_archive(claims, claim_date)
        if ranked:
            self.links.set_matches(ranked)
        return flagged

    def _rank_archive(
        self, claims: Sequence[ClaimText], claim_date: str, matcher: CombinedArchive | None = None
    ) -> tuple[dict[int, list[tuple[str, float]]], int]:
        if matcher is None:
            matcher = self.archive()
        if not len(matcher):
            return {}, 0
        when = find_date(claim_date) if claim_date else None
        ranked: dict[int, list[tuple[str, float]]] = {}
        flagged = 0
        for claim in claims:
            own = f"{WORKSPACE_PREFIX}{claim.id}"
            # A fact-check of the opposite claim is never "checked before": not kept.
            best = [
                m for m in matcher.match(claim.text, ARCHIVE_MATCHES_KEPT + 1, when)
                if m.factcheck.id != own and not m.opposite
            ][:ARCHIVE_MATCHES_KEPT]  # fmt: skip
            ranked[claim.id] = [(m.factcheck.id, m.score) for m in best]
            flagged += bool(best) and best[0].score >= self.thresholds.checked_before
        return ranked, flagged

    def rematch_after_import(self, factchecks: Sequence[FactCheck]) -> int:
        """Re-rank the archive for the claims new fact-checks could match: those sharing one of a
        fact-check's rarest terms. The work follows the size of the import, not of the workspace.
        Returns how many of those claims are now checked before."""
        wanted = normalize_many([f"{fc.claim} {fc.title}" for fc in factchecks])[1]
        counts = self.links.term_counts(t for terms in wanted for t in terms)
        lookup = {t for terms in wanted for t in rarest_terms(terms, counts, REMATCH_TERMS)}
        claim_ids = sorted({claim_id for ids in self.links.postings_by_term(lookup).values() for claim_id in ids})
        flagged = 0
        for start in range(0, len(claim_ids), 5_000):
            claims = self.links.claim_texts(claim_ids[start : start + 5_000]).values()
            by_article: dict[int, list[ClaimText]] = {}
            for claim in claims:
                by_article.setdefault(claim.article_id, []).append(claim)
            dates = self.links.articles_info(by_article)
            for article_id, group in by_article.items():
                flagged += self.match_claims(group, dates[article_id].date)
        return flagged

    # -- duplicates --------------------------------------------------------------------------------

    def link_article(self, article_id: int) -> LinkReport:
        """Index a newly stored article's claims, link them to other articles', match the archive."""
        claims = self.links.article_claim_texts(article_id)
        report = LinkReport()
        if not claims:
            return report
        normalized = {c.id: normalize(c.text) for c in claims}
        terms = {c.id: content_terms(normalized[c.id]) for c in claims}
        counts = self.links.term_counts(t for ts in terms.values() for t in ts)
        lookups = {c.id: rarest_terms(terms[c.id], counts, RARE_TERMS_PER_CLAIM) for c in claims}
        by_term = self.links.postings_by_term(t for ts in lookups.values() for t in ts)
        shortlists = {}
        for claim in claims:
            # chain.from_iterable lets Counter count in C; the order (and so ties) is unchanged.
            hits = Counter(itertools.chain.from_iterable(by_term.get(term, ()) for term in lookups[claim.id]))
            needed = min(2, len(lookups[claim.id]))
            # The top CANDIDATES_PER_CLAIM by shared terms among those sharing enough: the same
            # list and order as most_common() then filtering (both sorts are stable), but most
            # hits share one term only, so filtering first leaves little to sort.
            enough = [(other, shared) for other, shared in hits.items() if shared >= needed]
            enough.sort(key=itemgetter(1), reverse=True)
            shortlists[claim.id] = [other for other, _ in enough[:CANDIDATES_PER_CLAIM]]
        others = self.links.norms_and_texts({o for ids in shortlists.values() for o in ids})
        scored: list[tuple[int, int, float]] = []
        for claim in claims:
            for other_id in shortlists[claim.id]:
                other_article, other_norm, _ = others.get(other_id, (article_id, "", ""))
                if other_article == article_id:
                    continue
                score = duplicate_score(normalized[claim.id], other_norm, self.thresholds.suggested)
                if score:
                    scored.append((claim.id, other_id, score))
        texts = {c.id: c.text for c in claims}
        texts.update((other_id, others[other_id][2]) for _, other_id, _ in scored)
        for claim_id, other_id, score in scored:
            link = classify(texts[claim_id], texts[other_id], score, self.thresholds, claim_id, other_id)
            if link is not None:
                report.links.append(link)
        ranked: dict[int, list[tuple[str, float]]] = {}
        matcher = self.archive()
        if len(matcher):  # the article's date is read only when there is an archive to rank
            published = self.links.articles_info([article_id])[article_id].date
            ranked, report.checked_before = self._rank_archive(claims, published, matcher)
        with self.links.store.writing():  # one commit for the whole article
            self.links.index_claims([(c.id, normalized[c.id], terms[c.id]) for c in claims])
            self.links.add_links(report.links)
            if ranked:
                self.links.set_matches(ranked)
        report.automatic = sum(link.state == AUTOMATIC for link in report.links)
        report.suggested = len(report.links) - report.automatic
        return report

    def reindex(self, progress: Callable[[str], None] | None = None) -> int:
        """Normalise every claim again and rebuild the term index (after normalisation changed,
        or for claims stored before linking existed). Returns the number of claims indexed."""
        say = progress or (lambda message: None)
        say("normalising claims")
        claims: list[ClaimText] = []
        for batch in self.links.iter_claim_texts():
            claims += batch
        normalized, claim_terms = normalize_many([c.text for c in claims])
        say("indexing terms")
        distinct = [set(terms) for terms in claim_terms]
        counts = Counter(t for terms in distinct for t in terms)
        self.links.rebuild_index(
            [(c.id, norm, terms) for c, norm, terms in zip(claims, normalized, distinct)], counts
        )
        return len(claims)

    def relink_all(self, progress: Callable[[str], None] | None = None) -> dict[str, int]:
        """Recompute every automatic and suggested link of the workspace from the term index.

        Blocking instead of per-claim lookups: claims are filed under pairs of their rarest terms
        and only claims filed together are compared, so the work grows with the number of claims.
        """
        say = progress or (lambda message: None)
        if self.links.unindexed_claims():
            self.reindex(progress)
        say("reading the index")
        rows = self.links.all_norms()
        counts = self.links.all_term_counts()
        say("comparing candidates")
        # A claim is filed under each pair of its three rarest shared terms. Two rare terms together
        # rarely occur outside repeats of one claim, so blocks stay tiny, and a repeat that lost
        # one of those words still shares a pair.
        blocks: dict[tuple[str, str], list[int]] = {}
        for position, (_, _, norm) in enumerate(rows):
            shared = {t: counts.get(t, 0) for t in content_terms(norm)}
            shared = {t: n for t, n in shared.items() if n > 1}  # in another claim too
            for key in itertools.combinations(sorted(rarest_terms(shared, shared, 3)), 2):
                blocks.setdefault(key, []).append(position)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2 or len(members) > CANDIDATES_PER_CLAIM * 2:
                continue  # alone, or a pair of terms too common to single out repeats
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if rows[a][1] != rows[b][1]:
                        pairs.add((a, b))
        cutoff = self.thresholds.suggested
        scored = []
        for a, b in pairs:
            score = duplicate_score(rows[a][2], rows[b][2], cutoff)
            if score:
                scored.append((rows[a][0], rows[b][0], score))
        texts = self.links.claim_texts({i for pair in scored for i in pair[:2]})
        links: list[Link] = []
        for a, b, score in scored:
            link = classify(texts[a].text, texts[b].text, score, self.thresholds, a, b)
            if link is not None:
                links.append(link)
        say("storing links")
        self.links.replace_generated_links(links)
        automatic = sum(link.state == AUTOMATIC for link in links)
        return {"claims": len(rows), "pairs compared": len(pairs), "automatic": automatic,
                "suggested": len(links) - automatic}  # fmt: skip


@dataclass(frozen=True)
class ClaimMarks:
    """What the claim list shows beside a claim."""

    linked: bool  # has automatic or accepted links
    suggested: bool  # has suggestions waiting for the journalist
    checked_before: bool  # its best archive match clears the threshold


def claim_marks(linker: Linker, claim_ids: Sequence[int]) -> dict[int, ClaimMarks]:
    states = linker.links.link_states(claim_ids)
    best = linker.links.best_match_scores(claim_ids)
    return {
        claim_id: ClaimMarks(
            linked=bool(states.get(claim_id, set()) & {AUTOMATIC, ACCEPTED}),
            suggested=SUGGESTED in states.get(claim_id, set()),
            checked_before=best.get(claim_id, 0.0) >= linker.thresholds.checked_before,
        )
        for claim_id in claim_ids
    }


# One linker per open workspace, so the archive index is built once per process, not per article.
_linkers: weakref.WeakKeyDictionary[Store, Linker] = weakref.WeakKeyDictionary()


def linker_for(store: Store, thresholds: Thresholds | None = None) -> Linker:
    linker = _linkers.get(store)
    if linker is None or (thresholds is not None and linker.thresholds != thresholds):
        linker = Linker(store, thresholds)
        _linkers[store] = linker
    return linker
