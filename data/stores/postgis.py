"""The shared store: PostgreSQL with PostGIS, for a team and several app instances.

Every column is text, as in the files and the SQLite store, so one validation judges all sources;
a PostGIS point (EPSG:4326) is kept beside them for spatial queries. Schema changes run once per
process under an advisory lock (two instances starting together do not race) and only when ``meta``
records an older version. Every write (and batch removal) takes a second advisory lock for its
transaction, then checks who owns each id, keeps replaced rows in ``events_history``, writes and
records the batch (readers are never blocked: MVCC).
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager

import pandas as pd

from data.stores import batch_tables
from data.stores.events import (
    APP_SOURCE,
    COLUMNS,
    HISTORY_COLUMNS,
    SCHEMA_VERSION,
    LockedWrites,
    NewBatch,
    WriteResult,
    quoted,
    refusals,
)  # fmt: skip

_LOCK_ID = 72_271_001  # any constant shared by every instance of the app: schema changes
_WRITE_LOCK_ID = 72_271_002  # writes: one at a time, the ownership check inside
_HISTORY_EXTRA = (
    "replaced_at timestamptz NOT NULL DEFAULT now()", "replaced_by text NOT NULL DEFAULT ''",
    "batch text NOT NULL DEFAULT ''", "revision integer NOT NULL DEFAULT 0",
)  # fmt: skip


def _geometry_sql() -> str:
    # Invalid coordinates stay NULL rather than failing the write: validation reports them.
    return (
        "CASE WHEN e.longitude ~ '^-?[0-9.]+$' AND e.latitude ~ '^-?[0-9.]+$' "
        "THEN ST_SetSRID(ST_MakePoint(e.longitude::float8, e.latitude::float8), 4326) END"
    )


def _sql(connection) -> batch_tables.Sql:
    def columns(table: str) -> set[str]:
        found = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s",
            (table,),
        )
        return {row[0] for row in found.fetchall()}

    return batch_tables.Sql(connection, columns, postgres=True)


def _revision(connection, step: int = 0) -> int:
    """The write counter in ``meta``, first moved on by ``step``."""
    if step:
        connection.execute("UPDATE meta SET value = (value::bigint + %s)::text WHERE key = 'revision'", (step,))
    return int(connection.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])


def migrate(connection) -> None:
    """Bring the database to :data:`SCHEMA_VERSION` (under the schema lock; nothing when it is current)."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
        if _recorded_version(connection) >= SCHEMA_VERSION:
            return
        connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)")
        connection.execute("CREATE TABLE IF NOT EXISTS events (event_id_cnty text PRIMARY KEY)")
        connection.execute("CREATE TABLE IF NOT EXISTS events_history (event_id_cnty text NOT NULL)")
        for table in ("events", "events_history"):
            for name in COLUMNS[1:]:
                connection.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS \"{name}\" text NOT NULL DEFAULT ''")
        for column in _HISTORY_EXTRA:
            connection.execute(f"ALTER TABLE events_history ADD COLUMN IF NOT EXISTS {column}")
        connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)")
        connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now()")
        connection.execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)")
        connection.execute("CREATE INDEX IF NOT EXISTS events_history_id ON events_history (event_id_cnty)")
        connection.execute("CREATE INDEX IF NOT EXISTS events_history_batch ON events_history (batch)")
        connection.execute("INSERT INTO meta VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING")
        connection.execute("INSERT INTO meta VALUES ('store_id', %s) ON CONFLICT (key) DO NOTHING", (uuid.uuid4().hex,))
        revision = batch_tables.migrate(_sql(connection), _revision(connection))
        connection.execute("UPDATE meta SET value = %s WHERE key = 'revision'", (str(revision),))
        connection.execute(
            "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(SCHEMA_VERSION),),
        )


def _upsert(connection, values: list[list[str]], expected: dict | None, batch: NewBatch | None) -> WriteResult:
    """Inside the write lock: check owners, keep replaced rows in history, write, record ``batch``."""
    current = dict(
        connection.execute(
            "SELECT event_id_cnty, imported_from FROM events WHERE event_id_cnty = ANY(%s) FOR UPDATE",
            ([row[0] for row in values],),
        ).fetchall()
    )
    refused = refusals(values, current, expected)
    kept = [row for row in values if row[0] not in refused]
    kept_ids = [row[0] for row in kept]
    revision = _revision(connection, step=1)
    recorded = batch.batch if batch and kept else ""
    connection.execute(
        f"INSERT INTO events_history ({quoted()}, replaced_by, batch, revision) "
        f"SELECT {quoted()}, %s, %s, %s FROM events WHERE event_id_cnty = ANY(%s)",
        ((kept[0][COLUMNS.index("imported_from")] if kept else "") or APP_SOURCE, recorded, revision, kept_ids),
    )
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name in COLUMNS[1:])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO events ({quoted()}) VALUES ({', '.join('%s' for _ in COLUMNS)}) "
            f"ON CONFLICT (event_id_cnty) DO UPDATE SET {updates}, updated_at = now()",
            kept,
        )
    _place(connection, kept_ids)
    replaced = {event_id for event_id in kept_ids if event_id in current}
    if recorded:
        batch_tables.record(_sql(connection), batch, revision, kept_ids, replaced, len(refused))
    return WriteResult(len(kept) - len(replaced), len(replaced), refused, recorded)


def _place(connection, ids: list[str]) -> None:
    """The point geometry of events ``ids`` follows their coordinates."""
    connection.execute(f"UPDATE events e SET geom = {_geometry_sql()} WHERE e.event_id_cnty = ANY(%s)", (ids,))


class PostgisStore(LockedWrites):
    """Events in a PostgreSQL database with PostGIS, at ``url`` (``postgresql://user@host/db``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._migrated = False

    def _connect(self):
        import psycopg

        connection = psycopg.connect(self.url, autocommit=False)
        if not self._migrated:
            migrate(connection)
            self._migrated = True  # once per process: the app asks for a token on every rerun
        return connection

    def read(self) -> pd.DataFrame:
        """Stored events as strings."""
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {quoted()} FROM events ORDER BY updated_at, event_id_cnty").fetchall()
        return pd.DataFrame(rows, columns=COLUMNS, dtype=str)

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows, oldest first."""
        columns = quoted(HISTORY_COLUMNS).replace('"replaced_at"', '"replaced_at"::text')
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {columns} FROM events_history ORDER BY revision, replaced_at").fetchall()
        return pd.DataFrame(rows, columns=HISTORY_COLUMNS, dtype=str)

    def batches(self) -> list[dict]:
        """The recorded imports, oldest first."""
        with self._connect() as connection:
            return batch_tables.listed(_sql(connection))

    @contextmanager
    def _locked(self):
        """A transaction holding the app's advisory write lock (every instance takes the same one)."""
        with self._connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK_ID,))
            yield connection

    _upsert = staticmethod(_upsert)

    @staticmethod
    def _undo(connection, batch: str) -> dict:
        sql = _sql(connection)
        ids = [row[0] for row in sql.rows("SELECT event_id_cnty FROM import_batch_rows WHERE batch = ?", (batch,))]
        outcome = batch_tables.undo(sql, batch)
        _place(connection, ids)  # restored rows get their point back
        _revision(connection, step=1)
        return outcome

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._connect() as connection:
            return int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def token(self) -> str:
        """The database's store id and write counter: changes with every write by any instance."""
        with self._connect() as connection:
            meta = dict(
                connection.execute("SELECT key, value FROM meta WHERE key IN ('store_id', 'revision')").fetchall()
            )
        return f"postgis:{meta.get('store_id', '-')}:{meta.get('revision', '-')}"


def _recorded_version(connection) -> int:
    """The version in ``meta`` (0 for a database without one)."""
    if connection.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0
