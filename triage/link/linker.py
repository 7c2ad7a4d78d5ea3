"""Linking claims across articles, and flagging claims that were fact-checked before.

Cost stays proportional to the new article, not to the workspace: each claim looks up only the
indexed claims sharing its rarest terms (a near-duplicate shares nearly all of its terms, so it
shares the rare ones), and rapidfuzz scores that short list.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from triage.link.dates import find_date
from triage.link.guard import compare
from triage.link.matcher import ArchiveMatcher
from triage.link.normalize import content_terms, normalize
from triage.link.records import ACCEPTED, AUTOMATIC, SUGGESTED, ArchiveMatch, FactCheck, Link
from triage.link.similarity import duplicate_score
from triage.store.links import WORKSPACE_PREFIX, ClaimText, LinkStore
from triage.store.workspace import Store

# Calibrated on ../shared/eval (benchmarks/eval_matching.py --calibrate); see README "Repeated claims".
SUGGESTED_THRESHOLD = 65.0
AUTOMATIC_THRESHOLD = 80.0
CHECKED_BEFORE_THRESHOLD = 85.0

RARE_TERMS_PER_CLAIM = 4  # the terms a claim is looked up by
MAX_POSTINGS = 5_000  # terms in more claims than this are too common to find duplicates by
CANDIDATES_PER_CLAIM = 25
ARCHIVE_MATCHES_KEPT = 5


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


def classify(a: str, b: str, score: float, thresholds: Thresholds) -> Link | None:
    """The link two claim texts deserve at this score, or None. Claim ids are filled by the caller."""
    if score < thresholds.suggested:
        return None
    guard = compare(a, b)
    state = AUTOMATIC if score >= thresholds.automatic and not guard.blocks_automatic else SUGGESTED
    return Link(0, 0, round(score, 2), state, guard.differing)


def rarest_terms(terms: Iterable[str], counts: Mapping[str, int], k: int) -> list[str]:
    """The k terms of a claim found in the fewest other claims (and in at least one)."""
    known = [t for t in set(terms) if 0 < counts.get(t, 0) <= MAX_POSTINGS]
    return sorted(known, key=lambda t: (counts[t], t))[:k]


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
        self._matcher: ArchiveMatcher | None = None
        self._matcher_version: tuple | None = None

    # -- the archive -----------------------------------------------------------------------------

    def archive(self) -> ArchiveMatcher:
        """The archive plus this workspace's verdicts, indexed; rebuilt only after they change."""
        version = self.links.archive_version()
        if self._matcher is None or version != self._matcher_version:
            entries: list[FactCheck] = self.links.factchecks() + self.links.workspace_verdicts()
            self._matcher = ArchiveMatcher(entries)
            self._matcher_version = version
        return self._matcher

    def match_text(self, text: str, top: int = 5) -> list[ArchiveMatch]:
        return self.archive().match(text, top=top)

    def match_claims(self, claims: Sequence[ClaimText], claim_date: str = "") -> int:
        """Store each claim's best archive matches; returns how many were checked before."""
        matcher = self.archive()
        if not len(matcher):
            return 0
        when = find_date(claim_date) if claim_date else None
        stored: dict[int, list[tuple[str, float]]] = {}
        flagged = 0
        for claim in claims:
            own = f"{WORKSPACE_PREFIX}{claim.id}"
            ranked = [
                m for m in matcher.match(claim.text, ARCHIVE_MATCHES_KEPT + 1, when)
                if m.factcheck.id != own
            ][:ARCHIVE_MATCHES_KEPT]  # fmt: skip
            stored[claim.id] = [(m.factcheck.id, m.score) for m in ranked]
            flagged += bool(ranked) and ranked[0].score >= self.thresholds.checked_before
        self.links.set_matches(stored)
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
        by_term: dict[str, list[int]] = {}
        for term, claim_id in self.links.postings(t for ts in lookups.values() for t in ts):
            by_term.setdefault(term, []).append(claim_id)
        shortlists = {}
        for claim in claims:
            hits = Counter(other for term in lookups[claim.id] for other in by_term.get(term, ()))
            needed = min(2, len(lookups[claim.id]))
            shortlists[claim.id] = [
                other for other, shared in hits.most_common(CANDIDATES_PER_CLAIM * 2)
                if shared >= needed
            ]  # fmt: skip
        others = self.links.claim_texts({o for ids in shortlists.values() for o in ids})
        for claim in claims:
            seen = 0
            for other_id in shortlists[claim.id]:
                other = others.get(other_id)
                if other is None or other.article_id == article_id:
                    continue
                seen += 1
                if seen > CANDIDATES_PER_CLAIM:
                    break
                score = duplicate_score(normalized[claim.id], normalize(other.text))
                link = classify(claim.text, other.text, score, self.thresholds)
                if link is not None:
                    report.links.append(Link(claim.id, other.id, link.score, link.state, link.differing))
        self.links.index_terms([(c.id, terms[c.id]) for c in claims])
        self.links.add_links(report.links)
        report.automatic = sum(link.state == AUTOMATIC for link in report.links)
        report.suggested = len(report.links) - report.automatic
        published = self.links.articles_info([article_id])[article_id].date
        report.checked_before = self.match_claims(claims, published)
        return report

    def relink_all(self, progress: Callable[[str], None] | None = None) -> dict[str, int]:
        """Rebuild the term index and every automatic/suggested link of the workspace.

        Blocking instead of per-claim lookups: every claim is filed under its two rarest terms and
        only claims filed together are compared, so the work grows with the number of claims.
        """
        say = progress or (lambda message: None)
        say("indexing claims")
        self.links.clear_terms()
        texts: dict[int, ClaimText] = {}
        claim_terms: dict[int, list[str]] = {}
        for batch in self.links.iter_claim_texts():
            entries = []
            for claim in batch:
                terms = content_terms(normalize(claim.text))
                texts[claim.id] = claim
                claim_terms[claim.id] = terms
                entries.append((claim.id, terms))
            self.links.index_terms(entries)
        say("comparing candidates")
        counts = self.links.all_term_counts()
        blocks: dict[str, list[int]] = {}
        for claim_id, terms in claim_terms.items():
            shared = {t: counts[t] for t in terms if counts.get(t, 0) > 1}  # in another claim too
            for term in rarest_terms(shared, shared, 2):
                blocks.setdefault(term, []).append(claim_id)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) > CANDIDATES_PER_CLAIM * 4:
                continue  # a term shared this widely does not single out duplicates
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if texts[a].article_id != texts[b].article_id:
                        pairs.add((a, b) if a < b else (b, a))
        normalized: dict[int, str] = {}
        links: list[Link] = []
        for a, b in pairs:
            na = normalized.get(a) or normalized.setdefault(a, normalize(texts[a].text))
            nb = normalized.get(b) or normalized.setdefault(b, normalize(texts[b].text))
            score = duplicate_score(na, nb)
            link = classify(texts[a].text, texts[b].text, score, self.thresholds)
            if link is not None:
                links.append(Link(a, b, link.score, link.state, link.differing))
        say("storing links")
        self.links.replace_generated_links(links)
        automatic = sum(link.state == AUTOMATIC for link in links)
        return {"claims": len(texts), "pairs compared": len(pairs), "automatic": automatic,
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
