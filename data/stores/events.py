"""The writable event store: events people accepted in the app (or imported).

Two backends behind one small interface, chosen by one setting (``CONFLICT_MAP_STORE``):

- a file path: SQLite (``data.stores.sqlite``, Python's own ``sqlite3``), the zero-set-up default;
- a ``postgresql://`` URL: PostgreSQL with PostGIS (``data.stores.postgis``), shared by a team and
  by several app instances.

Both are versioned: the schema is created or migrated once per process (SQLite records its version
in ``PRAGMA user_version``, PostGIS in ``meta``), never on an ordinary read. Readers never take the
write lock. Every write names its ``Writer`` (``data.access.roles``) and is refused with
``PermissionError`` before anything is touched unless that writer is an analyst. A write is one
transaction that takes the store's write lock, checks who owns each id *now*, keeps the previous
version of each replaced row in ``events_history``, writes, and records the import's batch
(``data.stores.batch_tables``): all of it lands or none. See ``docs/store.md``.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from data.access.roles import Writer, require_analyst
from data.schema import EVENT_COLUMNS, column_names

# 1: events + meta; 2: events_history, WAL, version in PRAGMA user_version;
# 3: the imported row (source_record), batches recorded in the write, history rows name their batch.
SCHEMA_VERSION = 3
APP_SOURCE = "the app"  # what a stored row without ``imported_from`` came from
# Seconds a writer waits for another writer's transaction before giving up with "database is locked".
WRITE_WAIT_S = 60
# The schema's columns, then the imported row as it came (``data.io.formats.RECORD_COLUMN``: JSON of
# the source's own columns and cells, for a lossless export; empty for events made in the app).
RECORD_COLUMN = "source_record"
COLUMNS = [*column_names(EVENT_COLUMNS), RECORD_COLUMN]
HISTORY_COLUMNS = [*COLUMNS, "replaced_at", "replaced_by", "batch"]


@dataclass(frozen=True)
class WriteResult:
    """How many rows a write added and replaced, those it refused, and the batch it recorded."""

    added: int
    replaced: int
    refused: dict[str, str] = field(default_factory=dict)  # id -> why it was not written
    batch: str = ""  # ``NewBatch.batch`` when the write recorded one (nothing written: none)


@dataclass(frozen=True)
class NewBatch:
    """An import to record with its write: file, format, counts read and rejected before, who, when."""

    file: str
    format: str
    rows: int
    rejected: int  # rows rejected before the write (the store adds those it refuses)
    who: str
    batch: str  # ``YYYYMMDDTHHMMSSffffffZ-xxxx``: sortable by time, to the microsecond
    imported_at: str  # UTC, to the second (``2026-05-01T10:00:00+00:00``)

    @classmethod
    def now(cls, file: str, format: str, rows: int, rejected: int, who: str) -> NewBatch:
        """A batch made now, with a fresh id."""
        made = datetime.now(UTC)
        batch = f"{made:%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:4]}"
        return cls(file, format, rows, rejected, who, batch, made.isoformat(timespec="seconds"))


def source_family(imported_from: str) -> str:
    """``"acled: sahel.csv"`` → ``"acled"``; a row entered in the app → :data:`APP_SOURCE`."""
    return imported_from.split(":", 1)[0].strip() if imported_from else APP_SOURCE


def refusals(
    values: list[list[str]], current: dict[str, str], expected: dict[str, str | None] | None
) -> dict[str, str]:
    """Ids of ``values`` that must not be written, given their owners ``current`` (inside the lock).

    ``expected`` is what the writer saw when it checked the rows (id -> ``imported_from``, ``None`` when
    absent); ``None`` means an unconditional upsert (an event accepted in the app). A row is refused when
    its id now belongs to another source family, or when another write changed it since it was checked.
    """
    if expected is None:
        return {}
    source = COLUMNS.index("imported_from")
    refused = {}
    for row in values:
        event_id, owner = row[0], current.get(row[0])
        if owner is None:
            continue  # a new id (or one removed since): nothing to lose
        if source_family(owner) != source_family(row[source]):
            refused[event_id] = (
                f"id {event_id!r} is already used by an event from {owner or APP_SOURCE}; not overwritten"
            )
        elif owner != expected.get(event_id):
            refused[event_id] = (
                f"id {event_id!r} was stored by another import ({owner or APP_SOURCE}) while this file was checked; "
                "not overwritten (import the file again to replace it)"
            )
    return refused


class EventStore(Protocol):
    """What the app needs from a store."""

    def read(self) -> pd.DataFrame:
        """Stored events as strings, every schema column present."""

    def write(
        self,
        rows: pd.DataFrame,
        *,
        writer: Writer,
        expected: dict[str, str | None] | None = None,
        batch: NewBatch | None = None,
    ) -> WriteResult:
        """Upsert rows of strings as ``writer`` (an analyst); see :func:`refusals`; ``batch`` recorded with it."""

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows (:data:`HISTORY_COLUMNS`), oldest first."""

    def batches(self) -> list[dict]:
        """The recorded imports, oldest first (``data.stores.batch_tables.BATCH_FIELDS``)."""

    def remove_batch(self, batch: str, *, writer: Writer) -> dict:
        """Undo one import as ``writer`` (an analyst): ``{batch, removed, restored}``."""

    def schema_version(self) -> int:
        """The schema version recorded in the store."""

    def token(self) -> str:
        """Changes whenever the stored events change (a cache key)."""


class LockedWrites:
    """The two writes every store makes the same way: the role first, then one locked transaction.

    A backend supplies ``_locked()`` (a context manager: a connection inside one transaction that
    holds the store's write lock, committed when the block ends), ``_upsert`` and ``_undo``.
    """

    def _locked(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _upsert(self, connection: Any, values: list[list[str]], expected: dict | None, batch: NewBatch | None):
        raise NotImplementedError

    def _undo(self, connection: Any, batch: str) -> dict:
        raise NotImplementedError

    def write(
        self, rows: pd.DataFrame, *, writer: Writer, expected: dict | None = None, batch: NewBatch | None = None
    ) -> WriteResult:
        """Check owners, upsert ``rows`` and record ``batch`` in one transaction under the write lock.

        Raises
        ------
        PermissionError
            Unless ``writer`` is an analyst (nothing is touched).
        """
        require_analyst(writer)
        values = check_columns(rows)
        with self._locked() as connection:
            return self._upsert(connection, values, expected, batch)

    def remove_batch(self, batch: str, *, writer: Writer) -> dict:
        """Undo ``batch`` in one transaction under the write lock (``batch_tables.undo``); analysts only."""
        require_analyst(writer, "remove an import")
        with self._locked() as connection:
            return self._undo(connection, batch)


def check_columns(rows: pd.DataFrame) -> list[list[str]]:
    """Rows as lists of strings in :data:`COLUMNS` order; optional columns absent from ``rows`` are empty.

    Raises
    ------
    KeyError
        Naming the required schema columns missing from ``rows``.
    """
    missing = [column.name for column in EVENT_COLUMNS if column.required and column.name not in rows.columns]
    if missing:
        raise KeyError(f"missing column(s): {', '.join(missing)}")
    return rows.reindex(columns=COLUMNS, fill_value="").fillna("").astype(str).to_numpy().tolist()


def quoted(columns: list[str] = COLUMNS) -> str:
    """``columns`` as a quoted SQL column list."""
    return ", ".join(f'"{name}"' for name in columns)


def open_store(location: str | Path) -> EventStore:
    """The store at ``location``: a ``postgresql://`` URL (PostGIS) or a file path (SQLite)."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        from data.stores.postgis import PostgisStore

        return PostgisStore(text)
    from data.stores.sqlite import SqliteStore

    return SqliteStore(Path(text))
