"""Scale benchmark: our design vs the naive one vs Streamlit's floor, from 1k to 1M events.

Run: ``.venv/bin/python -m benchmarks.scale [--sizes 1000 10000 100000 1000000] [--moves 5]
[--naive-max 10000] [--no-browser]``. Seeded synthetic ACLED-like events inside Mali's bounding
box (``data.synthetic``). For each size it prints, server side: first load (read + validate),
filter time (median of 7 windows), the map layer's file (``geo.map.timeline_layer``: build time
and bytes, fetched once per set of attribute filters) and the map's arguments of a rerun (build
time and bytes; the same on every rerun, the window is not in them); browser side (headless
Chromium, fresh app processes, ``benchmarks.timebar_probe``): cold start to a drawn map, the first
time and with the validated-events cache warm; key press on the time bar → map painted (median
and p95, no rerun) and its ratio to the floor's move (a full rerun) measured in the same run; the
bytes received for the one rerun after a rest; peak app memory. The naive design (one
folium.Marker per event, map rebuilt every rerun, a Streamlit slider) runs up to ``--naive-max``
events.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import streamlit_folium as sf

from benchmarks.browser_timing import FLOOR_APP, measure, peak_memory_mb
from benchmarks.timebar_probe import app_page, data_env, percentile, presses, rest_after_burst, write_data_dir
from data.config import DATA_DIR
from data.stores.shipped import read_table
from data.validation.validate import validate_events
from data.view.filters import EventFilter, window_mask
from geo.map.assets import local_assets
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map, build_map
from geo.map.timeline_layer import timeline_data_layer, timeline_payload
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT

WINDOWS = [(date(2012 + k, 1, 1), date(2014 + k, 6, 30)) for k in range(7)]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def shipped_versions() -> tuple:
    """The shipped territory and town-status versions, as the page loads them."""
    from data.stores.events import open_store
    from geo.pipeline import load_dataset

    with tempfile.TemporaryDirectory() as scratch:
        data = load_dataset(DATA_DIR, date(2026, 4, 29), "ML", open_store(f"{scratch}/s.sqlite"), Path(scratch))
    return data.territories, data.towns


def server_side(folder: Path, naive: bool, versions: tuple) -> dict:
    events, load_s = timed(lambda: validate_events(read_table(folder / "events.csv"), "events.csv").kept)
    filter_s = statistics.median(timed(window_mask, events, EventFilter(*w))[1] for w in WINDOWS)
    basemap, assets = load_basemap(), local_assets()
    first, last = events["event_date"].min().date(), events["date_end"].max().date()
    payload, payload_s = timed(lambda: json.dumps(timeline_payload(events, *versions), separators=(",", ":")))

    def map_arguments():  # what st_folium renders on every rerun (dashboard.py)
        bounds = tuple((day - date(1970, 1, 1)).days for day in (first, last, last))
        base = build_base_map(basemap, MapOptions(), assets, timeline=bounds)
        group = timeline_data_layer("/app/static/generated/timeline-0123456789abcdef.json")
        return sf._get_map_string(base) + sf._get_feature_group_string(group, base, 0)

    script, map_s = timed(map_arguments)
    result = {
        "events": len(events),
        "first_load_s": round(load_s, 2),
        "filter_ms": round(filter_s * 1000, 1),
        "layer_file_ms": round(payload_s * 1000, 1),
        "layer_file_bytes": len(payload.encode("utf-8")),
        "map_args_ms": round(map_s * 1000, 1),
        "map_args_bytes": len(script),
    }
    if naive:
        empty = events.iloc[:0]
        fmap, naive_s = timed(lambda: build_map(events, empty, empty, basemap, MapOptions(), assets))
        naive_script, naive_render_s = timed(sf._get_map_string, fmap)
        result.update(
            {
                "naive_build_ms": round((naive_s + naive_render_s) * 1000, 1),
                "naive_bytes_per_move": len(naive_script),
                "naive_events_drawn": len(events),
            }
        )
    return result


def ours(browser, env: dict[str, str], moves: int) -> dict:
    """The app on ``env``'s data: a first launch (validates, fills the cache), then a warm one, timed."""
    with app_page(browser, env, timeout=900) as first:
        pass
    with app_page(browser, env, timeout=900) as opened:
        times = presses(opened.page, moves)
        rest = rest_after_burst(opened.page, opened.messages)
        peak = peak_memory_mb(opened.server)
    return {
        "cold_start_s": opened.cold_start_s,
        "cold_start_first_s": first.cold_start_s,
        "move_ms_median": round(statistics.median(times), 1),
        "move_ms_p95": percentile(times, 0.95),
        "move_ms": times,
        "bytes_per_rerun": rest["bytes_received"],
        "reruns_after_rest": rest["reruns_after_rest"],
        "server_peak_mb": peak,
    }


def browser_side(browser, folder: Path, count: int, naive: bool, floor_ms: float, moves: int) -> dict:
    env = data_env(folder)
    mine = ours(browser, env, moves)
    result = {"ours": mine, "ours_ratio": round(mine["move_ms_median"] / floor_ms, 2)}
    if naive:
        # Streamlit serves static/ beside the main script: run the baseline from the repository root.
        script = ROOT / "_naive_app_benchmark.py"
        script.write_text((ROOT / "benchmarks" / "naive_app.py").read_text())
        try:
            baseline = measure(
                browser, script, ".cm-event", ".leaflet-marker-pane", moves, env, timeout=600, remounts=True
            )
        finally:
            script.unlink()
        result.update({"naive": baseline, "naive_ratio": round(baseline["move_ms_median"] / floor_ms, 2)})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--moves", type=int, default=5)
    parser.add_argument("--naive-max", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    report = {"sizes": {}}
    with tempfile.TemporaryDirectory() as scratch:
        floor_script = Path(scratch) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        browser = playwright = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            report["floor"] = measure(browser, floor_script, "text=Showing", "[data-testid='stMain']", args.moves)
        versions = shipped_versions()
        for count in args.sizes:
            folder = write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), count)
            naive = count <= args.naive_max
            row = server_side(folder, naive, versions)
            if browser is not None:
                row.update(browser_side(browser, folder, count, naive, report["floor"]["move_ms_median"], args.moves))
            report["sizes"][count] = row
            print(json.dumps({count: row}), flush=True)
        if browser is not None:
            browser.close()
            playwright.stop()
    print_table(report)
    print(json.dumps(report))
    return 0


def print_table(report: dict) -> None:
    floor = report.get("floor", {})
    if floor:
        print(f"floor (slider + text): move {floor['move_ms_median']} ms, cold start {floor['cold_start_s']} s")
    header = ("events", "load s", "filter ms", "layer file ms", "layer file B", "map args ms", "map args B",
              "press ms (p95)", "×floor", "B/rerun", "cold s (first run)", "peak MB",
              "naive build ms", "naive B/move", "naive move ms", "naive ×floor")  # fmt: skip
    print(" | ".join(header))
    for count, row in report["sizes"].items():
        mine, naive = row.get("ours", {}), row.get("naive", {})
        cells = (
            count,
            row["first_load_s"],
            row["filter_ms"],
            row["layer_file_ms"],
            row["layer_file_bytes"],
            row["map_args_ms"],
            row["map_args_bytes"],
            f"{mine.get('move_ms_median', '-')} ({mine.get('move_ms_p95', '-')})",
            row.get("ours_ratio", "-"),
            mine.get("bytes_per_rerun", "-"),
            f"{mine.get('cold_start_s', '-')} ({mine.get('cold_start_first_s', '-')})",
            mine.get("server_peak_mb", "-"),
            row.get("naive_build_ms", "-"),
            row.get("naive_bytes_per_move", "-"),
            naive.get("move_ms_median", "-"),
            row.get("naive_ratio", "-"),
        )
        print(" | ".join(str(c) for c in cells))


if __name__ == "__main__":
    sys.exit(main())
