"""The time bar in a live page, as the benchmarks drive it. Nothing here asserts a target.

The page exposes ``window.__cmBar`` (``components/timebar_frontend/timebar.js``) and
``window.__cmMap`` (the map's layer, ``geo/map/templates/timeline_layer.js.j2``): ``set``,
``playNow``, ``pause``, ``window``, ``painted``, ``frames``, ``shown``. This module opens the app in
a fresh server process, times a key press on a handle to the map painted, plays, counts the
WebSocket messages (decoded with Streamlit's own protobufs) and checks the header after the
debounce. ``benchmarks.timeline_timing``, ``browser_timing``, ``scale``, ``playback_frames``,
``move_breakdown`` and ``responsive`` use it.
"""

from __future__ import annotations

import contextlib
import itertools
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.browser_timing import peak_memory_mb, start_server, stop, wait_for
from benchmarks.timebar_scripts import HEADER_AGREES_JS, PAINTS_JS, PLAY_SETUP_JS, READY_JS, STAMP_JS, WATCH_SENDS_JS
from tests.browser.conftest import ROOT, free_port, wait_until_healthy

END_HANDLE = "Window end"


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank), rounded to 0.1; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def write_data_dir(folder: Path, count: int) -> Path:
    """``folder`` with ``count`` synthetic events (``data.synthetic``) and the shipped territories and towns."""
    from data.config import DATA_DIR
    from data.synthetic import synthetic_events

    for name in ("territories.csv", "town_status.csv"):
        (folder / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(count).to_csv(folder / "events.csv", index=False)
    return folder


def data_env(folder: Path) -> dict[str, str]:
    """The app's settings for the data in ``folder``: its own store and validated-events cache."""
    return {
        "CONFLICT_MAP_DATA_DIR": str(folder),
        "CONFLICT_MAP_STORE": str(folder / "store.sqlite"),
        "CONFLICT_MAP_CACHE_DIR": str(folder / "cache"),
    }


def _kind(message_class, payload) -> str:
    """The ``type`` of one WebSocket frame (a Streamlit ``BackMsg`` or ``ForwardMsg``)."""
    if isinstance(payload, str):
        return "text"
    message = message_class()
    try:
        message.ParseFromString(payload)
    except Exception:  # not one of Streamlit's messages
        return "unknown"
    return message.WhichOneof("type") or "empty"


class Messages:
    """One page's Streamlit WebSocket traffic, decoded: reruns asked for and runs finished.

    Playwright delivers the frames to Python while it waits on the page, so read the counts after
    a wait (``page.wait_for_timeout``), not in the middle of a fast loop.
    """

    def __init__(self, page) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.sent: list[str] = []
        self.received: list[tuple[str, int]] = []
        page.on("websocket", lambda socket: self._watch(socket, BackMsg, ForwardMsg))

    def _watch(self, socket, back, forward) -> None:
        socket.on("framesent", lambda payload: self.sent.append(_kind(back, payload)))
        socket.on("framereceived", lambda payload: self.received.append((_kind(forward, payload), len(payload))))

    def reruns(self) -> int:
        """Reruns the page has asked for (``BackMsg.rerun_script``)."""
        return self.sent.count("rerun_script")

    def finished(self) -> int:
        """Runs the server has finished (``ForwardMsg.script_finished``)."""
        return sum(1 for kind, _ in self.received if kind == "script_finished")

    def bytes_received(self) -> int:
        return sum(size for _, size in self.received)


@dataclass
class Opened:
    """A page on a freshly started app, its map drawn and its bar ready."""

    page: object
    messages: Messages
    cold_start_s: float
    server: object


@contextlib.contextmanager
def app_page(browser, env: dict[str, str], viewport=(1280, 720), timeout: float = 300, init_script: str = ""):
    """Start the app in a fresh process, open it, wait for the drawn map; yields ``Opened``.

    Cold start: from the process launch to the map's layer having drawn its file (``shown``) and
    the bar being there. The probes (press stamps, paint stamps, sends) are installed at once;
    ``init_script`` runs in every frame before the page's own scripts. Without a store in ``env``
    the app gets an empty scratch store and cache, so the user's own events never join the record.
    """
    scratch = tempfile.TemporaryDirectory(prefix="conflict-map-bench-")
    own = {"CONFLICT_MAP_STORE": f"{scratch.name}/store.sqlite", "CONFLICT_MAP_CACHE_DIR": f"{scratch.name}/cache"}
    env = {**own, **env}
    port = free_port()
    launched = time.perf_counter()
    server = start_server(ROOT / "dashboard.py", port, env)
    page = None
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server, timeout=timeout)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        messages = Messages(page)
        if init_script:
            page.add_init_script(init_script)
        page.goto(f"http://127.0.0.1:{port}", timeout=timeout * 1000)
        page.wait_for_function(READY_JS, timeout=timeout * 1000)
        cold = round(time.perf_counter() - launched, 2)
        for script_js in (STAMP_JS, PAINTS_JS, WATCH_SENDS_JS):
            page.evaluate(script_js)
        yield Opened(page, messages, cold, server)
    finally:
        if page is not None:
            page.close()
        stop(server)
        scratch.cleanup()


def press_to_paint(page, handle, key: str) -> float:
    """Press ``key`` on ``handle``; ms from the keydown to the map's next paint (one clock, in the page)."""
    painted = page.evaluate("window.__cmMap.painted")
    handle.press(key)
    wait_for(lambda: page.evaluate("window.__cmMap.painted") > painted, timeout=60, step=0.002)
    return page.evaluate("window.__cmMap.painted - window.__press")


def presses(page, count: int, keys=("ArrowLeft", "ArrowRight")) -> list[float]:
    """``count`` presses on the window's end handle, alternating ``keys``: ms from each keydown to its paint."""
    handle = page.get_by_role("slider", name=END_HANDLE)
    handle.focus()
    return [round(press_to_paint(page, handle, keys[index % len(keys)]), 1) for index in range(count)]


def sends_between_input_and_paint(page) -> dict:
    """WebSocket sends counted from each ``setWindow`` (the input's task) to that window's paint."""
    counts = page.evaluate("window.__sendsBeforePaint")
    return {"inputs": len(counts), "sent_before_paint": sum(counts)}


def rest_after_burst(page, messages: Messages, burst: int = 5, rest_s: float = 2.0) -> dict:
    """Press ← ``burst`` times in a row, then rest: the reruns that follow (one expected) and the header.

    Waits first for the page to be quiet. ``longest_gap_ms`` is the longest time between two
    keydowns of the burst: above the bar's idle delay (200 ms) a report may go out mid-burst.
    """
    page.wait_for_timeout(rest_s * 1000)
    reruns, finished = messages.reruns(), messages.finished()
    received = messages.bytes_received()
    handle = page.get_by_role("slider", name=END_HANDLE)
    handle.focus()
    page.evaluate("window.__keydowns = []")
    for _ in range(burst):
        handle.press("ArrowLeft")
    page.wait_for_function(HEADER_AGREES_JS, timeout=120_000)
    page.wait_for_timeout(rest_s * 1000)  # a late second report would show here
    gaps = page.evaluate("window.__keydowns.slice(1).map((t, i) => t - window.__keydowns[i])")
    return {
        "reruns_after_rest": messages.reruns() - reruns,
        "runs_finished": messages.finished() - finished,
        "bytes_received": messages.bytes_received() - received,
        "header_agrees": bool(page.evaluate(HEADER_AGREES_JS)),
        "longest_gap_ms": round(max(gaps, default=0.0), 1),
    }


def play(page, messages: Messages, seconds: float, speed: str = "30", step: str = "day") -> dict:
    """Play from the record's first day for ``seconds``: painted frames a second, their jitter, reruns a second.

    Loop is on, so a short record never stops the run. Frame intervals are between successive
    paints of the map's layer; ``jitter_ms`` is their p95 minus their median (one frame at 60 Hz is
    16.7 ms). ``reruns_per_s`` counts the reruns the page asked for while playing.
    """
    page.evaluate(PLAY_SETUP_JS, [speed, step])
    page.wait_for_timeout(1500)  # earlier reports and their reruns settle first
    reruns = messages.reruns()
    page.evaluate("() => { window.__cmMap.__paints.length = 0; window.__cmBar.playNow(); }")
    page.wait_for_timeout(seconds * 1000)
    paints = page.evaluate("() => { window.__cmBar.pause(); return window.__cmMap.__paints.slice(); }")
    reruns = messages.reruns() - reruns
    page.wait_for_timeout(500)  # the pause's own report is not playback's
    intervals = [b - a for a, b in itertools.pairwise(paints)]
    span_s = (paints[-1] - paints[0]) / 1000 if len(paints) > 1 else float("nan")
    median = statistics.median(intervals) if intervals else float("nan")
    return {
        "speed": float(speed),
        "asked_ms": round(1000 / float(speed), 1),
        "frames": len(paints),
        "fps": round(len(intervals) / span_s, 1) if intervals else 0.0,
        "interval_ms_p50": round(median, 1),
        "interval_ms_p95": percentile(intervals, 0.95),
        "interval_ms_std": round(statistics.pstdev(intervals), 1) if intervals else float("nan"),
        "interval_ms_max": round(max(intervals), 1) if intervals else float("nan"),
        "jitter_ms": round(percentile(intervals, 0.95) - median, 1) if intervals else float("nan"),
        "reruns_per_s": round(reruns / seconds, 2),
    }


def measure_presses(browser, env: dict[str, str], count: int, timeout: float = 300) -> dict:
    """Cold start and press → painted of the app on ``env``'s data, in a fresh process."""
    with app_page(browser, env, timeout=timeout) as opened:
        times = presses(opened.page, count)
        shown = opened.page.evaluate("window.__cmMap.shown.events")
        peak = peak_memory_mb(opened.server)
    return {
        "cold_start_s": opened.cold_start_s,
        "press_ms_p50": percentile(times, 0.5),
        "press_ms_p95": percentile(times, 0.95),
        "press_ms": times,
        "events_in_window": shown,
        "server_peak_mb": peak,
    }
