"""Playback's real frame interval in headless Chromium, against the interval asked for.

Run: ``.venv/bin/python -m benchmarks.playback_frames [--frames 12] [--speeds 1 2 4 8]``. It starts
the app, opens it at 1280×720, and for each speed (steps per second; monthly steps) presses Play
and records, inside the page, the time each new "As of …" header is painted (one per frame), and in
the map's iframe the time its symbols change. Prints, per speed: the median interval between
frames, its ratio to the requested interval (1.0 is perfect; above means slower), and the median
lag from a header frame to the map's update. First it times one page rerun (a click on "step
back" to the new header painted), the floor no frame can beat. Then one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time

from benchmarks.browser_timing import start_server, stop
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

# In the map's iframe: times (on the shared clock) when the marker or overlay panes change.
MAP_CHANGES_JS = """() => {
  window.__mapChanges = [];
  const root = document.querySelector('.leaflet-map-pane');
  new MutationObserver(() => window.__mapChanges.push(performance.timeOrigin + performance.now()))
    .observe(root, {childList: true, subtree: true});
}"""
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
# Records, inside the page, the time and text of each new "As of …" header (one per frame).
RECORD_FRAMES_JS = """() => {
  window.__frames = [];
  const read = () => {
    const node = [...document.querySelectorAll('.st-key-stage p')].find(p => p.textContent.startsWith('As of'));
    const text = node ? node.textContent : '';
    const last = window.__frames[window.__frames.length - 1];
    if (text && (!last || last.text !== text)) window.__frames.push({t: performance.now(), text: text});
  };
  new MutationObserver(read).observe(document.body, {childList: true, subtree: true, characterData: true});
  read();
}"""


# A benchmark times the page as it is, so it polls (the tests wait with expect(), tests/browser/app_utils.py).
def wait_for(predicate, timeout: float = 60, step: float = 0.05):
    """Poll ``predicate`` until it is true; an element a rerun is replacing counts as not yet."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Error as error:  # "Frame was detached": the map's iframe was replaced (a theme change)
            if "detached" not in str(error) and "destroyed" not in str(error):
                raise
            value = None
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s")


def map_frame(page, timeout: float = 60):
    """The map's iframe once Leaflet has drawn it."""

    def find():
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!(window.map && window.map.getCenter)"):
                    return frame
            except Exception:  # a frame detached or not ready yet
                continue
        return None

    return wait_for(find, timeout)


def _set_speed(page, speed: float) -> None:
    thumb = page.locator(".st-key-playback-speed input[type='range']")
    thumb.focus()
    page.keyboard.press("Home")
    for _ in range(SPEEDS.index(speed)):
        page.keyboard.press("ArrowRight")
    thumb.evaluate("element => element.blur()")
    page.wait_for_timeout(1500)  # the speed change reruns the page once


def _play(page, frames: int) -> tuple[list[float], list[float]]:
    """Play until ``frames`` new frames are painted; return header and map change times (ms)."""
    page.evaluate(RECORD_FRAMES_JS)
    frame = map_frame(page)
    frame.evaluate(MAP_CHANGES_JS)
    toggle = page.locator(".st-key-playback-toggle:not([data-stale='true']) button").first
    toggle.click()
    wait_for(lambda: page.evaluate("window.__frames.length") > frames + 1, timeout=300)
    toggle.click()
    origin = page.evaluate("performance.timeOrigin")
    headers = [origin + f["t"] for f in page.evaluate("window.__frames")][2:]  # from the 2nd played frame
    page.wait_for_timeout(2000)  # the pause reruns the page once
    return headers, frame.evaluate("window.__mapChanges")


def rerun_floor(page, steps: int) -> float:
    """Median time from a click on "step back" to the new header painted: one page rerun.

    No playback can show frames faster than this; it is measured in the same run, under the same load.
    """
    times = []
    for _ in range(steps):
        page.evaluate(RECORD_FRAMES_JS)
        start = page.evaluate("performance.now()")
        page.locator(".st-key-playback-back:not([data-stale='true']) button").first.click()
        wait_for(lambda: page.evaluate("window.__frames.length") > 1, timeout=60)
        times.append(page.evaluate("window.__frames[1].t") - start)
        page.wait_for_timeout(300)
    return statistics.median(times)


def measure(page, speed: float, frames: int) -> dict:
    _set_speed(page, speed)
    headers, changes = _play(page, frames)
    intervals = [b - a for a, b in itertools.pairwise(headers)]
    lags = [next((c - h for c in changes if c >= h), float("nan")) for h in headers]
    median = statistics.median(intervals)
    return {
        "speed": speed,
        "requested_ms": round(1000 / speed),
        "median_ms": round(median),
        "ratio": round(median / (1000 / speed), 2),
        "min_ms": round(min(intervals)),
        "max_ms": round(max(intervals)),
        "map_lag_ms": round(statistics.median([lag for lag in lags if lag == lag])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=12)
    parser.add_argument("--speeds", type=float, nargs="+", default=[1.0, 2.0, 4.0, 8.0])
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_server(ROOT / "dashboard.py", port, {"CONFLICT_MAP_STORE": "/tmp/conflict-map-bench.sqlite"})
    results, floor = [], float("nan")
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"http://127.0.0.1:{port}")
            map_frame(page)
            time.sleep(1)
            floor = rerun_floor(page, 5)
            page.locator("label", has_text="Loop").first.click()  # never stop at the last day
            page.wait_for_timeout(1500)
            results = [measure(page, speed, args.frames) for speed in args.speeds]
            browser.close()
    finally:
        stop(server)
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")
    print(f"one page rerun (step back → header painted), median of 5: {floor:.0f} ms")
    print(f"{'steps/s':>8}{'requested ms':>14}{'median ms':>11}{'ratio':>7}{'min':>7}{'max':>7}{'map lag ms':>12}")
    for r in results:
        print(f"{r['speed']:>8}{r['requested_ms']:>14}{r['median_ms']:>11}{r['ratio']:>7}"
              f"{r['min_ms']:>7}{r['max_ms']:>7}{r['map_lag_ms']:>12}")  # fmt: skip
    print(json.dumps({"load_average": round(load, 1), "rerun_floor_ms": round(floor), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
