"""Domain objects shared by every layer. Plain dataclasses, no behaviour that touches I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Workflow statuses of a claim. A verdict moves a claim to DECIDED.
UNDECIDED = "undecided"
CHECKING = "checking"
DECIDED = "decided"
DISMISSED = "dismissed"
STATUSES = (UNDECIDED, CHECKING, DECIDED, DISMISSED)

# Full Fact's claim taxonomy.
CLAIM_KINDS = (
    "quantity",
    "prediction",
    "correlation/causation",
    "law/rule",
    "personal experience",
    "quote/attribution",
    "other",
)

DEFAULT_VERDICTS = (
    "True",
    "Mostly true",
    "Mixed",
    "Misleading",
    "Mostly false",
    "False",
    "Unproven",
)


class TriageError(Exception):
    """A problem the user can fix, reported as one line with a non-zero exit."""


class WorkspaceError(TriageError):
    """The workspace file itself failed (locked, read-only, not a workspace): stop the batch."""


def content_hash(text: str) -> str:
    """Identity of an article's text: whitespace-insensitive so re-imports are duplicates."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    published: str = ""
    source: str = ""
    id: int | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article as the extractor sees it. text == article.text[start:end]."""

    start: int
    end: int
    text: str
    score: float
    claim: bool
    kind: str = "other"
    speaker: str = ""


@dataclass(frozen=True)
class Claim:
    """A stored sentence; `is_claim` is False for sentences below the threshold (promotable)."""

    id: int
    article_id: int
    position: int
    start: int
    end: int
    text: str
    score: float
    kind: str
    speaker: str
    is_claim: bool
    status: str
    verdict: str | None
    note: str
    updated_at: str

    @property
    def decided(self) -> bool:
        return self.status in (DECIDED, DISMISSED)


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    outlet: str
    published: str
    claims: int
    decided: int


@dataclass(frozen=True)
class Event:
    id: int
    batch: int
    kind: str  # "edit", "undo", "redo", or "remove" (an article removed: target is its id)
    at: str
    user: str
    claim_id: int | None  # None for "remove"
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Change:
    """One field of one claim to set, as part of a user action."""

    claim_id: int
    field: str
    value: str | int | None


@dataclass
class ImportSummary:
    imported: int = 0
    claims: int = 0
    duplicates: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but the journalist should look

    def line(self) -> str:
        return (
            f"{self.imported} articles imported, {self.claims} claims found, "
            f"{self.duplicates} duplicates skipped, {self.failed} files failed"
        )


# The linking feature: archived fact-checks, archive matches, and links between claims.
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
