"""The writable event store: events people accepted in the app (or imported).

Two backends behind one small interface, chosen by one setting (``CONFLICT_MAP_STORE``):

- a file path: SQLite (Python's own ``sqlite3``), the zero-set-up default for one analyst;
- a ``postgresql://`` URL: PostgreSQL with PostGIS (``data.stores.postgis``), shared by a team and
  by several app instances.

Both are versioned (opening a store brings its schema up to date: new optional columns are added,
nothing is dropped), write by upsert on ``event_id_cnty`` (accepting the same draft twice stores
it once) in one transaction (a failed write leaves what was stored intact).

Every write names its ``Writer`` (``data.access.roles``) and is refused with ``PermissionError``
before anything is touched unless that writer is an analyst.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from data.access.roles import Writer, require_analyst
from data.schema import EVENT_COLUMNS, column_names

SCHEMA_VERSION = 1
# The schema's columns, then the imported row as it came (``data.io.formats.RECORD_COLUMN``: JSON of
# the source's own columns and cells, for a lossless export; empty for events made in the app).
RECORD_COLUMN = "source_record"
COLUMNS = [*column_names(EVENT_COLUMNS), RECORD_COLUMN]


@dataclass(frozen=True)
class WriteResult:
    """How many rows a write added and how many it replaced."""

    added: int
    replaced: int


class EventStore(Protocol):
    """What the app needs from a store."""

    def read(self) -> pd.DataFrame:
        """Stored events as strings, every schema column present."""

    def write(self, rows: pd.DataFrame, *, writer: Writer) -> WriteResult:
        """Upsert rows of strings (every required schema column present); ``writer`` must be an analyst."""

    def schema_version(self) -> int:
        """The schema version recorded in the store."""

    def token(self) -> str:
        """Changes whenever the stored events change (a cache key)."""


def check_columns(rows: pd.DataFrame) -> list[list[str]]:
    """Rows as lists of strings in schema order; optional columns absent from ``rows`` are empty.

    Raises
    ------
    KeyError
        Naming the required schema columns missing from ``rows``.
    """
    missing = [column.name for column in EVENT_COLUMNS if column.required and column.name not in rows.columns]
    if missing:
        raise KeyError(f"missing column(s): {', '.join(missing)}")
    return rows.reindex(columns=COLUMNS, fill_value="").fillna("").astype(str).to_numpy().tolist()


class SqliteStore:
    """The embedded store: one SQLite file, created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        with connection:
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            connection.execute('CREATE TABLE IF NOT EXISTS events ("event_id_cnty" TEXT PRIMARY KEY)')
            present = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
            for name in COLUMNS:
                if name not in present:
                    connection.execute(f'ALTER TABLE events ADD COLUMN "{name}" TEXT NOT NULL DEFAULT ""')
            connection.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
        return connection

    def read(self) -> pd.DataFrame:
        """Stored events (an empty frame with the schema's columns when there is no file yet)."""
        if not self.path.exists():
            return pd.DataFrame(columns=COLUMNS, dtype=str)
        with closing(self._connect()) as connection:
            frame = pd.read_sql_query(f"SELECT {_quoted()} FROM events ORDER BY rowid", connection, dtype=str)
        return frame.fillna("")

    def write(self, rows: pd.DataFrame, *, writer: Writer) -> WriteResult:
        """Upsert ``rows`` in one transaction; ``PermissionError`` unless ``writer`` is an analyst."""
        require_analyst(writer)
        values = check_columns(rows)
        placeholders = ", ".join("?" for _ in COLUMNS)
        with closing(self._connect()) as connection, connection:
            existing = {row[0] for row in connection.execute("SELECT event_id_cnty FROM events")}
            connection.executemany(f"INSERT OR REPLACE INTO events ({_quoted()}) VALUES ({placeholders})", values)
        replaced = sum(1 for row in values if row[0] in existing)
        return WriteResult(added=len(values) - replaced, replaced=replaced)

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        with closing(self._connect()) as connection:
            return int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def token(self) -> str:
        """File size and modification time (``-`` when there is no file yet)."""
        if not self.path.exists():
            return f"{self.path.name}:-"
        stat = self.path.stat()
        return f"{self.path.name}:{stat.st_mtime_ns}:{stat.st_size}"


def _quoted() -> str:
    return ", ".join(f'"{name}"' for name in COLUMNS)


def open_store(location: str | Path) -> EventStore:
    """The store at ``location``: a ``postgresql://`` URL (PostGIS) or a file path (SQLite)."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        from data.stores.postgis import PostgisStore

        return PostgisStore(text)
    return SqliteStore(Path(text))
