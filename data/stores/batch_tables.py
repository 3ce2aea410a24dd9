"""The batch side tables, the same SQL on SQLite and PostGIS, always run inside the store's own transaction.

- ``import_batches``: one row per import (:data:`BATCH_FIELDS`, and the store ``revision`` it was written at);
- ``import_batch_rows``: per event the batch wrote, whether it replaced a stored row (``replaced`` 1) or added it.

The previous version of a replaced row is not copied here: it is the ``events_history`` row the same write
made (``batch`` names the write, ``revision`` orders it). Removing a batch therefore moves its history rows
back into ``events``; a batch whose events a later write replaced again (a later history row) waits.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from data.stores.events import COLUMNS, NewBatch, quoted

BATCH_FIELDS = ("batch", "file", "format", "imported_at", "who", "rows", "accepted", "added", "replaced", "rejected")
CREATE = (
    "CREATE TABLE IF NOT EXISTS import_batches (batch TEXT PRIMARY KEY, file TEXT NOT NULL, format TEXT NOT NULL, "
    "imported_at TEXT NOT NULL, who TEXT NOT NULL, rows INTEGER NOT NULL, accepted INTEGER NOT NULL, "
    "added INTEGER NOT NULL, replaced INTEGER NOT NULL, rejected INTEGER NOT NULL, "
    "revision INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS import_batch_rows (batch TEXT NOT NULL, event_id_cnty TEXT NOT NULL, "
    "replaced INTEGER NOT NULL, PRIMARY KEY (batch, event_id_cnty))",
)
APP_EDIT = "an edit made in the app (not a batch)"


class BatchError(ValueError):
    """A batch that does not exist or cannot be removed yet; the message says why."""


class Sql:
    """One open transaction's connection, with ``?`` placeholders on both backends."""

    def __init__(self, connection, columns: Callable[[str], set[str]], postgres: bool = False) -> None:
        self.connection, self.columns, self.postgres = connection, columns, postgres

    def _text(self, text: str) -> str:
        return text.replace("?", "%s") if self.postgres else text

    def run(self, text: str, values: tuple = ()) -> None:
        """Execute one statement."""
        self.connection.execute(self._text(text), values)

    def rows(self, text: str, values: tuple = ()) -> list[tuple]:
        """Execute one query; its rows."""
        return list(self.connection.execute(self._text(text), values).fetchall())

    def many(self, text: str, rows: list) -> None:
        """Execute one statement for each of ``rows``."""
        if rows:
            self.connection.cursor().executemany(self._text(text), rows)


def migrate(sql: Sql, revision: int) -> int:
    """Create the side tables; a store made before version 3 (previous rows as JSON) is converted.

    Parameters
    ----------
    sql : Sql
        Inside the migration's transaction; ``events_history`` already has ``batch`` and ``revision``.
    revision : int
        The store's write counter now.

    Returns
    -------
    int
        The write counter after it (old batches are given revisions in the order they were made).
    """
    sql.run(CREATE[0])
    if "revision" not in sql.columns("import_batches"):
        sql.run("ALTER TABLE import_batches ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    old = _legacy_rows(sql, revision) if "previous" in sql.columns("import_batch_rows") else None
    sql.run(CREATE[1])
    if old is None:
        return revision
    sql.many("INSERT INTO import_batch_rows VALUES (?, ?, ?)", [(b, i, int(bool(p))) for b, i, p, *_ in old])
    history = [
        [*(str(json.loads(previous).get(name, "")) for name in COLUMNS), at, by, batch, number]
        for batch, _id, previous, at, by, number in old
        if previous
    ]
    slots = ", ".join("?" for _ in range(len(COLUMNS) + 4))
    columns = f"{quoted()}, replaced_at, replaced_by, batch, revision"
    sql.many(f"INSERT INTO events_history ({columns}) VALUES ({slots})", history)
    return revision + len({row[0] for row in sql.rows("SELECT batch FROM import_batches")})


def _legacy_rows(sql: Sql, revision: int) -> list[tuple]:
    """A version-1 ``import_batch_rows`` (previous rows as JSON), read and dropped; batches numbered in order."""
    order = [row[0] for row in sql.rows("SELECT batch FROM import_batches ORDER BY batch")]
    for number, batch in enumerate(order, revision + 1):
        sql.run("UPDATE import_batches SET revision = ? WHERE batch = ?", (number, batch))
    old = sql.rows(
        "SELECT r.batch, r.event_id_cnty, r.previous, b.imported_at, b.format || ': ' || b.file, b.revision "
        "FROM import_batch_rows r JOIN import_batches b ON b.batch = r.batch ORDER BY b.revision"
    )
    sql.run("DROP TABLE import_batch_rows")
    return old


def record(sql: Sql, batch: NewBatch, revision: int, kept: list[str], replaced: set[str], refused: int) -> None:
    """Record ``batch`` (written at ``revision``: ``kept`` ids, those in ``replaced`` replaced a stored row)."""
    header = (
        batch.batch, batch.file, batch.format, batch.imported_at, batch.who, batch.rows, len(kept),
        len(kept) - len(replaced), len(replaced), batch.rejected + refused, revision,
    )  # fmt: skip
    sql.run(f"INSERT INTO import_batches ({', '.join(BATCH_FIELDS)}, revision) VALUES ({', '.join('?' * 11)})", header)
    rows = [(batch.batch, event_id, int(event_id in replaced)) for event_id in kept]
    sql.many("INSERT INTO import_batch_rows VALUES (?, ?, ?)", rows)


def listed(sql: Sql) -> list[dict]:
    """Every recorded batch, oldest first, as ``{batch, file, format, imported_at, who, rows, …}``."""
    rows = sql.rows(f"SELECT {', '.join(BATCH_FIELDS)} FROM import_batches ORDER BY revision, batch")
    return [dict(zip(BATCH_FIELDS, row, strict=True)) for row in rows]


def undo(sql: Sql, batch: str) -> dict:
    """Delete what ``batch`` wrote, move the rows it replaced back from ``events_history``, forget it.

    Raises
    ------
    BatchError
        When there is no such batch, or a later write replaced some of its events again.
    """
    found = sql.rows("SELECT revision FROM import_batches WHERE batch = ?", (batch,))
    if not found:
        raise BatchError(f"no batch {batch!r}; `python -m data batches` lists them")
    later = sql.rows(
        "SELECT DISTINCT h.batch, h.revision FROM events_history h JOIN import_batch_rows r "
        "ON h.event_id_cnty = r.event_id_cnty WHERE r.batch = ? AND h.revision > ? ORDER BY h.revision",
        (batch, found[0][0]),
    )
    if later:
        names = ", ".join(dict.fromkeys(name or APP_EDIT for name, _ in later))
        raise BatchError(f"batch {batch!r} cannot be removed yet: later batch(es) {names} changed its events again")
    mine = sql.rows("SELECT event_id_cnty, replaced FROM import_batch_rows WHERE batch = ?", (batch,))
    sql.run(
        "DELETE FROM events WHERE event_id_cnty IN (SELECT event_id_cnty FROM import_batch_rows WHERE batch = ?)",
        (batch,),
    )
    sql.run(f"INSERT INTO events ({quoted()}) SELECT {quoted()} FROM events_history WHERE batch = ?", (batch,))
    sql.run("DELETE FROM events_history WHERE batch = ?", (batch,))
    sql.run("DELETE FROM import_batch_rows WHERE batch = ?", (batch,))
    sql.run("DELETE FROM import_batches WHERE batch = ?", (batch,))
    restored = sum(1 for _, replaced in mine if replaced)
    return {"batch": batch, "removed": len(mine) - restored, "restored": restored}
