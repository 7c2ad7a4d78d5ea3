"""Records of the linking feature: archived fact-checks, archive matches, and links between claims."""

from __future__ import annotations

from dataclasses import dataclass, field

SUGGESTED = "suggested"
AUTOMATIC = "automatic"
ACCEPTED = "accepted"  # a suggestion the journalist confirmed
REJECTED = "rejected"  # kept so the same pair is not suggested again
LINK_STATES = (SUGGESTED, AUTOMATIC, ACCEPTED, REJECTED)
SAME = "same"
OPPOSITE = "opposite"  # one claim negates or denies the other: never automatic, never a cluster


@dataclass(frozen=True)
class FactCheck:
    """One published fact-check (or a verdict given in this workspace) in the archive."""

    id: str
    claim: str
    rating: str = ""
    url: str = ""
    date: str = ""
    title: str = ""
    author: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class ArchiveMatch:
    """An archive entry ranked for a claim; score is 0-100. `opposite`: one of the two denies what
    the other asserts, so the fact-check's verdict does not carry over to the claim."""

    factcheck: FactCheck
    score: float
    opposite: bool = False


@dataclass(frozen=True)
class Link:
    """A duplicate link between claims of two different articles; score is 0-100."""

    claim_id: int
    other_id: int
    score: float
    state: str
    differing: tuple[str, ...] = field(default=())
    relation: str = SAME
