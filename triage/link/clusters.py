"""Clusters of linked claims: shared verdicts, conflicts, and where a claim was seen.

A cluster is a connected group of claims joined by automatic or accepted links (suggestions do not
count until the journalist accepts them).
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.models import ACCEPTED, AUTOMATIC
from triage.store.links import ArticleInfo, LinkStore

CLUSTER_STATES = (AUTOMATIC, ACCEPTED)
MAX_CLUSTER = 500  # a runaway chain of links is cut here rather than walking the workspace


@dataclass(frozen=True)
class ClusterMember:
    claim_id: int
    article: ArticleInfo
    text: str
    verdict: str | None


@dataclass(frozen=True)
class ClusterSummary:
    """What the claim list and detail show about a claim's cluster."""

    claim_id: int
    members: tuple[ClusterMember, ...]  # the claim itself included, oldest article first
    inherited_verdict: str | None  # a verdict given on another claim of the cluster
    inherited_from: str  # that claim's article title
    conflict: bool  # claims of the cluster carry different verdicts

    @property
    def articles(self) -> int:
        return len({m.article.id for m in self.members})

    @property
    def first_seen(self) -> str:
        dates = [m.article.date for m in self.members if m.article.date]
        return min(dates) if dates else ""

    def seen_line(self) -> str:
        if self.articles <= 1:
            return ""
        first = f", first on {self.first_seen}" if self.first_seen else ""
        return f"seen in {self.articles} articles{first}"

    def verdict_line(self) -> str:
        if self.inherited_verdict is None:
            return ""
        return f"{self.inherited_verdict} (verdict from {self.inherited_from})"


def cluster_ids(links: LinkStore, claim_id: int) -> list[int]:
    """Every claim connected to this one by automatic or accepted links, itself first."""
    seen = {claim_id}
    order = [claim_id]
    frontier = [claim_id]
    while frontier and len(seen) < MAX_CLUSTER:
        nxt = []
        for _, neighbour in links.linked_neighbours(frontier, CLUSTER_STATES):
            if neighbour not in seen:
                seen.add(neighbour)
                order.append(neighbour)
                nxt.append(neighbour)
        frontier = nxt
    return order


def summarize(links: LinkStore, claim_id: int) -> ClusterSummary:
    ids = cluster_ids(links, claim_id)
    texts = links.claim_texts(ids)
    verdicts = links.verdicts(ids)
    infos = links.articles_info(t.article_id for t in texts.values())
    members = sorted(
        (
            ClusterMember(i, infos[texts[i].article_id], texts[i].text, verdicts.get(i))
            for i in ids
            if i in texts
        ),
        key=lambda m: (m.article.date, m.claim_id),
    )
    given = [m for m in members if m.verdict]
    own = verdicts.get(claim_id)
    inherited = next((m for m in given if m.claim_id != claim_id), None) if not own else None
    return ClusterSummary(
        claim_id=claim_id,
        members=tuple(members),
        inherited_verdict=inherited.verdict if inherited else None,
        inherited_from=inherited.article.title if inherited else "",
        conflict=len({m.verdict.strip().lower() for m in given if m.verdict}) > 1,
    )


def cluster_index(links: LinkStore) -> dict[int, int]:
    """Claim id -> its cluster's id (the smallest claim id in it), for every claim in a cluster of
    two or more. One union-find pass over the automatic and accepted links, for exports."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    for a, b in links.cluster_edges(CLUSTER_STATES):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        parent.setdefault(a, a)
        parent.setdefault(b, b)
    return {i: root(i) for i in parent}
