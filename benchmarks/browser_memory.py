"""Browser-side memory of a page: the JS heap (CDP) and the renderer processes' proportional set size.

Used by ``benchmarks.responsive``: the app with N events against an "empty map" (the same app with
a handful of events, drawn as rich symbols) in the same run, each in a fresh browser and a fresh app process.

- Page memory: CDP ``Runtime.getHeapUsage`` after a forced garbage collection: the V8 heap, the
  array buffers' backing stores (the packed events live there, outside the V8 heap) and the DOM's
  garbage-collected heap; their sum is ``page_total_mb``. The map's iframe is same-origin, so it
  shares the page's V8 isolate and is counted too.
- Renderer PSS: the sum of ``Pss`` (``/proc/<pid>/smaps_rollup``) over the Chromium renderer processes
  started by this benchmark: JS heap, array buffers, canvas bitmaps, DOM and decoded images.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.browser_timing import start_server, stop, target_frame
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_until_healthy


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


def measure_memory(playwright, script: Path, ready: str, env: dict[str, str], timeout: float = 600) -> dict:
    """Open the app in a fresh browser; return the time from navigation to ``ready`` and its memory."""
    port = free_port()
    server = start_server(script, port, env)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=timeout)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}")
        target_frame(page, ready, timeout)
        drawn_s = time.perf_counter() - started
        page.wait_for_timeout(2000)  # let late work (fonts, labels, a second rerun) settle
        return {"navigate_to_drawn_s": round(drawn_s, 2), **page_memory(page)}
    finally:
        browser.close()
        stop(server)
