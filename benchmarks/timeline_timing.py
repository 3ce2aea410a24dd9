"""Time bar against issue 16's targets: press → painted, playback fps and jitter, reruns, the floor.

Run: ``.venv/bin/python -m benchmarks.timeline_timing [--presses 60] [--events 100000 1000000]
[--play 3]`` (on a quiet machine; ``--events`` with no size, or ``0``, runs the shipped data only).
Starts, each in a fresh process, the floor app (a slider and a text, as ``benchmarks.browser_timing``),
the app on the shipped data and the app on each ``--events`` count of synthetic events
(``data.synthetic``). For each record, in one page (``benchmarks.timebar_probe``):

- press → painted: keydown on "Window end" (the event's own stamp) to the map layer's next paint,
  p50/p95 over ``--presses``;
- WebSocket messages sent between an input and its paint (counted in the page; 0 expected);
- a burst of five presses, then rest: the reruns the page asks for after it (1 expected), and
  whether the header ("Showing N of … events: start – end") then agrees with the map;
- playback at 30 one-day steps a second for ``--play`` s: painted frames a second, the frame
  interval's p50/p95/std and jitter (p95 − p50; one frame is 16.7 ms), reruns a second (at most
  one expected).

Prints a table and one JSON line. Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.browser_timing import FLOOR_APP, measure
from benchmarks.record import record as record_run  # "record" names a table row here
from benchmarks.timebar_probe import (
    app_page,
    data_env,
    percentile,
    play,
    presses,
    rest_after_burst,
    sends_between_input_and_paint,
    write_data_dir,
)
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

COLUMNS = (
    ("press p50", "press_ms_p50"),
    ("press p95", "press_ms_p95"),
    ("sent<paint", "sent_before_paint"),
    ("reruns/rest", "reruns_after_rest"),
    ("header ok", "header_agrees"),
    ("fps", "fps"),
    ("jitter", "jitter_ms"),
    ("int. std", "interval_ms_std"),
    ("reruns/s", "reruns_per_s"),
    ("cold s", "cold_start_s"),
)


def measure_bar(browser, env: dict[str, str], count: int, play_seconds: float) -> dict:
    """Every measure above for the app on ``env``'s data, in one fresh process and page."""
    with app_page(browser, env, timeout=900) as opened:
        page = opened.page
        times = presses(page, count)
        rest = rest_after_burst(page, opened.messages)
        # Over the presses and the burst: an input itself sends nothing before its paint. While
        # playing, the bar reports once a second by design, and that send may fall inside a frame.
        sends = sends_between_input_and_paint(page)
        playing = play(page, opened.messages, play_seconds)
        sends["sent_while_playing"] = (
            sends_between_input_and_paint(page)["sent_before_paint"] - sends["sent_before_paint"]
        )
        shown = page.evaluate("window.__cmMap.shown.events")
    return {
        "cold_start_s": opened.cold_start_s,
        "press_ms_p50": percentile(times, 0.5),
        "press_ms_p95": percentile(times, 0.95),
        "press_ms": times,
        **sends,
        **rest,
        **playing,
        "events_in_last_window": shown,
    }


def print_table(floor: dict, rows: dict[str, dict]) -> None:
    print(f"{'record':<18}" + "".join(f"{title:>12}" for title, _ in COLUMNS))
    floor_cells = {"press_ms_p50": floor["move_ms_median"], "cold_start_s": floor["cold_start_s"]}
    print(f"{'streamlit floor':<18}" + "".join(f"{floor_cells.get(name, ''):>12}" for _, name in COLUMNS))
    for record, row in rows.items():
        print(f"{record:<18}" + "".join(f"{row[name]!s:>12}" for _, name in COLUMNS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--events", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--play", type=float, default=3.0)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        floor_script = Path(folder) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        floor = measure(browser, floor_script, "text=Showing", "[data-testid='stMain']", max(3, args.presses // 10))
        rows["default data"] = measure_bar(browser, {}, args.presses, args.play)
        for count in [size for size in args.events if size > 0]:
            big = write_data_dir(Path(tempfile.mkdtemp(dir=folder)), count)
            rows[f"{count:,} events"] = measure_bar(browser, data_env(big), args.presses, args.play)
            print(json.dumps({count: rows[f"{count:,} events"]}), flush=True)
        browser.close()
    print_table(floor, rows)
    print(json.dumps({"floor": floor, **rows}))
    record_run("timeline_timing", vars(args), {"floor": floor, **rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
