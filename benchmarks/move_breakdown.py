"""Where the milliseconds of a timeline move go, for the floor app and for ours with a large record.

Run: ``.venv/bin/python -m benchmarks.move_breakdown [--events 100000] [--moves 7]``. For each
move it stamps, inside the page (``performance.timeOrigin + performance.now()``, one clock for the
page and the map's frame):

1. keydown on the slider's end handle;
2. the browser sends the rerun request (first WebSocket frame sent after the key);
3. the first and the last WebSocket frame received after it (the last one is Streamlit's "script
   finished"): the server's rerun;
4. (ours) the map's frame receives its new arguments (first ``message`` event in the frame);
5. (ours) the canvas layer's ``setRange`` starts and returns (the redraw);
6. the last DOM change, painted (next animation frame, then a task).

Prints the median of each gap and one JSON line. It also times, without a browser, the CPU cost of
one rerun's map step (base map + overlays + ``st_folium``'s rendering, the component call stubbed)
and counts the Jinja compilations in it: CPU time holds up on a busy machine where wall-clock
moves swing several-fold.
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
from benchmarks.scale import write_data_dir
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

NOW = "performance.timeOrigin + performance.now()"
# Before any page script: log WebSocket frames sent and received (top page), and messages into
# every frame (the map's iframe gets its arguments by postMessage).
INIT_JS = f"""(() => {{
  window.__log = [];
  const Native = window.WebSocket;
  if (Native) {{
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
  }}
  window.addEventListener('message', () => window.__log.push(['message', {NOW}, 0]), true);
}})();"""
WRAP_RANGE_JS = f"""() => {{
  const original = cmEvents.setRange;
  cmEvents.setRange = function (a, b) {{ const t = {NOW}; original(a, b);
    window.__log.push(['draw', t, 0]); window.__log.push(['drawn', {NOW}, 0]); }};
}}"""


def _first(log: list, kind: str, after: float) -> float | None:
    return next((t for k, t, _ in log if k == kind and t >= after), None)


def _gaps(page, frame, key: str, thumb) -> dict:
    """One move: the stamps, as gaps in ms from the key press."""
    page.evaluate("window.__log = []")
    frame.evaluate("window.__log = []; window.__lastChange = 0")
    thumb.press(key)
    wait_for(lambda: frame.evaluate("window.__lastChange") > 0, timeout=30)
    page.wait_for_timeout(600)
    key_at = page.evaluate("window.__keydown")
    top, inner = page.evaluate("window.__log"), frame.evaluate("window.__log")
    sent = _first(top, "send", key_at)
    received = [t for k, t, _ in top if k == "recv" and sent is not None and t >= sent]
    stamps = {
        "request_sent": sent,
        "first_reply": received[0] if received else None,
        "script_finished": received[-1] if received else None,
        "frame_args": _first(inner, "message", key_at) if frame != page.main_frame else None,
        "redraw_start": _first(inner, "draw", key_at),
        "redraw_end": _first(inner, "drawn", key_at),
        "painted": frame.evaluate("window.__lastChange"),
        "bytes_received": sum(size for k, t, size in top if k == "recv" and sent is not None and t >= sent),
    }
    return {name: (round(t - key_at, 1) if t and name != "bytes_received" else t) for name, t in stamps.items()}


def breakdown(browser, script: Path, ready: str, observed: str, moves: int, env=None) -> dict:
    port = free_port()
    server = start_server(script, port, env)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=600)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(INIT_JS)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}")
        frame = target_frame(page, ready, 600)
        page.wait_for_timeout(1000)
        frame.evaluate(OBSERVE_JS, observed)
        if frame != page.main_frame:
            frame.evaluate(WRAP_RANGE_JS)
        page.evaluate(KEYDOWN_JS)
        thumb = page.get_by_role("slider", name="Events between — end")
        rows = [_gaps(page, frame, "PageDown" if i % 2 == 0 else "PageUp", thumb) for i in range(moves)]
        context.close()
    finally:
        stop(server)
    names = rows[0].keys()
    medians = {n: statistics.median(r[n] for r in rows) if rows[0][n] is not None else None for n in names}
    return {"median_ms": medians, "moves": rows}


def map_step_cpu(repeats: int = 9) -> dict:
    """Median CPU time of one rerun's map step, and the Jinja compilations it makes."""
    import jinja2
    import streamlit_folium as sf

    from data.config import DATA_DIR
    from data.stores.events import open_store
    from data.view.filters import valid_at
    from geo.map.basemap import load_basemap
    from geo.map.build import MapOptions, build_base_map, build_overlays
    from geo.pipeline import load_dataset

    with tempfile.TemporaryDirectory() as scratch:
        data = load_dataset(DATA_DIR, date(2026, 4, 29), "ML", open_store(f"{scratch}/s.sqlite"), Path(scratch))
    day, basemap = data.events["date_end"].max().date(), load_basemap()
    territories, towns = valid_at(data.territories, day), valid_at(data.towns, day)
    compiles, compile_original, component = [0], jinja2.Environment.compile, sf._component_func

    def counting(self, *args, **kwargs):
        compiles[0] += 1
        return compile_original(self, *args, **kwargs)

    jinja2.Environment.compile, sf._component_func = counting, lambda **kwargs: kwargs.get("default")
    try:
        times = []
        for _ in range(repeats):
            compiles[0], started = 0, time.thread_time()
            base = build_base_map(basemap, MapOptions(), packed_url="/app/static/generated/x.bin")
            overlays = build_overlays(data.events.iloc[:0], territories, towns, window=(date(2012, 1, 1), day))
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
    if args.no_browser:
        print(json.dumps({"map_step": map_step_cpu()}))
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        floor_script = Path(scratch) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        floor = breakdown(browser, floor_script, "text=Showing", "[data-testid='stMain']", args.moves)
        folder = write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), args.events)
        env = {"CONFLICT_MAP_DATA_DIR": str(folder), "CONFLICT_MAP_STORE": str(folder / "store.sqlite")}
        env["CONFLICT_MAP_CACHE_DIR"] = str(folder / "cache")
        ours = breakdown(
            browser, ROOT / "dashboard.py", ".cm-canvas[data-drawn]", ".leaflet-overlay-pane", args.moves, env
        )
        browser.close()
    step = map_step_cpu()
    print(f"map step of one rerun: {step['cpu_ms_median']} ms CPU, {step['jinja_compiles']} Jinja compilations")
    print(f"stamp (ms after keydown, median of {args.moves}) | floor | ours, {args.events:,} events")
    for name in ours["median_ms"]:
        print(f"{name} | {floor['median_ms'][name]} | {ours['median_ms'][name]}")
    print(json.dumps({"events": args.events, "map_step": step, "floor": floor, "ours": ours}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
