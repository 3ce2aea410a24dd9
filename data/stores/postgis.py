"""The shared store: PostgreSQL with PostGIS, for a team and several app instances.

Every column is text, as in the files and the SQLite store, so one validation judges all sources;
a PostGIS point (EPSG:4326) is kept beside them for spatial queries. Schema changes run under an
advisory lock, so two instances starting together do not race.
"""

from __future__ import annotations

import pandas as pd

from data.access.roles import Writer, require_analyst
from data.stores.events import COLUMNS, SCHEMA_VERSION, WriteResult, check_columns

_LOCK_ID = 72_271_001  # any constant shared by every instance of the app
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
            connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)")
            connection.execute("CREATE TABLE IF NOT EXISTS events (event_id_cnty text PRIMARY KEY)")
            for name in COLUMNS[1:]:
                connection.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS \"{name}\" text NOT NULL DEFAULT ''")
            connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)")
            connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now()")
            connection.execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)")
            connection.execute(
                "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def read(self) -> pd.DataFrame:
        """Stored events as strings."""
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {_QUOTED} FROM events ORDER BY updated_at, event_id_cnty").fetchall()
        return pd.DataFrame(rows, columns=COLUMNS, dtype=str)

    def write(self, rows: pd.DataFrame, *, writer: Writer) -> WriteResult:
        """Upsert ``rows`` in one transaction (the point follows the coordinates); analysts only."""
        require_analyst(writer)
        values = check_columns(rows)
        placeholders = ", ".join("%s" for _ in COLUMNS)
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in COLUMNS[1:])
        with self._connect() as connection, connection.transaction():
            existing = {row[0] for row in connection.execute("SELECT event_id_cnty FROM events")}
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO events ({_QUOTED}) VALUES ({placeholders}) "
                    f"ON CONFLICT (event_id_cnty) DO UPDATE SET {updates}, updated_at = now()",
                    values,
                )
            connection.execute(
                f"UPDATE events e SET geom = {_geometry_sql()} WHERE e.event_id_cnty = ANY(%s)",
                ([row[0] for row in values],),
            )
        replaced = sum(1 for row in values if row[0] in existing)
        return WriteResult(added=len(values) - replaced, replaced=replaced)

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._connect() as connection:
            return int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def token(self) -> str:
        """Row count and last update: changes with every write by any instance."""
        with self._connect() as connection:
            count, last = connection.execute("SELECT count(*), max(updated_at) FROM events").fetchone()
        return f"postgis:{count}:{last}"
