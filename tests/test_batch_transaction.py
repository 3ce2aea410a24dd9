"""An import and its batch record are one transaction; the previous versions live in one place (history).

On both stores: a failure between the events write and the batch record leaves neither; removing a
batch moves its rows back from ``events_history``; a later edit in the app holds a removal back; a
store made by version 1 (batches with previous rows as JSON) is migrated and its batches still undo.
"""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest

from data.io.batches import BatchError, list_batches, remove_batch
from data.stores import batch_tables
from data.stores.events import COLUMNS, SCHEMA_VERSION
from tests.conftest import ANALYST
from tests.test_batches import content, imported
from tests.test_import import ACLED_ROW


class Injected(RuntimeError):
    """The failure injected between the events write and the batch record."""


def test_a_failure_between_the_rows_and_the_batch_record_leaves_neither(event_store, monkeypatch):
    imported(event_store, [ACLED_ROW], "may.csv")
    before, token = content(event_store), event_store.token()

    def fail(*_args, **_kwargs):
        assert len(event_store.read()) == 1  # another connection does not see the half-done write
        raise Injected("the disk filled up")

    monkeypatch.setattr(batch_tables, "record", fail)
    with pytest.raises(Injected):
        imported(event_store, [{**ACLED_ROW, "fatalities": "9"}, {**ACLED_ROW, "event_id_cnty": "MLI2"}], "june.csv")
    pd.testing.assert_frame_equal(content(event_store), before)
    assert [b["file"] for b in list_batches(event_store)] == ["may.csv"]
    assert event_store.history().empty  # the replaced row was not copied either
    assert event_store.token() == token


def test_removal_moves_the_replaced_rows_back_from_the_history(event_store):
    imported(event_store, [ACLED_ROW], "may.csv")
    june = imported(event_store, [{**ACLED_ROW, "fatalities": "9"}], "june.csv").batch
    history = event_store.history()
    assert history[["event_id_cnty", "fatalities", "batch"]].values.tolist() == [["MLI12345", "4", june]]
    assert remove_batch(event_store, june, ANALYST) == {"batch": june, "removed": 0, "restored": 1}
    assert event_store.read()["fatalities"].tolist() == ["4"]
    assert event_store.history().empty  # the May row is live again: one copy, not two


def test_a_later_edit_in_the_app_holds_the_removal_back(event_store):
    may = imported(event_store, [ACLED_ROW], "may.csv").batch
    edited = event_store.read().assign(notes="Corrected by hand.")
    event_store.write(edited, writer=ANALYST)  # an edit in the app: no batch
    with pytest.raises(BatchError, match="an edit made in the app"):
        remove_batch(event_store, may, ANALYST)
    assert event_store.read()["notes"].tolist() == ["Corrected by hand."]


def test_a_batch_whose_rows_were_all_refused_is_not_recorded(event_store):
    imported(event_store, [ACLED_ROW], "may.csv")
    from data.io.read import read_incoming
    from data.io.run import prepare_import, store_import

    late = prepare_import(
        read_incoming(pd.DataFrame([ACLED_ROW]).to_csv(index=False).encode(), "b.csv"), event_store.read()
    )
    late.expected = {"MLI12345": None}  # as if checked before may.csv landed
    store_import(late, event_store, ANALYST)
    assert (late.written, late.batch) == (0, "")
    assert [b["file"] for b in list_batches(event_store)] == ["may.csv"]


# Version 1's side tables (``data/io/batches.py`` before batches moved into the store's write).
V1_BATCHES = (
    "CREATE TABLE import_batches (batch TEXT PRIMARY KEY, file TEXT NOT NULL, format TEXT NOT NULL, "
    "imported_at TEXT NOT NULL, who TEXT NOT NULL, rows INTEGER NOT NULL, accepted INTEGER NOT NULL, "
    "added INTEGER NOT NULL, replaced INTEGER NOT NULL, rejected INTEGER NOT NULL)",
    "CREATE TABLE import_batch_rows (batch TEXT NOT NULL, event_id_cnty TEXT NOT NULL, "
    "previous TEXT NOT NULL, PRIMARY KEY (batch, event_id_cnty))",
)


def version_one_store(event_store) -> None:
    """Two batches as version 1 wrote them: may.csv added MLI1; june.csv revised MLI1 and added MLI2."""
    may = {**dict.fromkeys(COLUMNS, ""), "event_id_cnty": "MLI1", "fatalities": "4", "imported_from": "acled: may.csv"}
    june = {**may, "fatalities": "9", "imported_from": "acled: june.csv"}
    statements = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO meta VALUES ('schema_version', '1')",
        "CREATE TABLE events ("
        + ", ".join(f"\"{n}\" TEXT NOT NULL DEFAULT ''" for n in COLUMNS)
        + ", PRIMARY KEY (event_id_cnty))",
        *V1_BATCHES,
    ]
    event = "INSERT INTO events VALUES (" + ", ".join("?" * len(COLUMNS)) + ")"
    batch, member = (
        f"INSERT INTO import_batches VALUES ({', '.join('?' * 10)})",
        "INSERT INTO import_batch_rows VALUES (?, ?, ?)",
    )
    rows = [
        (event, [june[n] for n in COLUMNS]),
        (event, [{**june, "event_id_cnty": "MLI2"}[n] for n in COLUMNS]),
        (batch, ["B1", "may.csv", "acled", "2026-05-01T10:00:00+00:00", "ana", 1, 1, 1, 0, 0]),
        (batch, ["B2", "june.csv", "acled", "2026-06-01T10:00:00+00:00", "ana", 2, 2, 1, 1, 0]),
        (member, ["B1", "MLI1", ""]),
        (member, ["B2", "MLI1", json.dumps(may)]),
        (member, ["B2", "MLI2", ""]),
    ]
    if hasattr(event_store, "path"):
        event_store.path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(event_store.path) as connection:
            for text in statements:
                connection.execute(text)
            for text, values in rows:
                connection.execute(text, values)
        return
    import psycopg

    with psycopg.connect(event_store.url) as connection:
        for text in statements:
            connection.execute(text)
        for text, values in rows:
            connection.execute(text.replace("?", "%s"), values)


def test_a_store_made_by_version_one_keeps_its_batches_and_undoes_them(event_store):
    version_one_store(event_store)
    assert [b["batch"] for b in list_batches(event_store)] == ["B1", "B2"]
    assert event_store.schema_version() == SCHEMA_VERSION
    history = event_store.history()
    assert history[["event_id_cnty", "fatalities", "replaced_by", "batch"]].values.tolist() == [
        ["MLI1", "4", "acled: june.csv", "B2"]
    ]
    with pytest.raises(BatchError, match="later batch\\(es\\) B2"):
        remove_batch(event_store, "B1", ANALYST)
    assert remove_batch(event_store, "B2", ANALYST) == {"batch": "B2", "removed": 1, "restored": 1}
    assert event_store.read()[["event_id_cnty", "fatalities"]].values.tolist() == [["MLI1", "4"]]
    assert remove_batch(event_store, "B1", ANALYST) == {"batch": "B1", "removed": 1, "restored": 0}
    assert event_store.read().empty
    # A new import after the migration is numbered after the old batches.
    later = imported(event_store, [ACLED_ROW], "july.csv").batch
    assert [b["batch"] for b in list_batches(event_store)] == [later]
