"""Linking claims across articles, and flagging claims that were fact-checked before.

Cost stays proportional to the new article, not to the workspace: each claim looks up only the
indexed claims sharing its rarest terms (a near-duplicate shares nearly all of its terms, so it
shares the rare ones), and rapidfuzz scores that short list.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from triage.link.dates import find_date
from triage.link.guard import compare
from triage.link.matcher import ArchiveMatcher, CombinedArchive, StoredArchive
from triage.link.normalize import content_terms, normalize_many
from triage.link.prepared import Prepared, remember, sentence_norm, term_set
from triage.link.similarity import (
    blend_text,
    blends_reaching,
    combine,
    fuzz_ceilings,
    fuzz_scores,
    may_reach,
    term_parts,
)
from triage.models import (
    ACCEPTED,
    AUTOMATIC,
    OPPOSITE,
    SAME,
    SUGGESTED,
    ArchiveMatch,
    FactCheck,
    Link,
)
from triage.store.links import WORKSPACE_PREFIX, ClaimText, LinkStore, digest
from triage.store.workspace import Store

if TYPE_CHECKING:
    import numpy as np

# Repeat tiers, on the pair score of similarity.blend (a calibrated 0-100 chance that one verdict
# settles both), chosen with `benchmarks/eval_repeats.py --calibrate` on news/news_repeats.jsonl and
# the BASIL import (sweep of suggested 5-10 x automatic 30-80; a pair counts as linked automatically
# when its two sentences are in one cluster, as a verdict then flows between them):
# - suggested 8: 61% of the "same" pairs are linked at all (64% at 5, 63% at 6, 59% at 10); every
#   "different" pair suggested shows what differs. 6 would cost 23% more suggestions and 3% more
#   linking instructions for 2 more pairs.
# - automatic 35 when at most one number, name or time is on one side only, 50 (35 / AGREEING_SHARE)
#   when one side adds more: with 8 lookup terms 32% of the same pairs linked automatically (29%
#   by a direct link; 35% / 32% now, with the aside negations and 12 lookup terms, see
#   RARE_TERMS_PER_CLAIM), 1.4% (2 of 141) of the different ones, and no automatic link or cluster
#   joins two BASIL events. The sweep of the threshold (8 lookup terms): at 30, 34% / 4.3% and 1 automatic link across events; at 28, 35% /
#   4.3% / 2; at 38, 30% / 1.4%; at 50, 23% / 0%; 50 for every pair, 29% / 1.4%. The two
#   different pairs left are a list of names with one swapped and a quote attributed to two
#   speakers (the attribution tail is not compared, by design).
#   The guard decides more than the score: a substituted number, name (one standing where the other
#   claim has another: "Putin told" / "Zelensky told"), weekday or month, a negation on one side, a
#   plan against the deed ("is set to vote" / "voted"), a repeat of only an aside of the other
#   claim, fewer than 8 words, or articles published more than a week apart keep a pair a
#   suggestion. Before these rules: 18% automatic, 57% at all (suggested 8, automatic 60).
# - checked before 70, on the absolute archive score (matcher._rank: the share of the fact-check's
#   terms the claim holds, blended with rapidfuzz; no date bonus). `eval_matching.py --calibrate`
#   and `eval_checked_before.py`: the flagged top match is the right fact-check for 84% of
#   politifact and 99% of snopes flags (0.84 / 0.95 before, on a score relative to the best
#   candidate), and no news sentence is flagged on a verdict labelled a different claim or from
#   another event (3 were at 85 before, and about 100 once the same-day date bonus counted).
#   The price is recall: 49% of politifact and 22% of snopes queries are flagged (62% / 85%).
SUGGESTED_THRESHOLD = 8.0
AUTOMATIC_THRESHOLD = 35.0
CHECKED_BEFORE_THRESHOLD = 70.0

# The terms a sentence is looked up by. 12, not 8: paraphrases share few rare words, and with 8
# three labelled repeats that pass the guard were never compared (eval_repeats: same pairs 34% ->
# 35% automatic, 61% -> 66% at all; different pairs unchanged), at ~5 ms more linking an article.
RARE_TERMS_PER_CLAIM = 12
MAX_POSTINGS = 5_000  # terms in more sentences than this are too common to find repeats by
POSTINGS_READ = 100  # the newest sentences read per lookup term: a flat cost per article
CANDIDATES_PER_CLAIM = 25
DATES_KEPT = 200_000  # article dates a linker remembers (a few MB)
AUTOMATIC_MAX_DAYS = 7  # articles further apart report different events (a difference in time)
AGREEING_DETAILS = 1  # one-sided details (numbers, names, times) a pair may show and still agree
AGREEING_SHARE = 0.7  # a pair adding more details needs the automatic threshold over this (50)
NEAR_COPY = 95.0  # an automatic link this close makes a sentence a copy of the one it links to
LINKS_PER_SENTENCE = 5  # the best links kept per sentence (a journalist reviews a handful)
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
        known = {
            k: float(values[k]) for k in ("suggested", "automatic", "checked_before") if k in values
        }
        return cls(**known)


def classify(
    a: str,
    b: str,
    score: float,
    thresholds: Thresholds,
    claim_id: int = 0,
    other_id: int = 0,
    dates: tuple[str, str] = ("", ""),
) -> Link | None:
    """The link between claims a and b (their texts, ids given by the caller) at this score, or None.
    `dates` are the two articles' dates: reports of one event appear within days of each other, so
    articles further apart are a difference in time and never linked automatically."""
    if score < thresholds.suggested:
        return None
    # Below the lower automatic bar the guard need not decide the tier, only show what differs.
    guard = compare(a, b, automatic=score >= thresholds.automatic)
    differing = guard.differing
    apart = days_apart(*dates)
    if apart is not None and apart > AUTOMATIC_MAX_DAYS:
        differing += (f"published {min(dates)} and {max(dates)}",)
    blocked = guard.blocks_automatic or (apart is not None and apart > AUTOMATIC_MAX_DAYS)
    state = (
        AUTOMATIC if score >= automatic_bar(thresholds, differing) and not blocked else SUGGESTED
    )
    relation = OPPOSITE if guard.opposite else SAME
    return Link(claim_id, other_id, round(score, 2), state, differing, relation)


def automatic_bar(thresholds: Thresholds, differing: Sequence[str]) -> float:
    """The score a pair the guard lets through needs to link automatically: the automatic threshold
    when at most AGREEING_DETAILS number, name or time is on one side only (everything else the two
    claims state agrees), more (the threshold over AGREEING_SHARE) when one side adds more."""
    if len(differing) <= AGREEING_DETAILS:
        return thresholds.automatic
    return min(100.0, thresholds.automatic / AGREEING_SHARE)


def days_apart(a: str, b: str) -> int | None:
    """Days between two ISO dates (None when either is missing or unreadable)."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


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


def repeats_worth_checking(links: Iterable[Link], is_claim: Mapping[int, bool]) -> set[int]:
    """Sentences under the claim threshold that surely repeat another article's claim: a repeat of
    a claim is worth checking. Only an automatic link of the same claim promotes; a suggestion
    (the pair score starts at 8 of 100) or an opposite would flood the list with weak sentences."""
    return {
        i
        for link in links
        if link.state == AUTOMATIC and link.relation == SAME
        for i in (link.claim_id, link.other_id)
        if not is_claim[i]
    }


class Linker:
    """Links claims of a workspace and matches them against its fact-check archive."""

    def __init__(self, store: Store, thresholds: Thresholds | None = None) -> None:
        self.links = LinkStore(store)
        self.thresholds = thresholds or Thresholds()
        self._published: tuple[tuple, StoredArchive] | None = None
        self._verdicts: tuple[tuple, ArchiveMatcher] | None = None
        self._vectors: dict = {}  # normalised sentence -> embedding, see embed()
        self._dates: dict[int, str] = {}  # article id -> date, see article_dates()
        self._dates_valid: tuple[int, int] = (-1, 0)  # (data_version, newest article linked)
        self._memo: IndexMemo | None = None  # see remembering()

    @contextlib.contextmanager
    def remembering(self) -> Iterator[None]:
        """Within the block, reads of the term index and of stored sentences are remembered from
        one linked article to the next (see IndexMemo). For an import, during which this
        connection writes nothing else to the index: removing articles must not happen inside."""
        outer, self._memo = self._memo, self._memo or IndexMemo(self.links)
        try:
            yield
        finally:
            self._memo = outer

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
        claim_ids = sorted(
            {claim_id for ids in self.links.postings_by_term(lookup).values() for claim_id in ids}
        )
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

    def link_article(self, article_id: int, prepared: Prepared | None = None) -> LinkReport:
        """Index a newly stored article's sentences, link them to other articles', match the archive.

        Every sentence takes part: one under the claim threshold that repeats another article's
        claim is linked and becomes a claim. A sentence whose normalised text is already indexed
        (wire copy) joins that sentence's cluster with one link and is not compared any further.
        `prepared`: prepare() of the article's sentences, done where it was extracted; used when
        its texts are those stored.
        """
        sentences = self.links.article_sentences(article_id)
        report = LinkReport()
        if not sentences:
            return report
        texts = {s.id: s.text for s, _ in sentences}
        is_claim = {s.id: flag for s, flag in sentences}
        if prepared is not None and prepared.texts != tuple(texts.values()):
            prepared = None
        if prepared is None:
            norms = {s.id: sentence_norm(s.text) for s, _ in sentences}
        else:
            norms = dict(zip(texts, prepared.norms))
            remember(prepared)
        # As sets, from the cache score_pairs reads too: each sentence's terms are computed once
        # (the index and the lookups use them as sets).
        terms = {i: term_set(norm) for i, norm in norms.items()}
        memo = self._memo
        if memo is not None:
            memo.check(self.links.store.data_version(), article_id)
        digests = {sid: digest(norm) for sid, norm in norms.items() if norm}
        reps = self.links.copies_of(digests.values())
        rep_rows = (memo or self.links).sentence_rows(set(reps.values()))
        joined: dict[int, int] = {}
        candidates: dict[int, list[int]] = {}
        for sid, value in digests.items():
            rep = reps.get(value)
            if rep is not None and rep in rep_rows and rep_rows[rep][0] != article_id:
                joined[sid] = rep
        counts = (memo or self.links).term_counts(
            t for sid, ts in terms.items() if sid not in joined for t in ts
        )
        lookups = {sid: rarest_terms(ts, counts, RARE_TERMS_PER_CLAIM)
                   for sid, ts in terms.items() if sid not in joined}  # fmt: skip
        by_term = (memo or self.links).recent_postings(
            {t for ts in lookups.values() for t in ts}, POSTINGS_READ
        )
        candidates.update(shortlists(lookups, by_term, counts))
        others = (memo or self.links).sentence_rows(
            {o for ids in candidates.values() for o in ids} - set(rep_rows)
        )
        others.update(rep_rows)
        for other_id, (_, other_norm, other_text, other_claim, packed) in others.items():
            norms.setdefault(other_id, other_norm)
            texts.setdefault(other_id, other_text)
            is_claim.setdefault(other_id, other_claim)
            if packed and other_norm not in self._vectors:
                self._vectors[other_norm] = unpack(packed)
        # Every sentence's embedding is stored with it (2-3 ms an article), so later articles read
        # it instead of embedding their candidates again.
        # (The candidates' vectors are looked up by score_pairs, for the pairs that need them.)
        with_text = [s.id for s, _ in sentences if norms[s.id]]
        own = embed({norms[i] for i in with_text}, self._vectors,
                    computed=prepared.vectors if prepared else None)  # fmt: skip
        packed_own = dict(zip(with_text, pack_many([own[norms[i]] for i in with_text])))
        pairs = [(sid, rep) for sid, rep in joined.items() if is_claim[sid] or is_claim[rep]]
        pairs += [
            (sid, other) for sid, ids in candidates.items() for other in ids
            if others[other][0] != article_id and (is_claim[sid] or is_claim[other])
        ]  # fmt: skip
        article_of = {sid: article_id for sid in texts}
        article_of.update((other_id, row[0]) for other_id, row in others.items())
        known = self.article_dates(set(article_of.values()), article_id)
        dates = {sid: known[art] for sid, art in article_of.items() if art in known}
        links = score_pairs(pairs, norms, texts, self.thresholds, self._vectors, dates)
        # A near-copy (every word the same but a few) joins the cluster of the sentence it copies
        # through that one link, like an exact copy: its other candidates are that cluster already.
        best: dict[int, Link] = {}
        for link in links:
            if link.claim_id not in best or link.score > best[link.claim_id].score:
                best[link.claim_id] = link
        for sid, link in best.items():
            if sid not in joined and link.score >= NEAR_COPY and link.state == AUTOMATIC:
                joined[sid] = link.other_id
        report.links = [
            link for link in links if joined.get(link.claim_id, link.other_id) == link.other_id
        ]
        promoted = repeats_worth_checking(report.links, is_claim)
        claims = [s for s, flag in sentences if flag or s.id in promoted]
        ranked: dict[int, list[tuple[str, float]]] = {}
        matcher = self.archive()
        if (
            len(matcher) and claims
        ):  # the article's date is read only when there is an archive to rank
            published = self.links.articles_info([article_id])[article_id].date
            ranked, report.checked_before = self._rank_archive(claims, published, matcher)
        indexed = [(s.id, norms[s.id], terms[s.id]) for s, _ in sentences]
        try:
            with self.links.store.writing():  # one commit for the whole article
                self.links.index_claims(indexed, joined, packed_own)
                self.links.add_links(report.links)
                if promoted:
                    self.links.mark_claims(promoted)
                if ranked:
                    self.links.set_matches(ranked)
        except BaseException:
            if memo is not None:
                memo.forget()  # rolled back or not: read the index again
            raise
        if memo is not None:  # what this commit wrote, as later reads would find it
            memo.indexed(indexed, joined, article_id, texts, is_claim, packed_own)
            memo.marked(promoted)
        report.automatic = sum(link.state == AUTOMATIC for link in report.links)
        report.suggested = len(report.links) - report.automatic
        return report

    def article_dates(self, article_ids: set[int], linking: int) -> dict[int, str]:
        """Article id -> its date (published, else imported), remembered between articles: the
        candidates of one article come from a hundred others, mostly met before, and a stored
        article's dates never change. An id can be given again only past the highest id in use,
        after the newest articles were removed: so everything is forgotten when an article not
        newer than the last one linked is linked, and when another connection wrote."""
        version = self.links.store.data_version()
        last_version, last_linked = self._dates_valid
        if version != last_version or linking <= last_linked or len(self._dates) > DATES_KEPT:
            self._dates.clear()
        self._dates_valid = (version, linking)
        known = self._dates
        missing = article_ids - known.keys()
        if missing:
            known.update((i, info.date) for i, info in self.links.articles_info(missing).items())
        return {i: known[i] for i in article_ids if i in known}

    def reindex(self, progress: Callable[[str], None] | None = None) -> int:
        """Normalise every sentence again and rebuild the term index (after normalisation changed,
        or for sentences stored before linking existed). Returns the number of sentences indexed."""
        say = progress or (lambda message: None)
        say("normalising sentences")
        claims: list[ClaimText] = []
        for batch in self.links.iter_claim_texts():
            claims += batch
        normalized = [sentence_norm(c.text) for c in claims]
        claim_terms = [content_terms(norm) for norm in normalized]
        say("indexing terms")
        distinct = [set(terms) for terms in claim_terms]
        counts = Counter(t for terms in distinct for t in terms)
        self.links.rebuild_index(
            [(c.id, norm, terms) for c, norm, terms in zip(claims, normalized, distinct)], counts
        )
        return len(claims)

    def relink_all(self, progress: Callable[[str], None] | None = None) -> dict[str, int]:
        """Recompute every automatic and suggested link of the workspace from the term index.

        Blocking instead of per-claim lookups: sentences are filed under pairs of their rarest terms
        and only sentences filed together are compared, so the work grows with their number.
        """
        say = progress or (lambda message: None)
        if self.links.unindexed_claims():
            self.reindex(progress)
        say("reading the index")
        rows = self.links.all_norms()
        # Counted here, not read from term_counts: copies (joined sentences) have no postings there.
        row_terms = [set(content_terms(norm)) for _, _, norm, _ in rows]
        counts = Counter(t for terms in row_terms for t in terms)
        say("comparing candidates")
        # A sentence is filed under each pair of its three rarest shared terms. Two rare terms
        # together rarely occur outside repeats of one claim, so blocks stay tiny, and a repeat that
        # lost one of those words still shares a pair.
        blocks: dict[tuple[str, str], list[int]] = {}
        for position, terms in enumerate(row_terms):
            shared = {t: counts[t] for t in terms}
            shared = {
                t: n for t, n in shared.items() if 1 < n <= MAX_POSTINGS
            }  # in another one too
            for key in itertools.combinations(sorted(rarest_terms(shared, shared, 3)), 2):
                blocks.setdefault(key, []).append(position)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2 or len(members) > CANDIDATES_PER_CLAIM * 2:
                continue  # alone, or a pair of terms too common to single out repeats
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if rows[a][1] != rows[b][1] and (rows[a][3] or rows[b][3]):
                        pairs.add((a, b))
        norms = {row[0]: row[2] for row in rows}
        wanted = {rows[i][0] for pair in pairs for i in pair}
        found = self.links.sentence_rows(wanted)
        texts = {i: row[2] for i, row in found.items()}
        # Stored vectors are read; the others (sentences indexed by reindex()) computed once here.
        vectors = {row[1]: unpack(row[4]) for row in found.values() if row[4]}
        infos = self.links.articles_info({rows[i][1] for pair in pairs for i in pair})
        dates = {
            rows[i][0]: infos[rows[i][1]].date
            for pair in pairs
            for i in pair
            if rows[i][1] in infos
        }
        links = score_pairs([(rows[a][0], rows[b][0]) for a, b in sorted(pairs)], norms, texts,
                            self.thresholds, vectors, dates, bounded=False)  # fmt: skip
        say("storing links")
        claim_flags = {row[0]: row[3] for row in rows}
        promoted = repeats_worth_checking(links, claim_flags)
        with self.links.store.writing():
            self.links.replace_generated_links(links)
            self.links.mark_claims(promoted)
        automatic = sum(link.state == AUTOMATIC for link in links)
        return {"claims": len(rows), "pairs compared": len(pairs), "automatic": automatic,
                "suggested": len(links) - automatic}  # fmt: skip


# What an IndexMemo keeps at most (then it starts again): term counts (~100 B each), terms' newest
# postings (up to POSTINGS_READ ids, ~4 kB), stored sentences (~1 kB). BASIL's whole import is 8,815
# terms and 6,008 sentences; the newest 20,000 sentences are the last ~700 articles'.
MEMO_COUNTS = 200_000
MEMO_POSTINGS = 20_000
MEMO_ROWS = 20_000


class IndexMemo:
    """The term index and stored sentences as linking reads them (term counts, each term's newest
    postings, sentence rows), remembered across the articles of one import and kept as the
    database has them: what the linker commits is applied here after its commit, and everything
    is forgotten when another connection commits (data_version), when a commit fails, and when an
    article not newer than the last one linked comes (ids can be given again after the newest
    articles were removed). Reads of what it does not hold go to the LinkStore."""

    def __init__(self, links: LinkStore) -> None:
        self.links = links
        self._valid: tuple[int, int] = (-1, 0)  # (data_version, newest article linked)
        self._counts: dict[str, int | None] = {}  # term -> its row in term_counts (None: no row)
        self._postings: dict[str, list[int]] = {}  # term -> newest POSTINGS_READ ids, newest first
        self._rows: dict[int, tuple[int, str, str, bool, bytes | None]] = {}

    def check(self, data_version: int, linking: int) -> None:
        """Called before linking each article."""
        version, last = self._valid
        if data_version != version or linking <= last:
            self.forget()
        self._valid = (data_version, linking)

    def forget(self) -> None:
        self._counts.clear()
        self._postings.clear()
        self._rows.clear()
        self._valid = (-1, 0)

    def term_counts(self, terms: Iterable[str]) -> dict[str, int]:
        counts = self._counts
        wanted = set(terms)
        missing = [t for t in wanted if t not in counts]
        read = self.links.term_counts(missing) if missing else {}
        found = {
            t: n for t in wanted if (n := counts[t] if t in counts else read.get(t)) is not None
        }
        if missing:
            if len(counts) + len(missing) > MEMO_COUNTS:
                counts.clear()
            counts.update((t, read.get(t)) for t in missing)
        return found

    def recent_postings(self, terms: Iterable[str], per_term: int) -> dict[str, list[int]]:
        assert per_term == POSTINGS_READ  # the lists kept are that long
        postings = self._postings
        wanted = set(terms)
        missing = [t for t in wanted if t not in postings]
        read = self.links.recent_postings(missing, per_term) if missing else {}
        found = {}
        for t in wanted:
            ids = postings[t] if t in postings else read.get(t)
            if ids:
                found[t] = list(ids)  # a copy: the caller owns what it is given
        if missing:
            if len(postings) + len(missing) > MEMO_POSTINGS:
                postings.clear()
            postings.update((t, read.get(t, [])) for t in missing)
        return found

    def sentence_rows(
        self, claim_ids: Iterable[int]
    ) -> dict[int, tuple[int, str, str, bool, bytes | None]]:
        rows = self._rows
        wanted = set(claim_ids)
        missing = [i for i in wanted if i not in rows]
        read = self.links.sentence_rows(missing) if missing else {}
        found = {i: rows[i] if i in rows else read[i] for i in wanted if i in rows or i in read}
        if read:
            if len(rows) + len(read) > MEMO_ROWS:
                rows.clear()
            rows.update(read)
        return found

    def indexed(
        self,
        claims: Sequence[tuple[int, str, frozenset[str]]],
        joined: Mapping[int, int],
        article_id: int,
        texts: Mapping[int, str],
        is_claim: Mapping[int, bool],
        vectors: Mapping[int, bytes],
    ) -> None:
        """After the commit of LinkStore.index_claims(claims, joined, vectors): the same postings
        and counts (ids above every id indexed before, so each is its term's newest). A term no
        claim held before (term_counts had no row for it: no postings either) now has this
        claim's postings alone, kept too: the next article's lookups by it need no read."""
        counts, postings = self._counts, self._postings
        for claim_id, norm, terms in sorted(claims):
            if len(self._rows) < MEMO_ROWS:
                self._rows[claim_id] = (article_id, norm, texts[claim_id], is_claim[claim_id],
                                        vectors.get(claim_id))  # fmt: skip
            if claim_id in joined:
                continue
            for term in terms:
                if term in counts:
                    before = counts[term]
                    counts[term] = (before or 0) + 1
                    if not before and term not in postings and len(postings) < MEMO_POSTINGS:
                        postings[term] = [claim_id]
                        continue
                ids = postings.get(term)
                if ids is None:
                    continue
                if ids and ids[0] >= claim_id:  # not the newest (an earlier import's article)
                    del postings[term]
                    continue
                ids.insert(0, claim_id)
                if len(ids) > POSTINGS_READ:
                    del ids[POSTINGS_READ:]

    def marked(self, claim_ids: Iterable[int]) -> None:
        """After the commit of LinkStore.mark_claims(claim_ids)."""
        for claim_id in claim_ids:
            row = self._rows.get(claim_id)
            if row is not None:
                self._rows[claim_id] = (*row[:3], True, row[4])


def shortlists(
    lookups: Mapping[int, Sequence[str]],
    by_term: Mapping[str, Sequence[int]],
    counts: Mapping[str, int],
) -> dict[int, list[int]]:
    """For each sentence (id -> its lookup terms), the indexed sentences sharing enough of its rare
    terms, best first: weighted by how rare each shared term is (1 / log(2 + its count)), at least
    two shared when it has two, ties to the newest, CANDIDATES_PER_CLAIM of them.

    All sentences of an article in one numpy pass over (sentence, candidate) keys: per sentence in
    Python this was a Counter and a set intersection per term, 0.7 ms an article on BASIL and
    2 ms on generated news. A candidate's weights are summed in lookup order (bincount adds in
    array order), so the floats, the order and the ties are those of the sum in Python."""
    import numpy as np

    sentences = list(lookups)
    found: dict[int, list[int]] = {sid: [] for sid in sentences}
    lists: list[Sequence[int]] = []
    sizes: list[int] = []
    weights: list[float] = []
    owners: list[int] = []
    needed = np.empty(len(sentences), dtype=np.int64)
    for position, sid in enumerate(sentences):
        lookup = lookups[sid]
        needed[position] = min(2, len(lookup))
        for term in lookup:
            postings = by_term.get(term)
            if postings:
                lists.append(postings)
                sizes.append(len(postings))
                weights.append(1.0 / math.log(2 + counts.get(term, 1)))
                owners.append(position)
    if not lists:
        return found
    ids = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=sum(sizes))
    # One int64 key per (sentence, candidate): the sentence's position above the claim id's bits.
    keys = (np.repeat(np.array(owners, dtype=np.int64), sizes) << _OWNER_SHIFT) | ids
    unique, inverse = np.unique(keys, return_inverse=True)
    shared = np.bincount(inverse, minlength=len(unique))
    summed = np.bincount(inverse, weights=np.repeat(weights, sizes), minlength=len(unique))
    owner = unique >> _OWNER_SHIFT
    enough = shared >= needed[owner]
    other, summed, owner = unique[enough] & _CLAIM_BITS, summed[enough], owner[enough]
    order = np.lexsort((-other, -summed, owner))  # by sentence, then heaviest, then newest
    owner, other = owner[order], other[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    rank = np.arange(len(owner)) - np.repeat(starts, np.diff(np.r_[starts, len(owner)]))
    kept = rank < CANDIDATES_PER_CLAIM
    for position, candidate in zip(owner[kept].tolist(), other[kept].tolist()):
        found[sentences[position]].append(candidate)
    return found


_OWNER_SHIFT = 40  # claim ids stay below 2**40
_CLAIM_BITS = (1 << _OWNER_SHIFT) - 1


def score_pairs(
    pairs: Sequence[tuple[int, int]],
    norms: Mapping[int, str],
    texts: Mapping[int, str],
    thresholds: Thresholds,
    cache: dict | None = None,
    dates: Mapping[int, str] | None = None,
    bounded: bool = True,
) -> list[Link]:
    """Score candidate pairs (rapidfuzz, shared terms, embedding) and classify them. The embedding
    is computed only for pairs the other two measures bring within reach of a tier."""
    import numpy as np

    terms: dict[int, frozenset[str]] = {}
    kept_pairs = []
    for a, b in pairs:
        norm_a, norm_b = norms.get(a, ""), norms.get(b, "")
        if not norm_a or not norm_b:
            continue
        kept_pairs.append((a, b))
        if a not in terms:
            terms[a] = term_set(norm_a)
        if b not in terms:
            terms[b] = term_set(norm_b)
    # The score's term part once per pair, for all pairs at once, and a ceiling of its text part:
    # rapidfuzz ratios at most what the lengths allow. Only the pairs that could reach a tier with
    # their cosine are given the ratios (a third of an import's candidate pairs); those are then
    # decided as blend_text() decides them, at cosine 1 (reachable()) and at their cosine.
    shared, overlap = term_parts(
        [terms[a] for a, _ in kept_pairs], [terms[b] for _, b in kept_pairs]
    )
    ceilings = combine(fuzz_ceilings([norms[a] for a, _ in kept_pairs],
                                     [norms[b] for _, b in kept_pairs]), overlap, shared)  # fmt: skip
    suggested = thresholds.suggested
    maybe = np.flatnonzero(may_reach(ceilings, np.ones(len(kept_pairs)), suggested))
    if not len(maybe):
        return []
    within = [kept_pairs[i] for i in maybe.tolist()]
    vectors = embed({norms[i] for a, b in within for i in (a, b)}, cache, bounded)
    scored = []
    for start in range(0, len(within), COSINES_AT_ONCE):
        end = start + COSINES_AT_ONCE
        cosines = _batch_cosines(within[start:end], norms, vectors)
        near = np.flatnonzero(may_reach(ceilings[maybe[start:end]], cosines, suggested))
        if not len(near):
            continue
        rated = maybe[start:end][near]
        pairs_near = [kept_pairs[i] for i in rated.tolist()]
        texts_near = combine(fuzz_scores([norms[a] for a, _ in pairs_near],
                                         [norms[b] for _, b in pairs_near]),
                             overlap[rated], shared[rated])  # fmt: skip
        cosines_near = cosines[near]
        reaching = blends_reaching(texts_near, np.ones(len(near)), suggested) & blends_reaching(
            texts_near, cosines_near, suggested
        )
        for i in np.flatnonzero(reaching).tolist():
            a, b = pairs_near[i]
            scored.append((blend_text(float(texts_near[i]), float(cosines_near[i])), a, b))
    # The best LINKS_PER_SENTENCE of each sentence: a journalist reviews a handful of repeats, and
    # a template sentence ("X said unemployment fell by N%") would otherwise meet hundreds.
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    kept: Counter[int] = Counter()
    links = []
    for score, a, b in scored:
        if kept[a] >= LINKS_PER_SENTENCE or kept[b] >= LINKS_PER_SENTENCE:
            continue
        when = (dates.get(a, ""), dates.get(b, "")) if dates else ("", "")
        link = classify(texts[a], texts[b], score, thresholds, a, b, when)
        if link is not None:
            kept[a] += 1
            kept[b] += 1
            links.append(link)
    return links


EMBEDDING_CACHE = 50_000  # vectors kept per linker: the sentences of recent articles meet again
COSINES_AT_ONCE = 4_096  # pairs whose vectors are stacked at once (2 kB a pair)


def pair_cosines(a: Sequence, b: Sequence) -> list[float]:
    """float(a[i] @ b[i]) for each pair of unit vectors, in one batched matmul (see row_cosines)."""
    import numpy as np

    if not a:
        return []
    matrix = np.stack([*a, *b])
    rows = np.arange(len(a))
    return row_cosines(matrix, rows, rows + len(a)).tolist()


def _batch_cosines(
    pairs: Sequence[tuple[int, int]], norms: Mapping[int, str], vectors: Mapping[str, np.ndarray]
) -> np.ndarray:
    """The cosine of each pair's two sentences. A sentence meets many candidates: its vector is
    stacked once, as a row, and a pair is two row numbers."""
    import numpy as np

    rows: dict[str, int] = {}  # norm -> its row, in the order first met
    rows_a = [rows.setdefault(norms[a], len(rows)) for a, _ in pairs]
    rows_b = [rows.setdefault(norms[b], len(rows)) for _, b in pairs]
    matrix = np.stack([vectors[norm] for norm in rows])
    return row_cosines(matrix, np.array(rows_a, dtype=np.int64), np.array(rows_b, dtype=np.int64))


def row_cosines(matrix: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """matrix[rows_a[i]] @ matrix[rows_b[i]] for each pair of unit rows, as float64 holding the
    float32 dot products: one batched matmul (numpy computes each (1, n) x (n, 1) product as it
    does a @ b), ~0.2 µs a pair instead of ~3."""
    import numpy as np

    if not len(rows_a):
        return np.zeros(0)
    products = np.matmul(matrix[rows_a][:, None, :], matrix[rows_b][:, :, None])
    return products.reshape(-1).astype(np.float64)


def pack(vector) -> bytes:
    """A unit vector as 256 signed bytes (cosines stay within 0.01 of the float32 ones)."""
    import numpy as np

    return np.clip(np.rint(vector * 127), -127, 127).astype(np.int8).tobytes()


def pack_many(vectors: Sequence) -> list[bytes]:
    """pack() of each vector, in one pass over them stacked: the same element-wise operations,
    without four numpy calls a sentence."""
    import numpy as np

    if not vectors:
        return []
    packed = np.clip(np.rint(np.stack(vectors) * 127), -127, 127).astype(np.int8)
    return [row.tobytes() for row in packed]


def unpack(packed: bytes):
    import numpy as np

    vector = np.frombuffer(packed, dtype=np.int8).astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def embed(
    texts: set[str], cache: dict | None = None, bounded: bool = True, computed: dict | None = None
) -> dict:
    """Text -> unit vector, from the cache where it has one, else from `computed` (vectors of
    load_embedder() computed elsewhere: each text's vector is the same whatever it is embedded
    with), else computed here."""
    from triage.embedding import load_embedder

    cache = {} if cache is None else cache
    found = {t: cache[t] for t in texts if t in cache}
    missing = sorted(t for t in texts if t not in found)
    if missing:
        given = computed or {}
        rest = [t for t in missing if t not in given]
        new = dict(zip(rest, load_embedder().embed(rest))) if rest else {}
        computed = {t: given[t] if t in given else new[t] for t in missing}
        if bounded and len(cache) + len(missing) > EMBEDDING_CACHE:
            cache.clear()  # simplest bound: start again (the stored vectors refill it)
        cache.update(computed)
        found.update(computed)
    return found


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
