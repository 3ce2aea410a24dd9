"""The shared store: PostgreSQL with PostGIS, for a team and several app instances.

Every column is text, as in the files and the SQLite store, so one validation judges all sources;
a PostGIS point (EPSG:4326) is kept beside them for spatial queries. Schema changes run once per
process under an advisory lock (two instances starting together do not race) and only when ``meta``
records an older version. Every write takes a second advisory lock for its transaction, then checks
who owns each id and writes (readers are never blocked: MVCC). Replaced rows go to
``events_history``.
"""

from __future__ import annotations

import pandas as pd

from data.stores.events import APP_SOURCE, COLUMNS, SCHEMA_VERSION, WriteResult, check_columns, refusals

_LOCK_ID = 72_271_001  # any constant shared by every instance of the app: schema changes
_WRITE_LOCK_ID = 72_271_002  # writes: one at a time, the ownership check inside
_QUOTED = ", ".join(f'"{name}"' for name in COLUMNS)


def _geometry_sql() -> str:
    # Invalid coordinates stay NULL rather than failing the write: validation reports them.
    return (
        "CASE WHEN e.longitude ~ '^-?[0-9.]+$' AND e.latitude ~ '^-?[0-9.]+$' "
        "THEN ST_SetSRID(ST_MakePoint(e.longitude::float8, e.latitude::float8), 4326) END"
    )


class PostgisStore:
    """Events in a PostgreSQL database with PostGIS, at ``url`` (``postgresql://user@host/db``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._migrated = False

    def _connect(self):
        import psycopg

        connection = psycopg.connect(self.url, autocommit=False)
        if not self._migrated:
            self._migrate(connection)
            self._migrated = True  # once per process: the app asks for a token on every rerun
        return connection

    @staticmethod
    def _migrate(connection) -> None:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
            if _recorded_version(connection) >= SCHEMA_VERSION:
                return
            connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)")
            connection.execute("CREATE TABLE IF NOT EXISTS events (event_id_cnty text PRIMARY KEY)")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS events_history (event_id_cnty text NOT NULL, "
                "replaced_at timestamptz NOT NULL DEFAULT now(), replaced_by text NOT NULL)"
            )
            for table in ("events", "events_history"):
                for name in COLUMNS[1:]:
                    connection.execute(
                        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS \"{name}\" text NOT NULL DEFAULT ''"
                    )
            connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)")
            connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now()")
            connection.execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)")
            connection.execute("CREATE INDEX IF NOT EXISTS events_history_id ON events_history (event_id_cnty)")
            connection.execute(
                "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def read(self) -> pd.DataFrame:
        """Stored events as strings."""
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {_QUOTED} FROM events ORDER BY updated_at, event_id_cnty").fetchall()
        return pd.DataFrame(rows, columns=COLUMNS, dtype=str)

    def history(self) -> pd.DataFrame:
        """Previous versions of replaced rows, oldest first."""
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT {_QUOTED}, replaced_at::text, replaced_by FROM events_history ORDER BY replaced_at"
            ).fetchall()
        return pd.DataFrame(rows, columns=[*COLUMNS, "replaced_at", "replaced_by"], dtype=str)

    def write(self, rows: pd.DataFrame, expected: dict[str, str | None] | None = None) -> WriteResult:
        """Check owners and upsert ``rows`` in one transaction under the write lock."""
        values = check_columns(rows)
        placeholders = ", ".join("%s" for _ in COLUMNS)
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in COLUMNS[1:])
        source = COLUMNS.index("imported_from")
        with self._connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK_ID,))
            ids = [row[0] for row in values]
            current = dict(
                connection.execute(
                    "SELECT event_id_cnty, imported_from FROM events WHERE event_id_cnty = ANY(%s) FOR UPDATE", (ids,)
                ).fetchall()
            )
            refused = refusals(values, current, expected)
            kept = [row for row in values if row[0] not in refused]
            kept_ids = [row[0] for row in kept]
            connection.execute(
                f"INSERT INTO events_history ({_QUOTED}, replaced_by) "
                f"SELECT {_QUOTED}, %s FROM events WHERE event_id_cnty = ANY(%s)",
                ((kept[0][source] if kept else "") or APP_SOURCE, kept_ids),
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO events ({_QUOTED}) VALUES ({placeholders}) "
                    f"ON CONFLICT (event_id_cnty) DO UPDATE SET {updates}, updated_at = now()",
                    kept,
                )
            connection.execute(
                f"UPDATE events e SET geom = {_geometry_sql()} WHERE e.event_id_cnty = ANY(%s)", (kept_ids,)
            )
        replaced = sum(1 for row in kept if row[0] in current)
        return WriteResult(added=len(kept) - replaced, replaced=replaced, refused=refused)

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._connect() as connection:
            return int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def token(self) -> str:
        """Row count and last update: changes with every write by any instance."""
        with self._connect() as connection:
            count, last = connection.execute("SELECT count(*), max(updated_at) FROM events").fetchone()
        return f"postgis:{count}:{last}"


def _recorded_version(connection) -> int:
    """The version in ``meta`` (0 for a database without one)."""
    if connection.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0
