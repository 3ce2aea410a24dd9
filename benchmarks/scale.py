"""Scale benchmark: our design vs the naive one vs Streamlit's floor, from 1k to 1M events.

Run: ``.venv/bin/python -m benchmarks.scale [--sizes 1000 10000 100000 1000000] [--moves 5]
[--naive-max 10000] [--no-browser]``. Seeded synthetic ACLED-like events inside Mali's bounding
box (``data.synthetic``). For each size it prints, server side: first load (read + validate),
filter time (median of 7 windows), map build time and bytes sent per timeline move; browser side
(headless Chromium, fresh app process): cold start to a drawn map, median move → painted, peak
app memory; and the ratio of each move to the floor measured in the same run. The naive design
(one folium.Marker per event, map rebuilt every rerun) runs up to ``--naive-max`` events: beyond,
its per-event cost measured at the largest size it ran is extrapolated and marked so.
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

from benchmarks.browser_timing import FLOOR_APP, measure
from data.config import DATA_DIR
from data.stores.shipped import read_table
from data.synthetic import synthetic_events
from data.validation.validate import validate_events
from data.view.filters import EventFilter, apply_filter
from geo.map.assets import local_assets
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map, build_map, build_overlays, uses_canvas
from geo.map.packed import pack_events
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT

WINDOWS = [(date(2012 + k, 1, 1), date(2014 + k, 6, 30)) for k in range(7)]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def write_data_dir(folder: Path, count: int) -> Path:
    for name in ("territories.csv", "town_status.csv"):
        (folder / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(count).to_csv(folder / "events.csv", index=False)
    return folder


def server_side(folder: Path, naive: bool) -> dict:
    events, load_s = timed(lambda: validate_events(read_table(folder / "events.csv"), "events.csv").kept)
    filter_s = statistics.median(timed(apply_filter, events, EventFilter(*w))[1] for w in WINDOWS)
    # The page opens on the whole record: that is the view both designs draw first.
    basemap, assets = load_basemap(), local_assets()
    window = (events["event_date"].min().date(), events["date_end"].max().date())
    empty = events.iloc[:0]

    canvas = uses_canvas(len(events))  # as the app decides: rich symbols up to the threshold

    def ours():
        packed = "/app/static/generated/x.bin" if canvas else None
        base = build_base_map(basemap, MapOptions(), assets, packed_url=packed)
        visible = apply_filter(events, EventFilter(*window))
        groups = build_overlays(visible, empty, empty, assets, window=window if canvas else None)
        script = sf._get_map_string(base)
        return script, "".join(sf._get_feature_group_string(g, base, i) for i, g in enumerate(groups))

    (script, per_move), build_s = timed(ours)
    result = {
        "events": len(events),
        "first_load_s": round(load_s, 2),
        "filter_ms": round(filter_s * 1000, 1),
        "build_ms": round(build_s * 1000, 1),
        "bytes_per_move": len(per_move),
        "first_bytes": len(script) + len(pack_events(events)),
    }
    if naive:
        visible = apply_filter(events, EventFilter(*window))
        fmap, naive_s = timed(lambda: build_map(visible, empty, empty, basemap, MapOptions(), assets))
        naive_script, naive_render_s = timed(sf._get_map_string, fmap)
        result.update(
            {
                "naive_build_ms": round((naive_s + naive_render_s) * 1000, 1),
                "naive_bytes_per_move": len(naive_script),
                "naive_events_drawn": len(visible),
            }
        )
    return result


def browser_side(browser, folder: Path, count: int, naive: bool, floor_ms: float, moves: int) -> dict:
    env = {"CONFLICT_MAP_DATA_DIR": str(folder), "CONFLICT_MAP_STORE": str(folder / "store.sqlite")}
    canvas = uses_canvas(count)
    ready = ".cm-canvas[data-drawn]" if canvas else ".leaflet-marker-pane .cm-event"
    observed = ".leaflet-overlay-pane" if canvas else ".leaflet-marker-pane"
    env["CONFLICT_MAP_CACHE_DIR"] = str(folder / "cache")
    # First launch validates the file (and fills the validated-events cache); the second is a
    # later cold start, which is what users see day to day. Moves are timed on the second.
    first = measure(browser, ROOT / "dashboard.py", ready, observed, 1, env, timeout=600)
    ours = measure(browser, ROOT / "dashboard.py", ready, observed, moves, env, timeout=600)
    ours["cold_start_first_s"] = first["cold_start_s"]
    result = {"ours": ours, "ours_ratio": round(ours["move_ms_median"] / floor_ms, 2)}
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
        for count in args.sizes:
            folder = write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), count)
            naive = count <= args.naive_max
            row = server_side(folder, naive)
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
    header = (
        "events",
        "load s",
        "filter ms",
        "build ms",
        "B/move",
        "move ms",
        "×floor",
        "cold s (first run)",
        "peak MB",
        "naive build ms",
        "naive B/move",
        "naive move ms",
        "naive ×floor",
    )
    print(" | ".join(header))
    for count, row in report["sizes"].items():
        ours, naive = row.get("ours", {}), row.get("naive", {})
        cells = (
            count,
            row["first_load_s"],
            row["filter_ms"],
            row["build_ms"],
            row["bytes_per_move"],
            ours.get("move_ms_median", "-"),
            row.get("ours_ratio", "-"),
            f"{ours.get('cold_start_s', '-')} ({ours.get('cold_start_first_s', '-')})",
            ours.get("server_peak_mb", "-"),
            row.get("naive_build_ms", "-"),
            row.get("naive_bytes_per_move", "-"),
            naive.get("move_ms_median", "-"),
            row.get("naive_ratio", "-"),
        )
        print(" | ".join(str(c) for c in cells))


if __name__ == "__main__":
    sys.exit(main())
