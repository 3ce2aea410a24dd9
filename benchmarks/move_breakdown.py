"""Where the milliseconds of a timeline move go: the floor's rerun against the time bar's paint and its later rerun.

Run: ``.venv/bin/python -m benchmarks.move_breakdown [--events 100000] [--moves 7]``. Each move is
one key press; every stamp is taken inside the page (``performance.timeOrigin + performance.now()``,
one clock for the page and the map's frame), as ms after the keydown:

- the floor (a Streamlit slider and a text): the rerun request sent (the first WebSocket frame
  sent after the key), the first and the last frame received after it (the last is Streamlit's
  "script finished"), the last DOM change painted;
- ours, on "Window end" with ``--events`` synthetic events: the map's ``setWindow`` called (in the
  key's own task), the layer's redraw done (``applied``), the map painted; then, once the bar has
  rested (about 200 ms), its report sent, the first and last frame of the rerun received, and the
  header painted. Nothing may be sent before the paint.

Prints the median of each stamp and one JSON line. ``--no-browser`` only times the CPU cost of one
rerun's map step (the base map, the layer's overlay and ``st_folium``'s rendering, the component
call stubbed) and counts the Jinja compilations in it: CPU time holds up on a busy machine where
wall-clock moves swing several-fold.
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

from benchmarks.browser_timing import FLOOR_APP, KEYDOWN_JS, OBSERVE_JS, start_server, stop, target_frame, wait_for
from benchmarks.timebar_probe import END_HANDLE, app_page, data_env, write_data_dir
from benchmarks.timebar_scripts import HEADER_AGREES_JS
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_until_healthy

NOW = "performance.timeOrigin + performance.now()"
# Before any page script: log WebSocket frames sent and received, with their time and size.
INIT_JS = f"""(() => {{
  window.__log = [];
  const Native = window.WebSocket;
  if (!Native) {{ return; }}
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {{ window.__log.push(['send', {NOW}, data.byteLength || data.length || 0]);
    return send.call(this, data); }};
  window.WebSocket = function (...args) {{
    const socket = new Native(...args);
    socket.addEventListener('message',
      (e) => window.__log.push(['recv', {NOW}, e.data.byteLength || e.data.size || 0]));
    return socket; }};
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {{CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3}});
}})();"""


# The map's layer stamps setWindow (``requested``), the end of its redraw (``applied``) and the paint.
MAP_STAMPS_JS = """(() => { const m = window.__cmMap;
  return {set_window: m.requested, redraw_done: m.applied, map_painted: m.painted}; })()"""


def _socket_stamps(log: list, after: float) -> dict:
    """The first send after ``after``, then the first and last frame received after that send."""
    sent = next((t for kind, t, _ in log if kind == "send" and t >= after), None)
    received = [(t, size) for kind, t, size in log if kind == "recv" and sent is not None and t >= sent]
    return {
        "request_sent": sent,
        "first_reply": received[0][0] if received else None,
        "script_finished": received[-1][0] if received else None,
        "bytes_received": sum(size for _, size in received),
    }


def _relative(stamps: dict, key_at: float) -> dict:
    return {name: (round(t - key_at, 1) if t and name != "bytes_received" else t) for name, t in stamps.items()}


def _medians(rows: list[dict]) -> dict:
    def median(name: str) -> float | None:
        values = [row[name] for row in rows]
        return None if None in values else round(statistics.median(values), 1)

    return {name: median(name) for name in rows[0]}


def floor_breakdown(browser, script: Path, moves: int) -> dict:
    """The floor app: each key press on its slider is a rerun; the stamps of each."""
    port = free_port()
    server = start_server(script, port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(INIT_JS)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}")
        target_frame(page, "text=Showing")
        page.wait_for_timeout(1000)
        page.evaluate(OBSERVE_JS, "[data-testid='stMain']")
        page.evaluate(KEYDOWN_JS)
        thumb, rows = page.get_by_role("slider", name="Events between — end"), []
        for index in range(moves):
            page.evaluate("window.__log = []; window.__lastChange = 0")
            thumb.press("PageDown" if index % 2 == 0 else "PageUp")
            wait_for(lambda: page.evaluate("window.__lastChange") > 0, timeout=30)
            page.wait_for_timeout(600)
            key_at = page.evaluate("window.__keydown")
            stamps = {
                **_socket_stamps(page.evaluate("window.__log"), key_at),
                "painted": page.evaluate("window.__lastChange"),
            }
            rows.append(_relative(stamps, key_at))
        context.close()
    finally:
        stop(server)
    return {"median_ms": _medians(rows), "moves": rows}


def _bar_move(page, handle, key: str) -> dict:
    """One press on the bar: the map's stamps, then the rested report's rerun and the header's paint."""
    page.evaluate("window.__log = []; window.__lastChange = 0")
    painted = page.evaluate("window.__cmMap.painted")
    handle.press(key)
    wait_for(lambda: page.evaluate("window.__cmMap.painted") > painted, timeout=60, step=0.002)
    page.wait_for_function(HEADER_AGREES_JS, timeout=120_000)
    page.wait_for_timeout(600)  # late changes land; the last one counts
    key_at = page.evaluate("window.__press")
    stamps = page.evaluate(MAP_STAMPS_JS)
    stamps.update(_socket_stamps(page.evaluate("window.__log"), key_at))
    stamps["header_painted"] = page.evaluate("window.__lastChange")
    stamps["sent_before_paint"] = sum(1 for kind, t, _ in page.evaluate("window.__log")
                                      if kind == "send" and key_at <= t < stamps["map_painted"])  # fmt: skip
    return {**_relative({k: v for k, v in stamps.items() if k != "sent_before_paint"}, key_at),
            "sent_before_paint": stamps["sent_before_paint"]}  # fmt: skip


def bar_breakdown(browser, env: dict[str, str], moves: int) -> dict:
    with app_page(browser, env, viewport=(1400, 1000), timeout=900, init_script=INIT_JS) as opened:
        page = opened.page
        page.wait_for_timeout(1000)
        page.evaluate(OBSERVE_JS, "[data-testid='stMain']")
        handle = page.get_by_role("slider", name=END_HANDLE)
        handle.focus()
        rows = [_bar_move(page, handle, "ArrowLeft" if i % 2 == 0 else "ArrowRight") for i in range(moves)]
    return {"median_ms": _medians(rows), "moves": rows}


def map_step_cpu(repeats: int = 9) -> dict:
    """Median CPU time of one rerun's map step (dashboard.py), and the Jinja compilations it makes."""
    import jinja2
    import streamlit_folium as sf

    from data.config import DATA_DIR
    from data.stores.events import open_store
    from geo.map.basemap import load_basemap
    from geo.map.build import MapOptions, build_base_map
    from geo.map.timeline_layer import timeline_data_layer
    from geo.pipeline import load_dataset

    with tempfile.TemporaryDirectory() as scratch:
        data = load_dataset(DATA_DIR, date(2026, 4, 29), "ML", open_store(f"{scratch}/s.sqlite"), Path(scratch))
    first, last = data.events["event_date"].min().date(), data.events["date_end"].max().date()
    bounds = tuple((day - date(1970, 1, 1)).days for day in (first, last, last))
    basemap = load_basemap()
    compiles, compile_original, component = [0], jinja2.Environment.compile, sf._component_func

    def counting(self, *args, **kwargs):
        compiles[0] += 1
        return compile_original(self, *args, **kwargs)

    jinja2.Environment.compile, sf._component_func = counting, lambda **kwargs: kwargs.get("default")
    try:
        times = []
        for _ in range(repeats):
            compiles[0], started = 0, time.thread_time()
            base = build_base_map(basemap, MapOptions(), timeline=bounds)
            overlays = [timeline_data_layer("/app/static/generated/timeline-0123456789abcdef.json")]
            sf.st_folium(base, key="map", height=620, feature_group_to_add=overlays, returned_objects=["last_clicked"])
            times.append((time.thread_time() - started) * 1000)
    finally:
        jinja2.Environment.compile, sf._component_func = compile_original, component
    return {"cpu_ms_median": round(statistics.median(times), 1), "jinja_compiles": compiles[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="only the map step's CPU time")
    args = parser.parse_args(argv)
    step = map_step_cpu()
    print(f"map step of one rerun: {step['cpu_ms_median']} ms CPU, {step['jinja_compiles']} Jinja compilations")
    if args.no_browser:
        print(json.dumps({"map_step": step}))
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        floor_script = Path(scratch) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        floor = floor_breakdown(browser, floor_script, args.moves)
        folder = write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), args.events)
        ours = bar_breakdown(browser, data_env(folder), args.moves)
        browser.close()
    print(f"floor (ms after keydown, median of {args.moves}): {floor['median_ms']}")
    print(f"stamp (ms after keydown, median of {args.moves}) | ours, {args.events:,} events")
    for name, value in ours["median_ms"].items():
        print(f"{name} | {value}")
    print(json.dumps({"events": args.events, "map_step": step, "floor": floor, "ours": ours}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
