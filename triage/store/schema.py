"""Workspace schema, evolved only by appending migrations (never edit one that has shipped)."""

from __future__ import annotations

import sqlite_utils

APPLICATION = "triage"
MIGRATIONS = sqlite_utils.Migrations("triage")
_KNOWN: list[str] = []


def migration(fn):
    """Register a migration under its function name; append new ones at the end of this file."""
    _KNOWN.append(fn.__name__)
    return MIGRATIONS(name=fn.__name__)(fn)


def known_migrations() -> frozenset[str]:
    return frozenset(_KNOWN)


@migration
def m001_core(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["meta"].insert({"key": "application", "value": APPLICATION})
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "outlet": str,
            "url": str,
            "published": str,
            "text": str,
            "content_hash": str,
            "source": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"title", "text", "content_hash"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["claims"].create(
        {
            "id": int,
            "article_id": int,
            "position": int,
            "start": int,
            "end": int,
            "text": str,
            "score": float,
            "kind": str,
            "speaker": str,
            "is_claim": int,
            "status": str,
            "verdict": str,
            "note": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "text", "status"},
        defaults={"status": "undecided", "note": "", "speaker": "", "kind": "other", "is_claim": 1},
    )
    db["claims"].create_index(["article_id", "position"], unique=True)
    db["claims"].create_index(["status"])
    db["claims"].create_index(["verdict"])
    # Append-only: undo and redo are new rows, so history is never rewritten.
    db["events"].create(
        {
            "id": int,
            "batch": int,
            "kind": str,
            "target": int,
            "at": str,
            "user": str,
            "claim_id": int,
            "field": str,
            "old": str,
            "new": str,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
        not_null={"batch", "kind", "at", "user", "claim_id", "field"},
    )
    db["events"].create_index(["claim_id"])
    db["events"].create_index(["user", "batch"])
    db["state"].create({"key": str, "value": str}, pk="key")

