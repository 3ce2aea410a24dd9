"""The embedded store: one SQLite file in WAL mode, created on the first write.

The schema is migrated once per process (``PRAGMA user_version``); readers use read-only connections,
so they never take or wait for the write lock. A write or a batch removal is one ``BEGIN IMMEDIATE``
transaction: the write lock first, then the ownership check, the history, the rows and the batch.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd

from data.stores import batch_tables
from data.stores.events import (
    APP_SOURCE,
    COLUMNS,
    HISTORY_COLUMNS,
    SCHEMA_VERSION,
    WRITE_WAIT_S,
    LockedWrites,
    NewBatch,
    WriteResult,
    quoted,
    refusals,
)  # fmt: skip

# Columns of events_history beyond the events' own: when, by which source, in which write.
HISTORY_EXTRA = {"replaced_at": "TEXT", "replaced_by": "TEXT", "batch": "TEXT", "revision": "INTEGER"}


@contextmanager
def immediate(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back if it raises."""
    connection.execute("BEGIN IMMEDIATE")  # a second writer waits here (up to WRITE_WAIT_S)
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _sql(connection: sqlite3.Connection) -> batch_tables.Sql:
    def columns(table: str) -> set[str]:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}

    return batch_tables.Sql(connection, columns)


def _add_columns(connection: sqlite3.Connection, table: str, kinds: dict[str, str]) -> None:
    present = _sql(connection).columns(table)
    for name, kind in kinds.items():
        if name not in present:
            default = "0" if kind == "INTEGER" else '""'
            connection.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind} NOT NULL DEFAULT {default}')


def _revision(connection: sqlite3.Connection, step: int = 0) -> int:
    """The write counter in ``meta``, first moved on by ``step``."""
    if step:
        connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'revision'", (step,))
    return int(connection.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])


def _use_wal(connection: sqlite3.Connection, attempts: int = 3) -> None:
    """Put the file in WAL mode (persistent: readers stop blocking writers).

    The switch needs the file to itself and does not wait for a busy one: while another process holds
    the write lock (migrating a new file), wait for its transaction to end, then look again.
    """
    for _attempt in range(attempts):
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            with immediate(connection):  # waits (busy timeout) for the other writer, then lets go
                pass
    raise sqlite3.OperationalError(f"database is locked: could not switch to WAL in {attempts} attempts")


def migrate(connection: sqlite3.Connection) -> None:
    """Bring a file (new, made by an older version, or current) to :data:`SCHEMA_VERSION` in one transaction."""
    _use_wal(connection)
    with immediate(connection):  # a second process starting at once waits here, then sees it done
        if connection.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute('CREATE TABLE IF NOT EXISTS events ("event_id_cnty" TEXT PRIMARY KEY)')
        _add_columns(connection, "events", dict.fromkeys(COLUMNS, "TEXT"))
        connection.execute('CREATE TABLE IF NOT EXISTS events_history ("event_id_cnty" TEXT NOT NULL)')
        _add_columns(connection, "events_history", {**dict.fromkeys(COLUMNS, "TEXT"), **HISTORY_EXTRA})
        connection.execute("CREATE INDEX IF NOT EXISTS events_history_id ON events_history (event_id_cnty)")
        connection.execute("CREATE INDEX IF NOT EXISTS events_history_batch ON events_history (batch)")
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", (uuid.uuid4().hex,))
        connection.execute("DELETE FROM meta WHERE key = 'schema_version'")  # version 1 kept it here
        revision = batch_tables.migrate(_sql(connection), _revision(connection))
        connection.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision),))
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _upsert(
    connection: sqlite3.Connection, values: list[list[str]], expected: dict | None, batch: NewBatch | None
) -> WriteResult:
    """Inside the write lock: check owners, keep replaced rows in history, write, record ``batch``."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS ids (event_id_cnty TEXT PRIMARY KEY)")
    connection.execute("DELETE FROM temp.ids")
    connection.executemany("INSERT OR IGNORE INTO temp.ids VALUES (?)", [(row[0],) for row in values])
    current = dict(
        connection.execute("SELECT event_id_cnty, imported_from FROM events JOIN temp.ids USING (event_id_cnty)")
    )
    refused = refusals(values, current, expected)
    kept = [row for row in values if row[0] not in refused]
    connection.execute("DELETE FROM temp.ids")
    connection.executemany("INSERT OR IGNORE INTO temp.ids VALUES (?)", [(row[0],) for row in kept])
    revision = _revision(connection, step=1)
    by = (kept[0][COLUMNS.index("imported_from")] if kept else "") or APP_SOURCE
    recorded = batch.batch if batch and kept else ""
    connection.execute(
        f"INSERT INTO events_history ({quoted()}, replaced_at, replaced_by, batch, revision) "
        f"SELECT {quoted()}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ? FROM events "
        "WHERE event_id_cnty IN (SELECT event_id_cnty FROM temp.ids)",
        (by, recorded, revision),
    )
    slots = ", ".join("?" for _ in COLUMNS)
    connection.executemany(f"INSERT OR REPLACE INTO events ({quoted()}) VALUES ({slots})", kept)
    replaced = {row[0] for row in kept if row[0] in current}
    if recorded:
        batch_tables.record(_sql(connection), batch, revision, [row[0] for row in kept], replaced, len(refused))
    return WriteResult(len(kept) - len(replaced), len(replaced), refused, recorded)


class SqliteStore(LockedWrites):
    """Events in one SQLite file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def _writer(self) -> sqlite3.Connection:
        """A read-write connection in autocommit mode (transactions are explicit)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=WRITE_WAIT_S, isolation_level=None)
        if not self._ready:
            migrate(connection)
            self._ready = True
        return connection

    def _reader(self) -> sqlite3.Connection:
        """A read-only connection: it never takes (or waits for) the write lock."""
        if not self._ready:
            with closing(sqlite3.connect(self.path, timeout=WRITE_WAIT_S, isolation_level=None)) as connection:
                if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    migrate(connection)  # an old file: once, then every read is read-only
            self._ready = True
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=WRITE_WAIT_S)

    def _query(self, text: str, columns: list[str]) -> pd.DataFrame:
        if not self.path.exists():
            return pd.DataFrame(columns=columns, dtype=str)
        with closing(self._reader()) as connection:
            return pd.read_sql_query(text, connection, dtype=str).fillna("")

    def read(self) -> pd.DataFrame:
        """Stored events (an empty frame with the schema's columns when there is no file yet)."""
        return self._query(f"SELECT {quoted()} FROM events ORDER BY rowid", COLUMNS)

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows, oldest first."""
        return self._query(f"SELECT {quoted(HISTORY_COLUMNS)} FROM events_history ORDER BY rowid", HISTORY_COLUMNS)

    def batches(self) -> list[dict]:
        """The recorded imports, oldest first."""
        if not self.path.exists():
            return []
        with closing(self._reader()) as connection:
            return batch_tables.listed(_sql(connection))

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """A ``BEGIN IMMEDIATE`` transaction: SQLite's write lock, held until the block ends."""
        with closing(self._writer()) as connection, immediate(connection):
            yield connection

    _upsert = staticmethod(_upsert)

    @staticmethod
    def _undo(connection: sqlite3.Connection, batch: str) -> dict:
        outcome = batch_tables.undo(_sql(connection), batch)
        _revision(connection, step=1)
        return outcome

    def schema_version(self) -> int:
        """The schema version recorded in the file (``PRAGMA user_version``)."""
        if not self.path.exists():
            return 0
        with closing(self._reader()) as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def token(self) -> str:
        """The store's id and write counter (``-`` when there is no file yet): changes with every write.

        The id (made with the file) keeps two stores, or a file made again at the same path, apart.
        """
        if not self.path.exists():
            return f"{self.path.name}:-"
        with closing(self._reader()) as connection:
            meta = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('store_id', 'revision')"))
        return f"{self.path.name}:{meta.get('store_id', '-')}:{meta.get('revision', '-')}"
