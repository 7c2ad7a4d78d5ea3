"""The append-only event log and the undo/redo it implies.

Every user action is a batch of events (kind "edit"). Undo appends a batch of kind "undo"
whose `target` is the undone batch, redo a batch of kind "redo"; the stacks are replayed
from the log, so they are unlimited and survive restarts. Callers hold the store's lock
and an open transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from triage.models import Change, Event
from triage.store import search

EDITABLE_FIELDS = frozenset({"status", "verdict", "note", "text", "is_claim"})


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _stored(field: str, value: str | None) -> object:
    if field == "is_claim" and value is not None:
        return int(value)
    return value


def _next_batch(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM events").fetchone()[0]


def _write(
    conn: sqlite3.Connection,
    user: str,
    at: str,
    kind: str,
    target: int | None,
    changes: Sequence[Change],
) -> list[int]:
    """Set each field, logging old and new; unchanged fields are skipped."""
    batch = _next_batch(conn)
    touched: list[int] = []
    for change in changes:
        if change.field not in EDITABLE_FIELDS:
            raise ValueError(f"field {change.field!r} is not editable")
        row = conn.execute(
            f"SELECT {change.field} FROM claims WHERE id = ?", [change.claim_id]
        ).fetchone()
        if row is None:
            continue
        old, new = _as_text(row[0]), _as_text(change.value)
        if old == new:
            continue
        conn.execute(
            f"UPDATE claims SET {change.field} = ?, updated_at = ? WHERE id = ?",
            [_stored(change.field, new), at, change.claim_id],
        )
        if change.field == "text":  # the search index follows in the same transaction
            search.retext(conn, change.claim_id, old, new)
        conn.execute(
            "INSERT INTO events (batch, kind, target, at, user, claim_id, field, old, new) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [batch, kind, target, at, user, change.claim_id, change.field, old, new],
        )
        if change.claim_id not in touched:
            touched.append(change.claim_id)
    return touched


def record_action(
    conn: sqlite3.Connection, user: str, changes: Sequence[Change], at: str
) -> list[int]:
    return _write(conn, user, at, "edit", None, changes)


def _stacks(conn: sqlite3.Connection, user: str) -> tuple[list[int], list[int]]:
    """Replay the user's batches into (undo stack, redo stack) of edit-batch ids."""
    undo_stack: list[int] = []
    redo_stack: list[int] = []
    rows = conn.execute(
        "SELECT batch, kind, target FROM events WHERE user = ? GROUP BY batch ORDER BY batch",
        [user],
    )
    for batch, kind, target in rows:
        if kind == "edit":
            undo_stack.append(batch)
            redo_stack.clear()
        elif kind == "undo" and undo_stack and undo_stack[-1] == target:
            redo_stack.append(undo_stack.pop())
        elif kind == "redo" and redo_stack and redo_stack[-1] == target:
            undo_stack.append(redo_stack.pop())
    return undo_stack, redo_stack


def _batch_changes(conn: sqlite3.Connection, batch: int, use_old: bool) -> list[Change]:
    rows = conn.execute(
        "SELECT claim_id, field, old, new FROM events WHERE batch = ? ORDER BY id", [batch]
    ).fetchall()
    if use_old:
        return [Change(claim_id, field, old) for claim_id, field, old, _ in reversed(rows)]
    return [Change(claim_id, field, new) for claim_id, field, _, new in rows]


def _replay(conn: sqlite3.Connection, user: str, at: str, kind: str) -> list[int]:
    """Undo (restore old values of) or redo (re-apply new values of) the top of that stack."""
    undo_stack, redo_stack = _stacks(conn, user)
    stack = undo_stack if kind == "undo" else redo_stack
    if not stack:
        return []
    target = stack[-1]
    changes = _batch_changes(conn, target, use_old=kind == "undo")
    return _write(conn, user, at, kind, target, changes)


def undo(conn: sqlite3.Connection, user: str, at: str) -> list[int]:
    return _replay(conn, user, at, "undo")


def redo(conn: sqlite3.Connection, user: str, at: str) -> list[int]:
    return _replay(conn, user, at, "redo")


def events(conn: sqlite3.Connection, claim_id: int | None = None) -> list[Event]:
    where, params = ("WHERE claim_id = ?", [claim_id]) if claim_id is not None else ("", [])
    rows = conn.execute(
        f"SELECT id, batch, kind, at, user, claim_id, field, old, new FROM events {where} "
        "ORDER BY id",
        params,
    ).fetchall()
    return [Event(*row) for row in rows]
