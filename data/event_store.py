"""The writable event store: events people accepted in the app, in one SQLite file.

Zero set-up (Python's own sqlite3), safe for one app process writing at a time, and versioned:
opening a store brings its schema up to date (new optional columns are added, nothing is dropped).
Writes are upserts by ``event_id_cnty``, so accepting the same draft twice stores it once, and a
failed write leaves what was stored before intact (one transaction).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.schema import EVENT_COLUMNS, column_names

SCHEMA_VERSION = 1
_COLUMNS = column_names(EVENT_COLUMNS)


@dataclass(frozen=True)
class WriteResult:
    """How many rows a write added and how many it replaced."""

    added: int
    replaced: int


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=10)
    _migrate(connection)
    return connection


def _migrate(connection: sqlite3.Connection) -> None:
    with connection:
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute('CREATE TABLE IF NOT EXISTS events ("event_id_cnty" TEXT PRIMARY KEY)')
        present = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
        for name in _COLUMNS:
            if name not in present:
                connection.execute(f'ALTER TABLE events ADD COLUMN "{name}" TEXT NOT NULL DEFAULT ""')
        connection.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(SCHEMA_VERSION),),
        )


def read_events(path: Path) -> pd.DataFrame:
    """Stored events as a frame of strings (empty, with the schema's columns, when none)."""
    if not path.exists():
        return pd.DataFrame(columns=_COLUMNS, dtype=str)
    with closing(_connect(path)) as connection:
        frame = pd.read_sql_query("SELECT * FROM events ORDER BY rowid", connection, dtype=str)
    return frame.fillna("")


def write_events(path: Path, rows: pd.DataFrame) -> WriteResult:
    """Upsert validated-as-text rows (every schema column present as strings).

    Raises
    ------
    KeyError
        Naming the schema columns missing from ``rows``.
    """
    missing = [name for name in _COLUMNS if name not in rows.columns]
    if missing:
        raise KeyError(f"missing column(s): {', '.join(missing)}")
    values = rows[_COLUMNS].fillna("").astype(str).to_numpy().tolist()
    quoted = ", ".join(f'"{name}"' for name in _COLUMNS)
    placeholders = ", ".join("?" for _ in _COLUMNS)
    with closing(_connect(path)) as connection, connection:
        existing = {row[0] for row in connection.execute("SELECT event_id_cnty FROM events")}
        connection.executemany(f"INSERT OR REPLACE INTO events ({quoted}) VALUES ({placeholders})", values)
    replaced = sum(1 for row in values if row[0] in existing)
    return WriteResult(added=len(values) - replaced, replaced=replaced)


def schema_version(path: Path) -> int:
    """The schema version recorded in the store."""
    with closing(_connect(path)) as connection:
        return int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
