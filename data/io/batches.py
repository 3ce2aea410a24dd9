"""Imports as batches: each one recorded (file, time, counts, who) and removable, leaving the store as before.

The store records a batch in the same transaction as the import's rows (``data.stores.batch_tables``):
an import is stored and listed, or neither. Removing a batch deletes the events it added and moves
back, from ``events_history``, those it replaced. A batch whose events a later write changed again is
refused until that later batch is removed (last in, first out), so a removal never undoes someone
else's work.
"""

from __future__ import annotations

import getpass
import os

from data.access.roles import Writer
from data.stores.batch_tables import BATCH_FIELDS, BatchError
from data.stores.events import EventStore, NewBatch

__all__ = ["BATCH_FIELDS", "BatchError", "list_batches", "new_batch", "remove_batch", "who"]


def who() -> str:
    """Who is importing when no writer is named: ``CONFLICT_MAP_USER``, else the login name."""
    try:
        return os.environ.get("CONFLICT_MAP_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def new_batch(result, by: str | None = None) -> NewBatch:
    """The batch to record with the write of ``result`` (a ``data.io.run.ImportResult``), made now."""
    rejected = len({rejection.row for rejection in result.rejected})
    return NewBatch.now(result.file, result.format, result.rows, rejected, by or who())


def list_batches(store: EventStore) -> list[dict]:
    """Every recorded batch, oldest first, as ``{batch, file, format, imported_at, who, rows, …}``."""
    return store.batches()


def remove_batch(store: EventStore, batch: str, writer: Writer) -> dict:
    """Undo ``batch`` as ``writer`` (an analyst): delete what it added, restore what it replaced, forget it.

    Raises
    ------
    PermissionError
        Unless ``writer`` is an analyst.
    BatchError
        When there is no such batch, or a later write changed some of its events again.
    """
    return store.remove_batch(batch, writer=writer)
