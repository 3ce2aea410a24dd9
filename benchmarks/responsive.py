"""Is the app responsive with a large record in a real browser? And what does it cost in browser memory?

Run: ``.venv/bin/python -m benchmarks.responsive [--events 200000] [--memory-sizes 200000 1000000]``
(after ``bash scripts/setup.sh --browser``). Seeded synthetic events (``data.synthetic``), headless
Chromium, fresh app processes. In one run it measures:

- Streamlit's floor: a slider move in an app with only a slider and a text (a full rerun);
- with ``--events`` loaded: cold start to a drawn map; a key press on the time bar's "Window end"
  → the map painted (``benchmarks.timebar_probe``; no rerun) at the overview and zoomed into Kidal;
  each zoom step (a click on Leaflet's "+" → the layer redrawn and painted, Leaflet's 0.25 s zoom
  animation included), the layer's redraws it caused, one redraw alone, and how many events are in
  view (rich symbols up to 300, dots above); a click on an event → its details painted under the
  map. Screenshots at the overview and at zoom 11 go to test-artifacts/;
- browser memory (``benchmarks.browser_memory``) of the app with each of ``--memory-sizes`` events
  against an empty map.

Times are taken inside the page (``performance.timeOrigin + performance.now()``; painted = the next
animation frame, then a task). Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.browser_memory import memory, print_memory
from benchmarks.browser_timing import FLOOR_APP, OBSERVE_JS, measure, target_frame, wait_for
from benchmarks.timebar_probe import app_page, data_env, presses, write_data_dir
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, ROOT

KIDAL = (18.44345, 1.40921)  # lat, lon (Leaflet's order)
HIGH_ZOOM = 11
NOW_JS = "performance.timeOrigin + performance.now()"
# In the map's frame: the time of the last mouse press, and of the paint after each zoomend (our
# listener is added after the layer's, so its frame comes after the layer's redraw).
PROBES_JS = f"""() => {{
  window.__pressed = 0; window.__zoomed = 0; window.__mountProbe = 'still here';
  document.addEventListener('mousedown', () => {{ window.__pressed = {NOW_JS}; }}, true);
  map_div.on('zoomend', () => requestAnimationFrame(() => setTimeout(() => {{ window.__zoomed = {NOW_JS}; }}, 0)));
}}"""
REDRAW_JS = "() => { const t = performance.now(); cmTimeline.redraw(); return performance.now() - t; }"
# Container points of events in the window, away from the controls, each with no other within 12 px.
TARGETS_JS = """() => {
  const e = cmTimeline.data.events, [start, end] = cmTimeline.window, size = map_div.getSize(), points = [];
  for (let i = 0; i < e.first.length; i++) {
    if (e.first[i] > end || e.last[i] < start) continue;
    const p = map_div.latLngToContainerPoint([e.lat[i], e.lon[i]]);
    if (p.x > -20 && p.y > -20 && p.x < size.x + 20 && p.y < size.y + 20) points.push([p.x, p.y]);
  }
  return points.filter(([x, y]) => x > 120 && y > 160 && x < size.x - 260 && y < size.y - 80 &&
    points.every(([u, v]) => (u === x && v === y) || (u - x) ** 2 + (v - y) ** 2 > 144));
}"""


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _zoom_steps(frame, levels: int) -> list[dict]:
    """Click Leaflet's "+" ``levels`` times: time to the redrawn layer painted, and one redraw alone."""
    steps = []
    for _ in range(levels):
        frames = frame.evaluate("window.__zoomed = 0; cmTimeline.frames")
        frame.locator("a.leaflet-control-zoom-in").click()
        wait_for(lambda: frame.evaluate("window.__zoomed") > 0, timeout=60)
        zoom_ms = frame.evaluate("window.__zoomed - window.__pressed")
        frame.wait_for_timeout(300)
        redraws = frame.evaluate("cmTimeline.frames") - frames
        redraw_ms = statistics.median(frame.evaluate(REDRAW_JS) for _ in range(3))
        shown = frame.evaluate("cmTimeline.shown")
        steps.append({"zoom": frame.evaluate("map_div.getZoom()"), "zoom_ms": round(zoom_ms, 1),
                      "redraws": redraws, "redraw_ms": round(redraw_ms, 1), "in_view": shown["inView"],
                      "rich": shown["rich"]})  # fmt: skip
    return steps


def _clicks(page, frame, count: int) -> list[float]:
    """Click ``count`` separate events; time from the press to the details under the map painted."""
    targets = frame.evaluate(TARGETS_JS)
    if len(targets) < count:
        raise RuntimeError(f"only {len(targets)} isolated events in view; {count} needed")
    chosen = [targets[i * len(targets) // count] for i in range(count)]
    page.evaluate(OBSERVE_JS, "[data-testid='stMain']")
    times = []
    for x, y in chosen:
        frame.evaluate("map_div.closePopup()")
        page.evaluate("window.__lastChange = 0")
        frame.locator(".leaflet-container").click(position={"x": x, "y": y})
        wait_for(lambda: page.evaluate("window.__lastChange") > frame.evaluate("window.__pressed"), timeout=60)
        page.get_by_text("Selected event").wait_for(timeout=60_000)
        page.wait_for_timeout(800)  # let the rerun finish; the last change counts
        times.append(round(page.evaluate("window.__lastChange") - frame.evaluate("window.__pressed"), 1))
    return times


def _shoot(frame, name: str) -> str:
    path = ARTIFACTS / name
    frame.frame_element().screenshot(path=str(path))
    return str(path.relative_to(ROOT))


def responsiveness(browser, folder: Path, args) -> dict:
    """Everything a user does with the large record loaded, in one app process and one page."""
    with app_page(browser, data_env(folder), viewport=(1400, 1000), timeout=900) as opened:
        page = opened.page
        frame = target_frame(page, "canvas.cm-canvas", 60)
        result = {"cold_start_s": opened.cold_start_s}
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(exist_ok=True)
        result["overview_png"] = _shoot(frame, f"responsive-{args.events}-overview.png")
        frame.evaluate(PROBES_JS)
        result["move_overview_ms"] = presses(page, args.moves)
        frame.evaluate(f"map_div.setView({list(KIDAL)}, map_div.getZoom(), {{animate: false}})")
        result["zoom_steps"] = _zoom_steps(frame, HIGH_ZOOM - frame.evaluate("map_div.getZoom()"))
        result["zoomed_png"] = _shoot(frame, f"responsive-{args.events}-zoom{HIGH_ZOOM}.png")
        result["move_zoomed_ms"] = presses(page, args.moves)
        result["click_details_ms"] = _clicks(page, frame, args.clicks)
        page.screenshot(path=str(ARTIFACTS / f"responsive-{args.events}-details.png"), full_page=True)
        result["remounted"] = frame.is_detached() or frame.evaluate("window.__mountProbe") != "still here"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000, help="record size for the responsiveness run (0: skip)")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[200_000, 1_000_000])
    parser.add_argument("--moves", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    report, folders = {"events": args.events}, {}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        if args.events:
            folders[args.events] = write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), args.events)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            floor_script = Path(scratch) / "floor_app.py"
            floor_script.write_text(FLOOR_APP)
            report["floor"] = measure(browser, floor_script, "text=Showing", "[data-testid='stMain']", args.moves)
            report["app"] = responsiveness(browser, folders[args.events], args)
            browser.close()
            print(json.dumps({"responsiveness": report}), flush=True)
        if args.memory_sizes:
            report["memory"] = memory(playwright, Path(scratch), args.memory_sizes, folders)
    if "app" in report:
        print_responsiveness(report)
    if "memory" in report:
        print_memory(report["memory"])
    print(json.dumps(report))
    return 0


def print_responsiveness(report: dict) -> None:
    floor, app = report["floor"]["move_ms_median"], report["app"]
    print(f"{report['events']:,} events: cold start {app['cold_start_s']} s; remounted: {app['remounted']}")
    print("action | median ms | × floor | all (ms)")
    print(f"floor: slider move → text | {floor} | 1.0 | {report['floor']['move_ms']}")
    for label, name in (("time bar press → map painted, overview", "move_overview_ms"),
                        ("time bar press → map painted, zoom 11", "move_zoomed_ms"),
                        ("click on an event → details painted", "click_details_ms")):  # fmt: skip
        median = _median(app[name])
        print(f"{label} | {median} | {round(median / floor, 2)} | {app[name]}")
    print("zoom | click + → painted (ms) | redraws | one redraw (ms) | events in view | rich symbols")
    for s in app["zoom_steps"]:
        print(f"{s['zoom']} | {s['zoom_ms']} | {s['redraws']} | {s['redraw_ms']} | {s['in_view']} | {s['rich']}")


if __name__ == "__main__":
    sys.exit(main())
