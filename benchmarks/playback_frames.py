"""Playback in headless Chromium: painted frames a second, frame jitter and server reruns a second, per speed.

Run: ``.venv/bin/python -m benchmarks.playback_frames [--seconds 4] [--speeds 1 4 8 30]
[--step day] [--events 100000]`` (``--events 0``: the shipped data). It starts the app in a fresh
process, opens it at 1280×720 and, for each speed (steps a second, as the time bar's "Speed"
offers), plays from the record's first day with Loop on (``benchmarks.timebar_probe.play``) and
records, in the page, each paint of the map's layer. Per speed it prints: the interval asked for,
painted frames a second, the frame interval's median, p95, standard deviation and maximum, jitter
(p95 − median; one frame at 60 Hz is 16.7 ms) and the reruns the page asked the server for a
second (the bar reports about once a second while playing; the first report goes out as playback
starts, so a short run counts it too). Then the WebSocket messages sent between a frame's input and
its paint (0 expected), and one JSON line.

The server-driven playback this benchmark used to time (a rerun per frame, its interval against
the one asked for, the header's lag to the map) is gone: frames never wait for the server now.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.timebar_probe import app_page, data_env, play, sends_between_input_and_paint, write_data_dir
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

SPEEDS = ("0.5", "1", "2", "4", "8", "30")  # the bar's "Speed" options (components/timebar_frontend/)
COLUMNS = ("speed", "asked_ms", "fps", "interval_ms_p50", "interval_ms_p95", "interval_ms_std", "interval_ms_max",
           "jitter_ms", "reruns_per_s")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--speeds", nargs="+", default=["1", "4", "8", "30"], choices=SPEEDS)
    parser.add_argument("--step", default="day", choices=("day", "week", "month", "year"))
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        env = data_env(write_data_dir(Path(scratch), args.events)) if args.events else {}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        with app_page(browser, env, timeout=900) as opened:
            results = [play(opened.page, opened.messages, args.seconds, speed, args.step) for speed in args.speeds]
            sends = sends_between_input_and_paint(opened.page)
        browser.close()
    load = os.getloadavg()[0]
    record = f"{args.events:,} synthetic events" if args.events else "the shipped data"
    print(f"{record}, {args.step} steps, {args.seconds} s a speed; load average (1 min) at the end: {load:.1f}")
    print(" | ".join(COLUMNS))
    for row in results:
        print(" | ".join(str(row[name]) for name in COLUMNS))
    print(f"WebSocket messages sent between an input and its paint: {sends['sent_before_paint']}", end="")
    print(f" over {sends['inputs']} inputs")
    print(json.dumps({"events": args.events, "load_average": round(load, 1), "results": results, **sends}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
