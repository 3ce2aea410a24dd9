"""Is the app responsive with a large record in a real browser? And what does it cost in browser memory?

Run: ``.venv/bin/python -m benchmarks.responsive [--events 200000] [--memory-sizes 200000 1000000]``
(after ``bash scripts/setup.sh --browser``). Seeded synthetic events (``data.synthetic``), headless
Chromium, fresh app processes. In one run it measures:

- Streamlit's floor: a slider move in an app with only a slider and a text;
- with ``--events`` loaded: cold start to a drawn map; slider move → map painted at the overview
  and zoomed into Kidal; each zoom step (a click on Leaflet's "+" → the canvas redrawn and painted,
  Leaflet's 0.25 s zoom animation included), the redraws it caused, and one redraw alone; a click
  on an event → its details painted under the map. Screenshots at the overview and at zoom 11 go to test-artifacts/;
- browser memory (``benchmarks.browser_memory``) of the app with each of ``--memory-sizes`` events
  against an empty map (the same app with ``EMPTY`` events, drawn as rich symbols).

Times are taken inside the page (``performance.timeOrigin + performance.now()``; painted = the next
animation frame, then a task). Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser_memory import measure_memory
from benchmarks.browser_timing import (
    FLOOR_APP,
    KEYDOWN_JS,
    OBSERVE_JS,
    _move_in_place,
    measure,
    start_server,
    stop,
    target_frame,
    wait_for,
)
from benchmarks.scale import write_data_dir
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

READY = ".cm-canvas[data-drawn]"
KIDAL = (18.44345, 1.40921)  # lat, lon (Leaflet's order)
HIGH_ZOOM = 11
EMPTY = 10  # the "empty map": a handful of events (the app needs at least two days for its timeline)
NOW_JS = "performance.timeOrigin + performance.now()"
# In the map's frame: the time of the last mouse press, and of the paint after each zoomend (our
# listener is added after the canvas layer's, so it runs once the layer has redrawn).
PROBES_JS = f"""() => {{
  window.__pressed = 0; window.__zoomed = 0; window.__mountProbe = 'still here';
  document.addEventListener('mousedown', () => {{ window.__pressed = {NOW_JS}; }}, true);
  map_div.on('zoomend', () => requestAnimationFrame(() => setTimeout(() => {{ window.__zoomed = {NOW_JS}; }}, 0)));
  window.__redraws = 0;  // every redraw of the canvas layer sets data-drawn
  new MutationObserver((records) => {{ window.__redraws += records.length; }})
    .observe(document.querySelector('canvas.cm-canvas'), {{attributes: true, attributeFilter: ['data-drawn']}});
}}"""
REDRAW_JS = "() => { const t = performance.now(); cmEvents.redraw(); return performance.now() - t; }"
# Container points of events in the window, away from the controls, each with no other within 12 px.
TARGETS_JS = """() => {
  const d = cmEvents.data, r = cmEvents.range, s = 256 * Math.pow(2, map_div.getZoom());
  const o = map_div.getPixelBounds().min, size = map_div.getSize(), points = [];
  for (let i = 0; i < d.x.length; i++) {
    if (d.start[i] > r[1] || d.end[i] < r[0]) continue;
    const x = d.x[i] * s - o.x, y = d.y[i] * s - o.y;
    if (x > -20 && y > -20 && x < size.x + 20 && y < size.y + 20) points.push([x, y]);
  }
  return points.filter(([x, y]) => x > 120 && y > 160 && x < size.x - 260 && y < size.y - 80 &&
    points.every(([u, v]) => (u === x && v === y) || (u - x) ** 2 + (v - y) ** 2 > 144));
}"""


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _moves(page, frame, count: int) -> list[float]:
    thumb = page.get_by_role("slider", name="Events between — end")
    return [_move_in_place(page, frame, thumb, "PageDown" if i % 2 == 0 else "PageUp") for i in range(count)]


def _zoom_steps(page, frame, levels: int) -> list[dict]:
    """Click Leaflet's "+" ``levels`` times: time to the redrawn canvas, and the redraw alone."""
    steps = []
    for _ in range(levels):
        frame.evaluate("window.__zoomed = 0; window.__redraws = 0")
        frame.locator("a.leaflet-control-zoom-in").click()
        wait_for(lambda: frame.evaluate("window.__zoomed") > 0, timeout=30)
        zoom_ms = frame.evaluate("window.__zoomed - window.__pressed")
        page.wait_for_timeout(300)
        redraws = frame.evaluate("window.__redraws")
        redraw_ms = statistics.median(frame.evaluate(REDRAW_JS) for _ in range(3))
        zoom = frame.evaluate("map_div.getZoom()")
        drawn = int(frame.locator(READY).get_attribute("data-drawn"))
        steps.append({"zoom": zoom, "zoom_ms": round(zoom_ms, 1), "redraws": redraws, "redraw_ms": round(redraw_ms, 1)})
        steps[-1]["drawn"] = drawn
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
        times.append(page.evaluate("window.__lastChange") - frame.evaluate("window.__pressed"))
    return times


def _shoot(page, frame, name: str) -> str:
    path = ARTIFACTS / name
    frame.frame_element().screenshot(path=str(path))
    return str(path.relative_to(ROOT))


def responsiveness(browser, folder: Path, args) -> dict:
    """Everything a user does with the large record loaded, in one app process and one page."""
    env = {"CONFLICT_MAP_DATA_DIR": str(folder), "CONFLICT_MAP_STORE": str(folder / "store.sqlite")}
    env["CONFLICT_MAP_CACHE_DIR"] = str(folder / "cache")
    port, launched = free_port(), time.perf_counter()
    server = start_server(ROOT / "dashboard.py", port, env)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=600)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}")
        frame = target_frame(page, READY, 600)
        result = {"cold_start_s": round(time.perf_counter() - launched, 2)}
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(exist_ok=True)
        result["overview_png"] = _shoot(page, frame, f"responsive-{args.events}-overview.png")
        frame.evaluate(OBSERVE_JS, ".leaflet-overlay-pane")
        frame.evaluate(PROBES_JS)
        page.evaluate(KEYDOWN_JS)
        result["move_overview_ms"] = [round(t, 1) for t in _moves(page, frame, args.moves)]
        frame.evaluate(f"map_div.setView({list(KIDAL)}, map_div.getZoom(), {{animate: false}})")
        result["zoom_steps"] = _zoom_steps(page, frame, HIGH_ZOOM - frame.evaluate("map_div.getZoom()"))
        result["zoomed_png"] = _shoot(page, frame, f"responsive-{args.events}-zoom{HIGH_ZOOM}.png")
        result["move_zoomed_ms"] = [round(t, 1) for t in _moves(page, frame, args.moves)]
        result["click_details_ms"] = [round(t, 1) for t in _clicks(page, frame, args.clicks)]
        page.screenshot(path=str(ARTIFACTS / f"responsive-{args.events}-details.png"), full_page=True)
        result["remounted"] = frame.is_detached() or frame.evaluate("window.__mountProbe") != "still here"
        page.close()
        return result
    finally:
        stop(server)


def memory(playwright, scratch: Path, sizes: list[int], folders: dict[int, Path]) -> dict:
    """Browser memory of the app with each of ``sizes`` events, and of an empty map, in MB."""
    rows = {}
    for count in [EMPTY, *sizes]:
        folder = folders.get(count) or write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), count)
        env = {"CONFLICT_MAP_DATA_DIR": str(folder), "CONFLICT_MAP_STORE": str(folder / "store.sqlite")}
        env["CONFLICT_MAP_CACHE_DIR"] = str(folder / "cache")
        ready = READY if count > EMPTY else ".leaflet-marker-pane .cm-event"
        rows[count] = measure_memory(playwright, ROOT / "dashboard.py", ready, env)
        print(json.dumps({"memory": {count: rows[count]}}), flush=True)
    empty = rows[EMPTY]
    for count in sizes:
        for name in ("page_total_mb", "renderer_pss_mb"):
            rows[count][f"{name}_above_empty"] = round(rows[count][name] - empty[name], 1)
            rows[count][f"{name}_ratio"] = round(rows[count][name] / empty[name], 2)
    return rows


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
    for label, name in (("slider move → map painted, overview", "move_overview_ms"),
                        ("slider move → map painted, zoom 11", "move_zoomed_ms"),
                        ("click on an event → details painted", "click_details_ms")):  # fmt: skip
        median = _median(app[name])
        print(f"{label} | {median} | {round(median / floor, 2)} | {app[name]}")
    print("zoom | click + → painted (ms) | redraws | one canvas redraw (ms) | events in window")
    for step in app["zoom_steps"]:
        print(f"{step['zoom']} | {step['zoom_ms']} | {step['redraws']} | {step['redraw_ms']} | {step['drawn']}")


def print_memory(rows: dict) -> None:
    names = ["js_heap_mb", "array_buffers_mb", "dom_heap_mb", "page_total_mb", "page_total_mb_above_empty"]
    names += ["page_total_mb_ratio", "renderer_pss_mb", "renderer_pss_mb_above_empty", "renderer_pss_mb_ratio"]
    print("events | navigate → drawn s (first launch) | " + " | ".join(names))
    for count, row in rows.items():
        label = f"empty map ({EMPTY} events)" if count == EMPTY else f"{count:,}"
        print(" | ".join(str(c) for c in (label, row["navigate_to_drawn_s"], *(row.get(n, "-") for n in names))))


if __name__ == "__main__":
    sys.exit(main())
