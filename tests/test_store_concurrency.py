"""Concurrent writers and readers on both stores: real threads and processes, nothing lost.

Readers never wait for a writer (SQLite WAL + read-only connections); two imports of the same ids at
once never both land (the ownership check and the write share one locked transaction); a replaced
row's previous version is kept in ``events_history``; two first imports into a fresh store both work.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from data.io.read import read_incoming
from data.io.run import prepare_import, store_import
from data.stores.events import COLUMNS, open_store
from data.stores.sqlite import SqliteStore
from tests.conftest import ANALYST, ROOT
from tests.test_import import ACLED_ROW

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)
RACED = "was stored by another import"


def acled_csv(ids, **overrides) -> bytes:
    return pd.DataFrame([{**ACLED_ROW, "event_id_cnty": i, **overrides} for i in ids]).to_csv(index=False).encode()


def checked(ids, name, stored=NOTHING_STORED, **overrides):
    return prepare_import(read_incoming(acled_csv(ids, **overrides), name), stored)


def at_once(*jobs):
    """Run each job in its own thread, released together; returns their results (or exceptions)."""
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(position, job):
        barrier.wait()
        try:
            results[position] = job()
        except Exception as error:
            results[position] = error

    threads = [threading.Thread(target=run, args=(p, job)) for p, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_imports_of_the_same_ids_at_once_never_both_land(event_store):
    ids = [f"MLI{i}" for i in range(500)]
    first, second = checked(ids, "a.csv"), checked(ids, "b.csv")  # both checked against an empty store
    outcomes = at_once(
        lambda: store_import(first, event_store, ANALYST), lambda: store_import(second, event_store, ANALYST)
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(o.written for o in outcomes) == [0, 500]
    loser = next(o for o in outcomes if o.written == 0)
    assert len(loser.rejected) == 500
    assert len(loser.accepted) == 0
    assert loser.rejected[0].row == 2
    assert loser.rejected[0].field == "event_id_cnty"
    assert RACED in loser.rejected[0].reason
    stored = event_store.read()
    winner = next(o for o in outcomes if o.written == 500)
    assert len(stored) == 500
    assert set(stored["imported_from"]) == {f"acled: {winner.file}"}
    assert event_store.history().empty  # nothing was replaced


@pytest.mark.parametrize("repeat", range(3))
def test_two_first_imports_into_a_fresh_store_both_land(tmp_path, repeat):
    del repeat
    path = tmp_path / "fresh" / "events.sqlite"
    # Two store objects: two app processes starting at once on a file that does not exist yet.
    stores = [SqliteStore(path), SqliteStore(path)]
    imports = [checked([f"A{i}" for i in range(200)], "a.csv"), checked([f"B{i}" for i in range(200)], "b.csv")]
    outcomes = at_once(*[lambda s=s, r=r: store_import(r, s, ANALYST) for s, r in zip(stores, imports, strict=True)])
    assert [o.written for o in outcomes] == [200, 200], outcomes
    assert len(SqliteStore(path).read()) == 400


def test_fresh_postgis_database_two_first_imports_both_land(postgis_server):
    from tests.postgis import fresh_database

    url = fresh_database(postgis_server, "fresh_two")
    stores = [open_store(url), open_store(url)]
    imports = [checked([f"A{i}" for i in range(200)], "a.csv"), checked([f"B{i}" for i in range(200)], "b.csv")]
    outcomes = at_once(*[lambda s=s, r=r: store_import(r, s, ANALYST) for s, r in zip(stores, imports, strict=True)])
    assert [getattr(o, "written", o) for o in outcomes] == [200, 200]
    assert len(open_store(url).read()) == 400


def test_a_revision_keeps_the_previous_version(event_store):
    store_import(checked(["MLI1", "MLI2"], "may.csv"), event_store, ANALYST)
    revised = store_import(checked(["MLI1"], "june.csv", event_store.read(), fatalities="9"), event_store, ANALYST)
    assert (revised.written, revised.rejected) == (1, [])
    history = event_store.history()
    assert history[["event_id_cnty", "fatalities", "imported_from", "replaced_by"]].values.tolist() == [
        ["MLI1", "4", "acled: may.csv", "acled: june.csv"]
    ]
    assert event_store.read().set_index("event_id_cnty").loc["MLI1", "fatalities"] == "9"


def test_another_source_is_refused_inside_the_transaction_too(event_store):
    late = checked(["MLI1"], "ours.csv")  # checked before the ACLED import landed
    store_import(checked(["MLI1"], "acled.csv"), event_store, ANALYST)
    late.expected = {"MLI1": None}
    late.accepted["imported_from"] = "ours: ours.csv"
    store_import(late, event_store, ANALYST)
    assert late.written == 0
    assert "already used by an event from acled: acled.csv" in late.rejected[0].reason


def test_a_reader_never_waits_for_a_writer_holding_a_transaction(tmp_path):
    path = tmp_path / "events.sqlite"
    store = SqliteStore(path)
    store_import(checked(["MLI1"], "a.csv"), store, ANALYST)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long import holding the write lock
    writer.execute("INSERT INTO events (event_id_cnty) VALUES ('HALF-WRITTEN')")
    try:
        for reader in (store, SqliteStore(path)):  # this process, and a visitor's fresh process
            started = time.perf_counter()
            assert list(reader.read()["event_id_cnty"]) == ["MLI1"]
            assert reader.token()
            assert time.perf_counter() - started < 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_readers_use_read_only_connections(tmp_path):
    path = tmp_path / "events.sqlite"
    store = SqliteStore(path)
    store_import(checked(["MLI1"], "a.csv"), store, ANALYST)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reader = SqliteStore(path)
    reader.read()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader._reader().execute("INSERT INTO events (event_id_cnty) VALUES ('X')")


def run_cli(path, store):
    command = [sys.executable, "-m", "data", "import", str(path)]
    env = {"CONFLICT_MAP_STORE": str(store), "PATH": "/usr/bin:/bin"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_cli_imports_of_the_same_ids_lose_nothing(tmp_path):
    """Two processes: whatever the timing, every row reported stored is stored or in the history."""
    import json

    ids = [f"MLI{i}" for i in range(2_000)]
    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path in files:
        path.write_bytes(acled_csv(ids))
    store = tmp_path / "events.sqlite"
    processes = [run_cli(path, store) for path in files]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in processes]
    written = sorted(report["written"] for report in reports)
    stored = SqliteStore(store)
    assert len(stored.read()) == 2_000
    assert sum(written) - 2_000 == len(stored.history())  # a second "stored" replaced the first, kept
    if written[0] == 0:  # the two overlapped: one refused with a reason per row
        loser = next(r for r in reports if r["written"] == 0)
        assert len(loser["rejected"]) == 2_000
        assert RACED in loser["rejected"][0]["reason"]


def test_two_stores_with_the_same_file_name_have_different_tokens(tmp_path):
    """The app's cache key: a second store (or the file made again) never reuses the first one's data."""
    first, second = SqliteStore(tmp_path / "a" / "events.sqlite"), SqliteStore(tmp_path / "b" / "events.sqlite")
    for store in (first, second):
        store_import(checked(["MLI1"], "a.csv"), store, ANALYST)
    assert first.token() != second.token()
