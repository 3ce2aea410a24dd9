"""Browser memory of the app with a large record against an empty map: JS heap (CDP) and renderer PSS.

Run: ``.venv/bin/python -m benchmarks.browser_memory [--sizes 1000000]``. The app with each of
``--sizes`` synthetic events (``data.synthetic``) against an "empty map" (the same app with
``EMPTY`` events), each in a fresh browser and a fresh app process, measured once the map's layer
has drawn its file (``window.__cmMap.shown``) and the page has settled. ``benchmarks.responsive``
runs it too (``--memory-sizes``).

- Page memory: CDP ``Runtime.getHeapUsage`` after a forced garbage collection: the V8 heap (the
  layer's file is JSON, parsed into it), the array buffers' backing stores and the DOM's
  garbage-collected heap; their sum is ``page_total_mb``. The map's iframe is same-origin, so it
  shares the page's V8 isolate and is counted too.
- Renderer PSS: the sum of ``Pss`` (``/proc/<pid>/smaps_rollup``) over the Chromium renderer processes
  started by this benchmark: JS heap, array buffers, canvas bitmaps, DOM and decoded images.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser_timing import start_server, stop
from benchmarks.timebar_probe import data_env, write_data_dir
from benchmarks.timebar_scripts import READY_JS
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

EMPTY = 10  # the "empty map": a handful of events (the app needs at least two days for its timeline)


def _descendants(root: int) -> list[int]:
    """Process ids below ``root`` (read from /proc: only our own Chromium is below this process)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # exited meanwhile
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def renderer_pss_mb() -> float:
    """Summed proportional set size of this benchmark's Chromium renderer processes, in MB."""
    total_kb = 0
    for pid in _descendants(os.getpid()):
        try:
            if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return round(total_kb / 1024, 1)


def page_memory(page) -> dict:
    """The page's memory after a forced GC, in MB: V8 heap, array buffers, DOM heap, renderer PSS."""
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable")
    session.send("HeapProfiler.enable")
    session.send("HeapProfiler.collectGarbage")
    page.wait_for_timeout(500)
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    usage = session.send("Runtime.getHeapUsage")
    heap = {
        "js_heap_mb": usage["usedSize"],
        "array_buffers_mb": usage.get("backingStorageSize", 0),
        "dom_heap_mb": usage.get("embedderHeapUsedSize", 0),
    }
    heap = {name: round(value / 2**20, 1) for name, value in heap.items()}
    heap["page_total_mb"] = round(sum(heap.values()), 1)
    return {**heap, "renderer_pss_mb": renderer_pss_mb(), "dom_nodes": int(metrics["Nodes"])}


def measure_memory(playwright, script: Path, env: dict[str, str], timeout: float = 900) -> dict:
    """Open the app in a fresh browser; return the time from navigation to the drawn map, and its memory."""
    port = free_port()
    server = start_server(script, port, env)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=timeout)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}", timeout=timeout * 1000)
        page.wait_for_function(READY_JS, timeout=timeout * 1000)
        drawn_s = time.perf_counter() - started
        page.wait_for_timeout(2000)  # let late work (fonts, labels, a second rerun) settle
        shown = page.evaluate("window.__cmMap.shown.events")
        return {"navigate_to_drawn_s": round(drawn_s, 2), "events_in_window": shown, **page_memory(page)}
    finally:
        browser.close()
        stop(server)


def memory(playwright, scratch: Path, sizes: list[int], folders: dict[int, Path] | None = None) -> dict:
    """Browser memory of the app with each of ``sizes`` events, and of an empty map, in MB (and ratios)."""
    rows, folders = {}, folders or {}
    for count in [EMPTY, *sizes]:
        folder = folders.get(count) or write_data_dir(Path(tempfile.mkdtemp(dir=scratch)), count)
        rows[count] = measure_memory(playwright, ROOT / "dashboard.py", data_env(folder))
        print(json.dumps({"memory": {count: rows[count]}}), flush=True)
    empty = rows[EMPTY]
    for count in sizes:
        for name in ("page_total_mb", "renderer_pss_mb"):
            rows[count][f"{name}_above_empty"] = round(rows[count][name] - empty[name], 1)
            rows[count][f"{name}_ratio"] = round(rows[count][name] / empty[name], 2)
    return rows


def print_memory(rows: dict) -> None:
    names = ["js_heap_mb", "array_buffers_mb", "dom_heap_mb", "page_total_mb", "page_total_mb_above_empty"]
    names += ["page_total_mb_ratio", "renderer_pss_mb", "renderer_pss_mb_above_empty", "renderer_pss_mb_ratio"]
    print("events | navigate → drawn s | " + " | ".join(names))
    for count, row in rows.items():
        label = f"empty map ({EMPTY} events)" if count == EMPTY else f"{count:,}"
        print(" | ".join(str(c) for c in (label, row["navigate_to_drawn_s"], *(row.get(n, "-") for n in names))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        rows = memory(playwright, Path(scratch), args.sizes)
    print_memory(rows)
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
