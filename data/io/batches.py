"""Imports as batches: each one recorded (file, time, counts, who) and removable, leaving the store as before.

Two side tables beside the events, in the same SQLite file or PostgreSQL database:

- ``import_batches``: one row per import (``batch``, ``file``, ``format``, ``imported_at``, ``who``,
  ``rows``, ``accepted``, ``added``, ``replaced``, ``rejected``);
- ``import_batch_rows``: per event the batch wrote, the stored row it replaced (JSON of every
  column) or ``''`` when the batch added it.

Removing a batch deletes the events it added and writes back those it replaced. A batch whose
events a later batch changed again is refused until that later one is removed (last in, first out),
so a removal never undoes someone else's import. The events write and the batch record are two
steps: a crash between them leaves an import that is stored but not listed (never the reverse).
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime

import pandas as pd

from data.access.roles import Writer, require_analyst
from data.stores.events import COLUMNS, EventStore

BATCH_FIELDS = ("batch", "file", "format", "imported_at", "who", "rows", "accepted", "added", "replaced", "rejected")
_CREATE = (
    "CREATE TABLE IF NOT EXISTS import_batches (batch TEXT PRIMARY KEY, file TEXT NOT NULL, format TEXT NOT NULL, "
    "imported_at TEXT NOT NULL, who TEXT NOT NULL, rows INTEGER NOT NULL, accepted INTEGER NOT NULL, "
    "added INTEGER NOT NULL, replaced INTEGER NOT NULL, rejected INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS import_batch_rows (batch TEXT NOT NULL, event_id_cnty TEXT NOT NULL, "
    "previous TEXT NOT NULL, PRIMARY KEY (batch, event_id_cnty))",
)


class BatchError(ValueError):
    """A batch that does not exist or cannot be removed yet; the message says why."""


def who() -> str:
    """Who is importing: ``CONFLICT_MAP_USER``, else the login name."""
    try:
        return os.environ.get("CONFLICT_MAP_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


class _Tables:
    """SQL on the side tables of a SQLite or PostGIS store (placeholders differ: ``?`` or ``%s``)."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.sqlite = hasattr(store, "path")

    def connect(self):
        if self.sqlite:
            self.store.path.parent.mkdir(parents=True, exist_ok=True)
            return closing(sqlite3.connect(self.store.path, timeout=10))
        import psycopg

        return psycopg.connect(self.store.url, autocommit=False)

    def sql(self, text: str) -> str:
        return text if self.sqlite else text.replace("?", "%s")

    def run(self, statements: list[tuple[str, tuple]], many: list[tuple[str, list]] = ()) -> None:
        with self.connect() as connection:
            if self.sqlite:
                with connection:
                    for text in _CREATE:
                        connection.execute(text)
                    for text, values in statements:
                        connection.execute(text, values)
                    for text, rows in many:
                        connection.executemany(text, rows)
            else:
                with connection.transaction():
                    for text in _CREATE:
                        connection.execute(text)
                    for text, values in statements:
                        connection.execute(self.sql(text), values)
                    with connection.cursor() as cursor:
                        for text, rows in many:
                            if rows:
                                cursor.executemany(self.sql(text), rows)

    def query(self, text: str, values: tuple = ()) -> list[tuple]:
        with self.connect() as connection:
            if self.sqlite:
                for create in _CREATE:
                    connection.execute(create)
                return connection.execute(text, values).fetchall()
            for create in _CREATE:
                connection.execute(create)
            rows = connection.execute(self.sql(text), values).fetchall()
            connection.commit()
            return rows


def record_import(store: EventStore, result, before: pd.DataFrame, by: str | None = None) -> str:
    """Record the import ``result`` (already written) as a batch; ``before`` is the store read before it.

    Returns
    -------
    str
        The batch id (``YYYYMMDDTHHMMSSffffffZ-xxxx``: sortable by time, to the microsecond).
    """
    now = datetime.now(UTC)
    batch = f"{now:%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:4]}"
    previous = before.drop_duplicates("event_id_cnty").set_index("event_id_cnty")
    ids = result.accepted["event_id_cnty"].tolist()
    rows = []
    for event_id in ids:
        if event_id in previous.index:
            values = previous.loc[event_id].reindex(COLUMNS[1:]).fillna("").astype(str)
            rows.append((batch, event_id, json.dumps({"event_id_cnty": event_id, **values.to_dict()})))
        else:
            rows.append((batch, event_id, ""))
    replaced = sum(1 for row in rows if row[2])
    header = (batch, result.file, result.format, now.isoformat(timespec="seconds"), by or who(), result.rows,
              len(result.accepted), len(ids) - replaced, replaced, len({r.row for r in result.rejected}))  # fmt: skip
    _Tables(store).run(
        [(f"INSERT INTO import_batches VALUES ({', '.join('?' * len(BATCH_FIELDS))})", header)],
        [("INSERT INTO import_batch_rows VALUES (?, ?, ?)", rows)],
    )
    return batch


def list_batches(store: EventStore) -> list[dict]:
    """Every recorded batch, oldest first, as ``{batch, file, format, imported_at, who, rows, …}``."""
    rows = _Tables(store).query(f"SELECT {', '.join(BATCH_FIELDS)} FROM import_batches ORDER BY batch")
    return [dict(zip(BATCH_FIELDS, row, strict=True)) for row in rows]


def remove_batch(store: EventStore, batch: str, writer: Writer) -> dict:
    """Undo ``batch`` as ``writer`` (an analyst): delete what it added, write back what it replaced, forget it.

    Raises
    ------
    BatchError
        When there is no such batch, or a later batch changed some of its events again.
    """
    require_analyst(writer, "remove an import")
    tables = _Tables(store)
    mine = tables.query("SELECT event_id_cnty, previous FROM import_batch_rows WHERE batch = ?", (batch,))
    if not tables.query("SELECT batch FROM import_batches WHERE batch = ?", (batch,)):
        raise BatchError(f"no batch {batch!r}; `python -m data batches` lists them")
    later = tables.query(
        "SELECT DISTINCT r.batch FROM import_batch_rows r JOIN import_batch_rows m ON r.event_id_cnty = "
        "m.event_id_cnty WHERE m.batch = ? AND r.batch > ? ORDER BY r.batch",
        (batch, batch),
    )
    if later:
        names = ", ".join(row[0] for row in later)
        raise BatchError(f"batch {batch!r} cannot be removed yet: later batch(es) {names} changed its events again")
    added = [event_id for event_id, previous in mine if not previous]
    restored = [json.loads(previous) for _, previous in mine if previous]
    restored_rows = [[record.get(name, "") for name in COLUMNS] for record in restored]
    quoted = ", ".join(f'"{name}"' for name in COLUMNS)
    statements = [("DELETE FROM events WHERE event_id_cnty = ?", (event_id,)) for event_id in added]
    statements += [("DELETE FROM import_batch_rows WHERE batch = ?", (batch,))]
    statements += [("DELETE FROM import_batches WHERE batch = ?", (batch,))]
    upsert = f"INSERT INTO events ({quoted}) VALUES ({', '.join('?' * len(COLUMNS))}) " + (
        "ON CONFLICT (event_id_cnty) DO UPDATE SET " + ", ".join(f'"{n}" = excluded."{n}"' for n in COLUMNS[1:])
    )
    tables.run(statements, [(upsert, restored_rows)] if tables.sqlite else [])
    if not tables.sqlite and restored_rows:  # the store's own upsert: the point geometry follows
        store.write(pd.DataFrame(restored_rows, columns=COLUMNS), writer=writer)
    return {"batch": batch, "removed": len(added), "restored": len(restored)}
