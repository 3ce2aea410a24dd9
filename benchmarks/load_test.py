"""Load test (not a test): N browser sessions moving the timeline and M importers, for a bounded time.

Run on a quiet machine: ``.venv/bin/python -m benchmarks.load_test [--sessions 20] [--importers 2]
[--seconds 120] [--rows 2000] [--pace-ms 250] [--server-cpus 0] [--browser-cpus 1]``. It starts the
app on loopback with a fresh SQLite store, opens ``--sessions`` pages in one headless Chromium (its
own CPUs, apart from the server's, via ``sched_setaffinity``), and in each page presses ←/→ on the
time bar's end handle, ``--pace-ms`` apart, timing each move inside the page (keydown → the map
layer's ``painted`` stamp); every tenth move it rests until the server's rerun has brought the
header to the bar's window. Meanwhile ``--importers`` processes run ``python -m data import`` on
``--rows``-row ACLED files with ids of their own, one after another, into the same store. Pages are
opened one by one first (not timed); the bounded window starts when all are open.

Reports p50/p95 of a window update, the number of moves, errors (a page showing an exception or
``database is locked``, a move that never settled, an import that failed) and whether every row an
import reported stored is in the store at the end ("nothing lost"). One JSON line at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser_timing import start_server, stop
from benchmarks.record import record
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_until_healthy

# The time bar's end handle (components/timebar_frontend/), found by CSS: a role-and-name lookup walks
# the page's accessibility tree on every use, which on twenty pages sharing one core is the load
# generator's own cost, not the app's.
HANDLE = "[role='slider'][data-part='end']"
# A page in trouble: an exception box, or the store's lock message (textContent: no layout forced).
TROUBLE_JS = """() => !!document.querySelector("[data-testid='stException']")
    || document.body.textContent.includes("database is locked")"""
IMPORT_ROWS = 2_000
# The header agrees with the bar: its sentence ends with the window's end day ("– 14 Nov 2023").
HEADER_AGREES_JS = """() => {
  const day = new Date(window.__cmBar.window[1] * 864e5);
  const month = day.toLocaleString("en-GB", {month: "short", timeZone: "UTC"});
  const end = `– ${day.getUTCDate()} ${month} ${day.getUTCFullYear()}`;
  return [...document.querySelectorAll("[data-testid='stMarkdownContainer']")]
    .some((e) => e.innerText.includes("Showing") && e.innerText.includes(end));
}"""
PRESS_JS = """() => { window.__press = 0; document.addEventListener('keydown',
    (e) => { window.__press = performance.timeOrigin + e.timeStamp; }, true); }"""


def cpus(text: str | None) -> set[int] | None:
    return {int(part) for part in text.split(",")} if text else None


async def open_session(browser, url: str):
    """A page with its map drawn and its time bar ready (not timed: the window starts once all are open)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(url, timeout=300_000)
    await page.wait_for_function("() => window.__cmMap && window.__cmMap.shown && window.__cmBar", timeout=300_000)
    await page.evaluate(PRESS_JS)
    return context, page


async def one_move(page, handle, key: str) -> float:
    """Press ``key`` on the time bar's handle; the in-page time from keydown to the map painted (ms)."""
    painted = await page.evaluate("window.__cmMap.painted")
    # Focus the handle and press the key as a reader's keyboard would: Locator.press first waits for
    # the element to be "stable" over animation frames, which 20 pages on one core do not give it in
    # 30 s (9 of 20 sessions timed out there, not in the app).
    await handle.evaluate("h => { if (document.activeElement !== h) h.focus(); }")
    await page.keyboard.press(key)
    await page.wait_for_function("(p) => window.__cmMap.painted > p", arg=painted, timeout=30_000)
    return await page.evaluate("window.__cmMap.painted - window.__press")


async def session(opened, until: float, record: tuple[list, list, list], number: int, pace_s: float):
    """Move the window a day back and forth until ``until``, ``pace_s`` between presses; the server learns each rest."""
    context, page = opened
    moves, errors, reruns = record
    handle = page.locator(HANDLE)
    step = 0
    try:
        while time.monotonic() < until:
            # Ten days back, rest, ten days forward, rest: each rest needs the server's rerun.
            moves.append(await one_move(page, handle, "ArrowLeft" if step // 10 % 2 == 0 else "ArrowRight"))
            step += 1
            await asyncio.sleep(pace_s)  # a reader's pace between presses (0: as fast as the page allows)
            if step % 10 == 0:  # the debounced report reaches the server, whose rerun redraws the header
                await page.wait_for_function(HEADER_AGREES_JS, timeout=60_000)
                reruns[number] += 1
            if await page.evaluate(TROUBLE_JS):
                errors.append(f"session {number}: the page shows an error")
                break
    except Exception as error:
        errors.append(f"session {number}: {type(error).__name__}: {error}"[:300])
    finally:
        await context.close()


def acled_file(folder: Path, prefix: str, rows: int) -> Path:
    import pandas as pd

    from tests.test_import import ACLED_ROW

    path = folder / f"{prefix}.csv"
    pd.DataFrame([{**ACLED_ROW, "event_id_cnty": f"{prefix}-{i}"} for i in range(rows)]).to_csv(path, index=False)
    return path


async def importer(number: int, folder: Path, env: dict, until: float, stored: dict, errors: list[str], rows: int):
    round_ = 0
    while time.monotonic() < until:
        prefix = f"LOAD{number}x{round_}"
        path = acled_file(folder, prefix, rows)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "data", "import", str(path), cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await process.communicate()
        try:
            report = json.loads(out)
            stored[prefix] = report["written"]
            if report.get("error") or report["written"] != rows:
                errors.append(f"importer {number}: {report.get('error') or report['written']} of {rows}")
        except (ValueError, KeyError):
            errors.append(f"importer {number}: no JSON report ({out[:200]!r})")
        round_ += 1


async def run(args) -> dict:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        store = folder / "events.sqlite"
        env = {"CONFLICT_MAP_STORE": str(store), "CONFLICT_MAP_CACHE_DIR": str(folder / "cache")}
        port = free_port()
        server = start_server(ROOT / "dashboard.py", port, env)
        if args.server_cpus:
            os.sched_setaffinity(server.pid, cpus(args.server_cpus))
        if args.browser_cpus:
            os.sched_setaffinity(0, cpus(args.browser_cpus))  # Chromium, started below, inherits this
        moves: list[float] = []
        errors: list[str] = []
        stored: dict[str, int] = {}
        reruns = [0] * args.sessions
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=180)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                url = f"http://127.0.0.1:{port}"
                opened = []
                for _ in range(args.sessions):  # one at a time: a cold start per page is not what is measured
                    opened.append(await open_session(browser, url))
                until = time.monotonic() + args.seconds
                import_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
                pace = args.pace_ms / 1000
                jobs = [session(o, until, (moves, errors, reruns), n, pace) for n, o in enumerate(opened)]
                writers = range(args.importers)
                jobs += [importer(n, folder, import_env, until, stored, errors, args.rows) for n in writers]
                await asyncio.gather(*jobs)
                await browser.close()
        finally:
            stop(server)
        from data.stores.events import open_store

        held = open_store(str(store)).read()["event_id_cnty"].str.rsplit("-", n=1).str[0].value_counts().to_dict()
        lost = {
            prefix: (written, held.get(prefix, 0))
            for prefix, written in stored.items()
            if held.get(prefix, 0) != written
        }
    ordered = sorted(moves)
    return {
        "sessions": args.sessions, "importers": args.importers, "seconds": args.seconds, "rows": args.rows,
        "pace_ms": args.pace_ms,
        "moves": len(moves), "imports": len(stored),
        "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
        "p95_ms": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 1) if ordered else None,
        "settled_reruns": sum(reruns),
        "errors": errors, "lost": lost, "server_cpus": args.server_cpus, "browser_cpus": args.browser_cpus,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--importers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=120)
    # Every import grows the record every page reloads: 2,000 rows a round is 48,000 events in 2 min.
    parser.add_argument("--rows", type=int, default=IMPORT_ROWS, help="rows per imported file")
    # A reader presses an arrow key a few times a second and looks; 0 presses as fast as each page
    # paints, which with 20 pages on one core measures that core's saturation, not a reader's wait.
    parser.add_argument("--pace-ms", type=float, default=250, help="pause between one session's presses")
    parser.add_argument("--server-cpus", help="e.g. 0 or 0,1: the server process's CPUs")
    parser.add_argument("--browser-cpus", help="e.g. 2,3: Chromium's CPUs (and this script's)")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    print(f"{result['moves']} moves in {args.sessions} sessions, {result['imports']} imports by {args.importers}")
    print(f"window update p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms; {len(result['errors'])} error(s)")
    print(f"nothing lost: {not result['lost']}")
    print(json.dumps(result))
    record("load_test", vars(args), result)
    return 0 if not result["errors"] and not result["lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
