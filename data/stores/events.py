"""The writable event store: events people accepted in the app (or imported).

Two backends behind one small interface, chosen by one setting (``CONFLICT_MAP_STORE``):

- a file path: SQLite (Python's own ``sqlite3``), the zero-set-up default for one analyst;
- a ``postgresql://`` URL: PostgreSQL with PostGIS (``data.stores.postgis``), shared by a team and
  by several app instances.

Both are versioned: the schema is created or migrated once per process (SQLite records its version
in ``PRAGMA user_version``, PostGIS in ``meta``), never on an ordinary read. Readers never take the
write lock (SQLite runs in WAL mode and reads on read-only connections). A write is one transaction
that first takes the store's write lock (SQLite ``BEGIN IMMEDIATE``, PostGIS an advisory lock), then
checks who owns each id *now*, then writes: two concurrent imports of the same ids cannot both land.
A replaced row's previous version is kept in ``events_history``. See ``docs/store.md``.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

from data.schema import EVENT_COLUMNS, column_names

SCHEMA_VERSION = 2  # 1: events + meta; 2: events_history, WAL, version in PRAGMA user_version
APP_SOURCE = "the app"  # what a stored row without ``imported_from`` came from
# Seconds a writer waits for another writer's transaction before giving up with "database is locked".
WRITE_WAIT_S = 60
COLUMNS = column_names(EVENT_COLUMNS)


@dataclass(frozen=True)
class WriteResult:
    """How many rows a write added and how many it replaced."""

    added: int
    replaced: int
    refused: dict[str, str] = field(default_factory=dict)  # id -> why it was not written


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

    def write(self, rows: pd.DataFrame, expected: dict[str, str | None] | None = None) -> WriteResult:
        """Upsert rows of strings (every required schema column present); see :func:`refusals`."""

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows (schema columns, ``replaced_at``, ``replaced_by``)."""

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
    """The embedded store: one SQLite file in WAL mode, created on the first write."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def _writer(self) -> sqlite3.Connection:
        """A read-write connection in autocommit mode (transactions are explicit)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=WRITE_WAIT_S, isolation_level=None)
        if not self._ready:
            self._migrate(connection)
        return connection

    def _reader(self) -> sqlite3.Connection:
        """A read-only connection: it never takes (or waits for) the write lock."""
        if not self._ready:
            with closing(sqlite3.connect(self.path, timeout=WRITE_WAIT_S, isolation_level=None)) as connection:
                if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    self._migrate(connection)  # an old file: once, then every read is read-only
                self._ready = True
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=WRITE_WAIT_S)

    def _migrate(self, connection: sqlite3.Connection) -> None:
        """Bring the file to :data:`SCHEMA_VERSION` in one write transaction (once per process)."""
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode=WAL")  # persistent: readers stop blocking writers
        connection.execute("BEGIN IMMEDIATE")  # a second process starting at once waits here, then sees it done
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                connection.execute('CREATE TABLE IF NOT EXISTS events ("event_id_cnty" TEXT PRIMARY KEY)')
                _add_columns(connection, "events")
                connection.execute(
                    'CREATE TABLE IF NOT EXISTS events_history ("event_id_cnty" TEXT NOT NULL, '
                    '"replaced_at" TEXT NOT NULL, "replaced_by" TEXT NOT NULL)'
                )
                _add_columns(connection, "events_history")
                connection.execute("CREATE INDEX IF NOT EXISTS events_history_id ON events_history (event_id_cnty)")
                connection.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        self._ready = True

    def read(self) -> pd.DataFrame:
        """Stored events (an empty frame with the schema's columns when there is no file yet)."""
        if not self.path.exists():
            return pd.DataFrame(columns=COLUMNS, dtype=str)
        with closing(self._reader()) as connection:
            frame = pd.read_sql_query(f"SELECT {_quoted()} FROM events ORDER BY rowid", connection, dtype=str)
        return frame.fillna("")

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows, oldest first."""
        if not self.path.exists():
            return pd.DataFrame(columns=[*COLUMNS, "replaced_at", "replaced_by"], dtype=str)
        with closing(self._reader()) as connection:
            query = f'SELECT {_quoted()}, "replaced_at", "replaced_by" FROM events_history ORDER BY rowid'
            return pd.read_sql_query(query, connection, dtype=str).fillna("")

    def write(self, rows: pd.DataFrame, expected: dict[str, str | None] | None = None) -> WriteResult:
        """Check owners and upsert ``rows`` in one ``BEGIN IMMEDIATE`` transaction."""
        values = check_columns(rows)
        placeholders = ", ".join("?" for _ in COLUMNS)
        source = COLUMNS.index("imported_from")
        with closing(self._writer()) as connection:
            connection.execute("BEGIN IMMEDIATE")  # the write lock first: nobody changes owners under us
            try:
                connection.execute("CREATE TEMP TABLE IF NOT EXISTS batch (event_id_cnty TEXT PRIMARY KEY)")
                connection.execute("DELETE FROM temp.batch")
                connection.executemany("INSERT OR IGNORE INTO temp.batch VALUES (?)", [(row[0],) for row in values])
                current = dict(
                    connection.execute(
                        "SELECT e.event_id_cnty, e.imported_from FROM events e JOIN temp.batch b USING (event_id_cnty)"
                    )
                )
                refused = refusals(values, current, expected)
                kept = [row for row in values if row[0] not in refused]
                connection.execute("DELETE FROM temp.batch")
                connection.executemany("INSERT OR IGNORE INTO temp.batch VALUES (?)", [(row[0],) for row in kept])
                by = kept[0][source] if kept else ""
                connection.execute(
                    f"INSERT INTO events_history ({_quoted()}, replaced_at, replaced_by) "
                    f"SELECT {_quoted()}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ? FROM events "
                    "WHERE event_id_cnty IN (SELECT event_id_cnty FROM temp.batch)",
                    (by or APP_SOURCE,),
                )
                connection.executemany(f"INSERT OR REPLACE INTO events ({_quoted()}) VALUES ({placeholders})", kept)
                connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        replaced = sum(1 for row in kept if row[0] in current)
        return WriteResult(added=len(kept) - replaced, replaced=replaced, refused=refused)

    def schema_version(self) -> int:
        """The schema version recorded in the file (``PRAGMA user_version``)."""
        if not self.path.exists():
            return 0
        with closing(self._reader()) as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def token(self) -> str:
        """The store's write counter (``-`` when there is no file yet): changes with every write."""
        if not self.path.exists():
            return f"{self.path.name}:-"
        with closing(self._reader()) as connection:
            revision = connection.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return f"{self.path.name}:{revision[0] if revision else '-'}"


def _add_columns(connection: sqlite3.Connection, table: str) -> None:
    present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    for name in COLUMNS:
        if name not in present:
            connection.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" TEXT NOT NULL DEFAULT ""')


def _quoted() -> str:
    return ", ".join(f'"{name}"' for name in COLUMNS)


def open_store(location: str | Path) -> EventStore:
    """The store at ``location``: a ``postgresql://`` URL (PostGIS) or a file path (SQLite)."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        from data.stores.postgis import PostgisStore

        return PostgisStore(text)
    return SqliteStore(Path(text))
