"""Server time of each part of the page, per run, on the default data (``AppTest``, no browser).

Run: ``.venv/bin/python -m benchmarks.section_timing [--moves 7]``. Every function the page calls
from ``components`` (and the few ``geo``/``data`` functions it calls itself) is wrapped in a timer;
a call made inside another timed call counts for the outer one only, so the parts add up to the
run. Measured, in one process:

- imports: loading the page's modules once (part of a real server's cold start, outside any run);
- the first run (loads and caches the data, builds every part);
- a timeline move: the run that follows the time bar's report of a new window (its end a year back,
  then forward again), median over ``--moves`` runs. The bar moves the map in the browser with no
  run at all; this is the one run after it rests (``BarReport`` stands in for the browser);
- the floor: an app with only a slider and a text, its move timed the same way.

Prints one table (ms per part, first run and move) and one JSON line. ``time.perf_counter`` on a
2-core shared machine: read the ratio to the floor and the share of each part, not the absolute ms.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import json
import pkgutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What dashboard.py calls outside ``components`` (module, function names).
PAGE_HELPERS = {
    "geo.map.build": ("build_base_map", "build_overlays"),
    "data.view.filters": ("attribute_mask", "window_mask", "valid_at", "describe"),
    "data.view.aggregate": ("precise_only_hides",),
    "geo.map.halos": ("focus_view",),
}
FLOOR_APP = """
import streamlit as st
value = st.slider("Events between", 0, 100, (0, 100), key="floor")
st.markdown(f"Showing {value[1] - value[0]} of 100 events")
"""


class Sections:
    """Wall time per timed function, outermost calls only (nested ones belong to their caller)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._depth = threading.local()

    def wrap(self, name: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            depth = getattr(self._depth, "n", 0)
            self._depth.n = depth + 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth.n = depth
                if depth == 0:
                    self.spent[name] += time.perf_counter() - started

        return timed

    def take(self) -> dict[str, float]:
        spent, self.spent = dict(self.spent), defaultdict(float)
        return spent


def instrument(sections: Sections) -> float:
    """Wrap the page's parts in timers; returns the seconds spent importing them."""
    import components

    started = time.perf_counter()
    modules = [importlib.import_module(f"components.{m.name}") for m in pkgutil.iter_modules(components.__path__)]
    modules += [importlib.import_module(name) for name in PAGE_HELPERS]
    imported = time.perf_counter() - started
    for module in modules:
        short = module.__name__.removeprefix("components.")
        names = PAGE_HELPERS.get(module.__name__) or [
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
        ]
        for name in names:
            setattr(module, name, sections.wrap(f"{short}.{name}", getattr(module, name)))
    return imported


def _run(at, sections: Sections) -> tuple[float, dict[str, float]]:
    sections.take()
    started = time.perf_counter()
    at.run()
    total = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception)
    return total, sections.take()


class BarReport:
    """The time bar as the browser runs it: its component returns the report given here (as tests/page.py's)."""

    def __init__(self) -> None:
        import components.timebar

        self.value: dict = {}
        self.rev = 0
        self.seq = 0
        components.timebar._bar = self._render

    def _render(self, data, **_):
        self.rev = data["rev"]
        return self.value

    def moves(self, at, sections: Sections, count: int, step) -> list[tuple[float, dict]]:
        """``count`` reports, the window's end a ``step`` back and forth; each report's run."""
        from components.timebar import day_number

        start, end = at.session_state["timeline.range"]
        runs = []
        for index in range(count):
            moved = end - step if index % 2 == 0 else end
            self.seq += 1
            days = {"start": day_number(start), "end": day_number(moved), "as_of": day_number(moved)}
            self.value = {"window": {**days, "seq": self.seq, "rev": self.rev}}
            runs.append(_run(at, sections))
        return runs


def _moves(at, sections: Sections, slider_key: str, count: int, step) -> list[tuple[float, dict]]:
    slider = at.slider(key=slider_key)
    start, end = slider.value
    runs = []
    for index in range(count):
        moved = (start, end - step) if index % 2 == 0 else (start, end)
        at.slider(key=slider_key).set_value(moved)
        runs.append(_run(at, sections))
    return runs


def floor_move_ms(count: int) -> float:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "floor_app.py"
        script.write_text(FLOOR_APP)
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()
        runs = _moves(at, Sections(), "floor", count, 10)
    return statistics.median(total for total, _ in runs) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=7)
    args = parser.parse_args(argv)
    from streamlit.testing.v1 import AppTest

    import tests.conftest  # noqa: F401  (the tests' settings: vector basemap, a scratch store and cache)

    sections = Sections()
    imported = instrument(sections)
    bar = BarReport()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    first_total, first = _run(at, sections)
    _run(at, sections)  # the run the map's first view report causes in a browser
    moves = bar.moves(at, sections, args.moves, timedelta(days=365))
    floor = floor_move_ms(args.moves)
    move_total = statistics.median(total for total, _ in moves) * 1000
    names = sorted(set(first) | {n for _, parts in moves for n in parts}, key=lambda n: -first.get(n, 0))
    move = {n: statistics.median(parts.get(n, 0.0) for _, parts in moves) * 1000 for n in names}
    rows = [(n, first.get(n, 0.0) * 1000, move[n]) for n in names]
    rows.append(("(rest of the run: Streamlit, page glue)", first_total * 1000 - sum(first.values()) * 1000,
                 move_total - sum(move.values())))  # fmt: skip
    print(f"imports once per process: {imported * 1000:,.0f} ms")
    print(f"{'part':<44}{'first run (ms)':>16}{'move (ms)':>12}")
    for name, first_ms, move_ms in rows:
        if max(first_ms, move_ms) >= 0.5:
            print(f"{name:<44}{first_ms:>16,.1f}{move_ms:>12,.1f}")
    print(f"{'whole run':<44}{first_total * 1000:>16,.1f}{move_total:>12,.1f}")
    print(f"{'floor app (slider + text)':<44}{'':>16}{floor:>12,.1f}")
    print(f"move / floor: {move_total / floor:.1f}")
    report = {
        "imports_ms": round(imported * 1000, 1),
        "first_run_ms": round(first_total * 1000, 1),
        "move_ms_median": round(move_total, 1),
        "floor_move_ms_median": round(floor, 1),
        "move_ratio": round(move_total / floor, 2),
        "parts_ms": {name: {"first": round(f, 1), "move": round(m, 1)} for name, f, m in rows},
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
