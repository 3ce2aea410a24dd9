"""Time bar: key press → map painted (p50/p95), playback fps, against Streamlit's floor, in one run.

Run: ``.venv/bin/python -m benchmarks.timeline_timing [--presses 60] [--events 100000] [--play 3]``
(on a quiet machine; ``--events 0`` skips the large record). Starts, each in a fresh process, the
floor app (a slider and a text, as ``benchmarks.browser_timing``), the app on the shipped data and
the app on ``--events`` synthetic events. A press is stamped at ``keydown`` in the page
(``performance.timeOrigin + event.timeStamp``); the map's layer stamps ``painted`` after the next
animation frame following its redraw (``geo/map/templates/timeline_layer.js.j2``). Prints a table
and one JSON line. Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser_timing import FLOOR_APP, measure, start_server, stop, wait_for
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

STAMP_JS = """() => { window.__press = 0; document.addEventListener('keydown',
    (e) => { window.__press = performance.timeOrigin + e.timeStamp; }, true); }"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def measure_bar(browser, env: dict[str, str], presses: int, play_seconds: float) -> dict:
    port = free_port()
    launched = time.perf_counter()
    server = start_server(ROOT / "dashboard.py", port, env)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=300)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"http://127.0.0.1:{port}")
        page.wait_for_function("() => window.__cmMap && window.__cmMap.shown && window.__cmBar", timeout=300_000)
        cold = time.perf_counter() - launched
        page.evaluate(STAMP_JS)
        handle = page.get_by_role("slider", name="Window end")
        handle.focus()
        times = []
        for index in range(presses):
            painted = page.evaluate("window.__cmMap.painted")
            handle.press("ArrowLeft" if index % 2 == 0 else "ArrowRight")
            wait_for(lambda p=painted: page.evaluate("window.__cmMap.painted") > p, timeout=30, step=0.002)
            times.append(page.evaluate("window.__cmMap.painted - window.__press"))
        # Playback at the fastest speed, one-day steps: painted frames a second.
        page.evaluate("() => { const b = window.__cmBar; b.step.value = 'day'; b.speed.value = '30'; }")
        page.evaluate("() => window.__cmBar.set(window.__cmBar.first, window.__cmBar.first, 0, 'none')")
        before = page.evaluate("window.__cmMap.frames")
        page.evaluate("window.__cmBar.playNow()")
        page.wait_for_timeout(play_seconds * 1000)
        frames = page.evaluate("(() => { window.__cmBar.pause(); return window.__cmMap.frames; })()") - before
        shown = page.evaluate("window.__cmMap.shown.events")
        page.close()
        return {
            "cold_start_s": round(cold, 2),
            "press_ms_p50": _percentile(times, 0.5),
            "press_ms_p95": _percentile(times, 0.95),
            "playback_fps": round(frames / play_seconds, 1),
            "events_in_first_window": shown,
        }
    finally:
        stop(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--play", type=float, default=3.0)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from data.config import DATA_DIR
    from data.synthetic import synthetic_events

    rows = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        floor_script = Path(folder) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        floor = measure(browser, floor_script, "text=Showing", "[data-testid='stMain']", max(3, args.presses // 10))
        rows["default data"] = measure_bar(browser, {}, args.presses, args.play)
        if args.events:
            big = Path(folder) / "big"
            big.mkdir()
            for name in ("territories.csv", "town_status.csv"):
                (big / name).write_bytes((DATA_DIR / name).read_bytes())
            synthetic_events(args.events).to_csv(big / "events.csv", index=False)
            env = {"CONFLICT_MAP_DATA_DIR": str(big), "CONFLICT_MAP_STORE": str(big / "store.sqlite")}
            rows[f"{args.events:,} events"] = measure_bar(browser, env, args.presses, args.play)
        browser.close()
    print(f"{'record':<18}{'press p50 (ms)':>16}{'press p95 (ms)':>16}{'playback fps':>14}{'cold (s)':>10}")
    print(f"{'streamlit floor':<18}{floor['move_ms_median']:>16}{'':>16}{'':>14}{floor['cold_start_s']:>10}")
    for name, row in rows.items():
        print(
            f"{name:<18}{row['press_ms_p50']:>16}{row['press_ms_p95']:>16}{row['playback_fps']:>14}{row['cold_start_s']:>10}"
        )
    print(json.dumps({"floor": floor, **rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
