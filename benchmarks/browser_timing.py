"""Cold start and timeline-move latency of the app in headless Chromium, against Streamlit's floor.

Run: ``.venv/bin/python -m benchmarks.browser_timing [--moves 7]`` (after ``bash scripts/setup.sh
--browser``). In one run it starts (1) a floor app with only a slider and a text and (2) the real
app on the shipped data, each in a fresh process, and measures:

- cold start: process launch → map (or text) drawn in the browser (for the app: its map layer has
  drawn its file and the time bar is there);
- move: for the floor, a key press on its slider → the new text painted (a full rerun); for the
  app, a key press on the time bar's "Window end" handle → the map layer's next paint (no rerun:
  ``benchmarks.timebar_probe``), both timed inside the page; median over ``--moves`` moves.

Prints a table and one JSON line; the ratio column is app / floor. ``FLOOR_APP``, ``measure`` (the
floor and the naive app, whose slider is a Streamlit one), ``start_server``, ``stop`` and
``wait_for`` serve the other benchmarks.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

FLOOR_APP = """
import streamlit as st
value = st.slider("Events between", 0, 100, (0, 100), key="floor")
st.markdown(f"Showing {value[1] - value[0]} of 100 events")
"""
# Installed in every frame: remembers the time of the last DOM change below ``root``.
OBSERVE_JS = """(selector) => {
  const root = document.querySelector(selector) || document.body;
  window.__lastChange = 0;
  new MutationObserver(() => requestAnimationFrame(() => setTimeout(() => {
      window.__lastChange = performance.timeOrigin + performance.now(); }, 0)))
    .observe(root, {childList: true, subtree: true, characterData: true, attributes: true});
}"""
KEYDOWN_JS = """() => { window.__keydown = 0; document.addEventListener('keydown',
    () => { window.__keydown = performance.timeOrigin + performance.now(); }, true); }"""


def start_server(script: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    # PYTHONPATH: apps outside the repository root (benchmarks/naive_app.py) import our packages too.
    environment = {"CONFLICT_MAP_BASEMAP": "vector", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    """Stop a server; one busy building a huge map may ignore SIGTERM for a while, so then kill it."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def peak_memory_mb(process: subprocess.Popen) -> float:
    """Peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def wait_for(predicate, timeout: float = 60, step: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError("condition not met")


def target_frame(page, selector: str, timeout: float = 60):
    def find():
        for frame in page.frames:
            try:
                if frame.locator(selector).count():
                    return frame
            except Exception:  # detached while loading
                continue
        return None

    return wait_for(find, timeout=timeout)


def _move_in_place(page, frame, thumb, key: str) -> float:
    """One move on a map that updates in place: timed inside the page."""
    frame.evaluate("window.__lastChange = 0")
    thumb.press(key)
    wait_for(lambda: frame.evaluate("window.__lastChange") > 0, timeout=30)
    page.wait_for_timeout(400)  # let late changes land; the last one counts
    return frame.evaluate("window.__lastChange") - page.evaluate("window.__keydown")


def _move_with_remount(page, thumb, key: str, selector: str) -> float:
    """One move on a map whose iframe is replaced (the naive design): timed from here, until a new
    frame shows as many symbols as the page says are in view."""
    started = time.perf_counter()
    thumb.press(key)
    page.wait_for_timeout(50)

    def settled():
        shown = int(page.get_by_text("Showing").inner_text().split()[1].replace(",", ""))
        for frame in page.frames:
            try:
                if frame.locator(selector).count() == shown and shown > 0:
                    return True
            except Exception:  # detached while being replaced
                continue
        return False

    wait_for(settled, timeout=120, step=0.02)
    return (time.perf_counter() - started) * 1000


def measure(
    browser, script: Path, ready_selector: str, observed: str, moves: int, env=None, timeout=120, remounts=False
) -> dict:
    """Cold start and median move latency of one app, in a fresh server process."""
    port = free_port()
    launched = time.perf_counter()
    server = start_server(script, port, env)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=timeout)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}")
        frame = target_frame(page, ready_selector, timeout)
        cold = time.perf_counter() - launched
        page.wait_for_timeout(500)
        frame.evaluate(OBSERVE_JS, observed)
        page.evaluate(KEYDOWN_JS)
        thumb = page.get_by_role("slider", name="Events between — end")
        keys = ["PageDown" if index % 2 == 0 else "PageUp" for index in range(moves)]
        if remounts:
            times = [_move_with_remount(page, thumb, key, ready_selector) for key in keys]
        else:
            times = [_move_in_place(page, frame, thumb, key) for key in keys]
        page.close()
        return {
            "cold_start_s": round(cold, 2),
            "move_ms_median": round(statistics.median(times), 1),
            "move_ms": [round(t, 1) for t in times],
            "server_peak_mb": peak_memory_mb(server),
            "timing": "wall clock (iframe remounts)" if remounts else "in page",
        }
    finally:
        stop(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=7)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    # Imported here: the probe imports this module's helpers.
    from benchmarks.timebar_probe import measure_presses

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        floor_script = Path(folder) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        floor = measure(browser, floor_script, "text=Showing", "[data-testid='stMain']", args.moves)
        bar = measure_presses(browser, {}, args.moves)
        browser.close()
    app = {
        "cold_start_s": bar["cold_start_s"],
        "move_ms_median": round(statistics.median(bar["press_ms"]), 1),
        "move_ms": bar["press_ms"],
        "server_peak_mb": bar["server_peak_mb"],
        "timing": "in page: keydown on the time bar → map painted",
    }
    ratio = round(app["move_ms_median"] / floor["move_ms_median"], 2)
    print(f"{'design':<28}{'cold start (s)':>16}{'move median (ms)':>18}{'ratio':>8}")
    print(f"{'streamlit floor':<28}{floor['cold_start_s']:>16}{floor['move_ms_median']:>18}{1.0:>8}")
    print(f"{'conflict map (default data)':<28}{app['cold_start_s']:>16}{app['move_ms_median']:>18}{ratio:>8}")
    print(json.dumps({"floor": floor, "app": app, "move_ratio": ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
