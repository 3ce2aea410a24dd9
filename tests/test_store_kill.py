"""kill -9 during a write, 10 times on each store, never leaves a partial batch (keep this test).

A child process writes a 20,000-row batch; the parent kills it with SIGKILL at a random moment of
the write. Afterwards the store opens, reads, and holds each batch whole or not at all, and lists the
batch's record exactly when its rows are stored (the record is part of the same transaction).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from data.stores.events import open_store
from tests.conftest import ROOT

BATCH = 20_000
KILLS = 10
CHILD = """
import sys
import pandas as pd
from data.access.roles import Role, Writer
from data.stores.events import COLUMNS, NewBatch, open_store
store, prefix, count = open_store(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rows = pd.DataFrame({name: ["1"] * count for name in COLUMNS})
rows["event_id_cnty"] = [f"{prefix}-{i}" for i in range(count)]
rows["imported_from"] = f"acled: {prefix}.csv"
store.read()  # the schema is in place before the timed part
print("writing", flush=True)
batch = NewBatch.now(f"{prefix}.csv", "acled", count, 0, "killed")
store.write(rows, writer=Writer("killed", Role.ANALYST), batch=batch)
print("done", flush=True)
"""


def batch_sizes(location: str) -> dict[str, int]:
    stored = open_store(location).read()
    return stored["event_id_cnty"].str.rsplit("-", n=1).str[0].value_counts().to_dict()


def listed_files(location: str) -> set[str]:
    return {batch["file"].removesuffix(".csv") for batch in open_store(location).batches()}


def kill_during_writes(location: str) -> tuple[int, int]:
    """Kill KILLS writers mid-write; returns (batches lost whole, batches that completed)."""
    rng = random.Random(20261207)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    lost = landed = 0
    for attempt in range(KILLS):
        prefix = f"K{attempt}"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, location, prefix, str(BATCH)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert child.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0.0, 0.6))  # somewhere inside the write (it takes about a second here)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        sizes = batch_sizes(location)
        assert sizes.get(prefix, 0) in (0, BATCH), f"attempt {attempt}: {sizes.get(prefix)} of {BATCH} rows"
        lost, landed = lost + (prefix not in sizes), landed + (prefix in sizes)
        assert (prefix in listed_files(location)) == (prefix in sizes), f"attempt {attempt}: record and rows disagree"
    assert all(size == BATCH for size in batch_sizes(location).values())
    return lost, landed


def test_kill_during_sqlite_writes_never_leaves_a_partial_batch(tmp_path):
    lost, _landed = kill_during_writes(str(tmp_path / "events.sqlite"))
    assert lost > 0  # at least some kills did land inside a write


def test_kill_during_postgis_writes_never_leaves_a_partial_batch(postgis_server):
    from tests.postgis import fresh_database

    lost, _landed = kill_during_writes(fresh_database(postgis_server, "killed"))
    assert lost > 0
