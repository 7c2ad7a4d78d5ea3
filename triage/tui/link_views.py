"""What the app shows about repeated claims, assembled from the workspace in one call each.

The screens call these (from worker threads); widgets only ever receive the plain results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage.link.clusters import ClusterSummary, summarize
from triage.link.linker import Linker, claim_marks, linker_for
from triage.models import (
    ACCEPTED,
    AUTOMATIC,
    REJECTED,
    SUGGESTED,
    FactCheck,
    Link,
)
from triage.store.links import WORKSPACE_PREFIX
from triage.store.workspace import Store

LINKED_MARK = "="  # in a cluster with claims of other articles
SUGGESTED_MARK = "~"  # only suggestions so far
CONFLICT_MARK = "!"  # its cluster carries different verdicts
CHECKED_MARK = "C"  # a published fact-check matches it


@dataclass(frozen=True)
class LinkRow:
    """A claim of another article linked (or suggested) to the selected claim."""

    link: Link
    article_id: int
    article_title: str
    article_date: str
    text: str
    verdict: str | None


@dataclass(frozen=True)
class MatchRow:
    factcheck: FactCheck
    score: float
    claim_id: int | None  # set when the "fact-check" is a verdict given in this workspace


@dataclass(frozen=True)
class Duplicates:
    """Everything the duplicates view shows for one claim."""

    claim_id: int
    text: str
    summary: ClusterSummary
    links: tuple[LinkRow, ...]
    matches: tuple[MatchRow, ...]
    checked_before: bool


def claim_markers(store: Store, claim_ids: Sequence[int]) -> dict[int, str]:
    """Two-character marks for the claim list: link state, then checked-before."""
    linker = linker_for(store)
    markers = {}
    for claim_id, marks in claim_marks(linker, claim_ids).items():
        first = LINKED_MARK if marks.linked else SUGGESTED_MARK if marks.suggested else " "
        if marks.linked and summarize(linker.links, claim_id).conflict:
            first = CONFLICT_MARK
        second = CHECKED_MARK if marks.checked_before else " "
        if (first + second).strip():
            markers[claim_id] = first + second
    return markers


def claim_line(store: Store, claim_id: int) -> str:
    """One line for the claim detail: where else it was seen, an inherited verdict, conflicts."""
    linker = linker_for(store)
    summary = summarize(linker.links, claim_id)
    # Most pressing first: the detail pane may cut the end of the line.
    parts = [part for part in (summary.verdict_line(),) if part]
    if summary.conflict:
        parts.append("CONFLICTING verdicts in its cluster")
    if summary.seen_line():
        parts.append(summary.seen_line())
    best = linker.links.matches(claim_id)[:1]
    if best and best[0][1] >= linker.thresholds.checked_before:
        found = _factchecks(linker, [best[0][0]]).get(best[0][0])
        if found:
            parts.append(
                f"checked before: {found.rating or 'rated'} ({found.publisher or 'archive'})"
            )
    return " · ".join(parts)


def _factchecks(linker: Linker, ids: Sequence[str]) -> dict[str, FactCheck]:
    found = linker.links.factchecks_by_id([i for i in ids if not i.startswith(WORKSPACE_PREFIX)])
    own = [int(i.removeprefix(WORKSPACE_PREFIX)) for i in ids if i.startswith(WORKSPACE_PREFIX)]
    if own:
        verdicts = {fc.id: fc for fc in linker.links.workspace_verdicts()}
        found.update({f"{WORKSPACE_PREFIX}{i}": verdicts[f"{WORKSPACE_PREFIX}{i}"]
                      for i in own if f"{WORKSPACE_PREFIX}{i}" in verdicts})  # fmt: skip
    return found


def duplicates(store: Store, claim_id: int) -> Duplicates:
    linker = linker_for(store)
    links = [link for link in linker.links.links(claim_id)]
    texts = linker.links.claim_texts([claim_id, *(link.other_id for link in links)])
    verdicts = linker.links.verdicts(link.other_id for link in links)
    infos = linker.links.articles_info(t.article_id for t in texts.values())
    rows = []
    for link in links:
        other = texts.get(link.other_id)
        if other is None:
            continue
        info = infos[other.article_id]
        rows.append(LinkRow(link, other.article_id, info.title, info.date, other.text,
                            verdicts.get(link.other_id)))  # fmt: skip
    # Members of the cluster first, then suggestions, then rejected pairs; best score first in each.
    order = {ACCEPTED: 0, AUTOMATIC: 1, SUGGESTED: 2, REJECTED: 3}
    rows.sort(key=lambda row: (order.get(row.link.state, 4), -row.link.score))
    stored = linker.links.matches(claim_id)
    factchecks = _factchecks(linker, [fc_id for fc_id, _ in stored])
    matches = tuple(
        MatchRow(factchecks[fc_id], score,
                 int(fc_id.removeprefix(WORKSPACE_PREFIX)) if fc_id.startswith(WORKSPACE_PREFIX) else None)
        for fc_id, score in stored if fc_id in factchecks
    )  # fmt: skip
    return Duplicates(
        claim_id=claim_id,
        text=texts[claim_id].text if claim_id in texts else "",
        summary=summarize(linker.links, claim_id),
        links=tuple(rows),
        matches=matches,
        checked_before=bool(matches) and matches[0].score >= linker.thresholds.checked_before,
    )


def judge(store: Store, claim_id: int, others: Sequence[int], state: str) -> int:
    """Accept or reject the links between a claim and others; returns how many changed."""
    return linker_for(store).links.set_link_state([(claim_id, other) for other in others], state)


def claim_notes(store: Store, claim_ids: Sequence[int]) -> dict[int, str]:
    """The claim-detail line (see `claim_line`) of each claim that has one."""
    notes = {claim_id: claim_line(store, claim_id) for claim_id in claim_ids}
    return {claim_id: note for claim_id, note in notes.items() if note}
