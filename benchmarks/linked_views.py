"""How much the table and charts cost per view, and what they send to the browser.

``python -m benchmarks.linked_views [--sizes 1000 100000 1000000] [--naive-max 100000]``. Seeded
synthetic events (``data.synthetic``), validated as the app does. For each size it prints, for the
whole record in view: the time of the table rows (first 1,000, newest first), each chart's
aggregation, the precise-only count, and the Arrow bytes of what Streamlit would send. The floor is
counting the window on numpy arrays (``window_mask``). The integer codes the charts count on are
built once per dataset version (timed apart). The naive baseline builds the table of every
event in view (what ``st.dataframe(events)`` would ship), run up to ``--naive-max`` events.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import numpy as np
import pyarrow as pa

from data.synthetic import synthetic_events
from data.validation.validate import validate_events
from data.view.aggregate import (
    event_codes,
    monthly_fatalities,
    precise_only_hides,
    top_actors,
    weekly_counts,
    weekly_dating,
)
from data.view.filters import EventFilter, window_mask
from geo.map.table import table_rows


def timed(function, *args, repeat: int = 3) -> tuple[object, float]:
    """Result and median seconds of ``repeat`` calls."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def arrow_bytes(frame) -> int:
    """Size of ``frame`` as an Arrow IPC stream (how Streamlit ships a dataframe or chart data)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.tell()


def measure(count: int, naive_max: int) -> dict:
    events = validate_events(synthetic_events(count), "events.csv").kept
    window = EventFilter(events["event_date"].min().date(), events["date_end"].max().date())
    in_view, floor_s = timed(lambda: window_mask(events, window) & np.ones(len(events), dtype=bool))
    codes, codes_s = timed(event_codes, events, repeat=1)  # once per dataset version in the app
    steps = {
        "table": lambda: table_rows(events, in_view).rows,
        "weekly": lambda: weekly_counts(events, in_view, codes),
        "monthly": lambda: monthly_fatalities(events, in_view, codes),
        "actors": lambda: top_actors(events, in_view, codes=codes),
        "strip": lambda: weekly_dating(events, in_view, codes),
    }
    result = {"events": count, "floor_ms": floor_s * 1000, "codes_ms": codes_s * 1000}
    sent = 0
    for name, step in steps.items():
        frame, seconds = timed(step)
        result[f"{name}_ms"] = seconds * 1000
        sent += arrow_bytes(frame)
    result["precise_count_ms"] = timed(precise_only_hides, events, window)[1] * 1000
    result["sent_kb"] = sent / 1024
    result["ours_ms"] = sum(result[f"{name}_ms"] for name in steps)
    if count <= naive_max:
        rows, naive_s = timed(lambda: table_rows(events, in_view, limit=count).rows, repeat=1)
        result.update(naive_ms=naive_s * 1000, naive_kb=arrow_bytes(rows) / 1024)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--naive-max", type=int, default=100_000)
    args = parser.parse_args(argv)
    print("| events | codes (once) | floor | table | weekly | monthly | actors | strip | precise count | all views "
          "| × floor | sent | naive table | naive sent |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for count in args.sizes:
        r = measure(count, args.naive_max)
        naive = (f"{r['naive_ms']:,.0f} ms", f"{r['naive_kb']:,.0f} KB") if "naive_ms" in r else ("not run",) * 2
        print(
            f"| {count:,} | {r['codes_ms']:.0f} ms | {r['floor_ms']:.1f} ms | {r['table_ms']:.0f} ms "
            f"| {r['weekly_ms']:.0f} ms "
            f"| {r['monthly_ms']:.0f} ms | {r['actors_ms']:.0f} ms | {r['strip_ms']:.0f} ms "
            f"| {r['precise_count_ms']:.0f} ms | {r['ours_ms']:.0f} ms | {r['ours_ms'] / r['floor_ms']:.0f} "
            f"| {r['sent_kb']:,.0f} KB | {naive[0]} | {naive[1]} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
