"""Import speed: the whole import (chunks, country check, provenance) against bare validation.

    .venv/bin/python -m benchmarks.import_speed [--rows 20000 100000]

The baseline, timed in the same process, is what the import did before chunks: ``from_acled`` then
``validate_events`` over the whole file. Numbers are medians of three runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from data.access.roles import command_line_writer
from data.io.formats import from_acled
from data.io.read import read_incoming
from data.io.run import prepare_import, store_import
from data.stores.events import COLUMNS, open_store
from data.synthetic import synthetic_acled_export
from data.validation.validate import validate_events


def median_seconds(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(rows: int) -> dict:
    frame, faults = synthetic_acled_export(rows)
    content = frame.to_csv(index=False).encode()
    nothing = pd.DataFrame(columns=COLUMNS, dtype=str)
    incoming = read_incoming(content, "bench.csv")
    baseline = median_seconds(lambda: validate_events(from_acled(incoming.raw), "bench.csv"))
    read = median_seconds(lambda: read_incoming(content, "bench.csv"))
    prepare = median_seconds(lambda: prepare_import(incoming, nothing))
    result = prepare_import(incoming, nothing)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        start = time.perf_counter()
        store_import(result, store, command_line_writer())
        write = time.perf_counter() - start
    return {"rows": rows, "faults": len(faults), "rejected": len(result.rejected), "read": read,
            "baseline": baseline, "prepare": prepare, "write": write}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000])
    args = parser.parse_args()
    print("| rows | read | validate only (baseline) | whole check | × baseline | store write | rejected |")
    print("|---|---|---|---|---|---|---|")
    for rows in args.rows:
        m = measure(rows)
        print(
            f"| {m['rows']:,} | {m['read']:.2f} s | {m['baseline']:.2f} s | {m['prepare']:.2f} s | "
            f"{m['prepare'] / m['baseline']:.1f} | {m['write']:.2f} s | {m['rejected']} of {m['faults']} injected |"
        )


if __name__ == "__main__":
    main()
