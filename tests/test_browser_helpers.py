"""The browser tests wait on the page's state with Playwright's ``expect()``, never on the clock.

A fixed wait passes on a quiet machine and fails on a loaded one (or hides a slow page); a polling
loop re-implements ``expect()`` without its report. The one allowed place is the server's health
check in ``tests/browser/conftest.py``: before the server listens there is no page to watch.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

BROWSER_TESTS = ROOT / "tests" / "browser"
FIXED_WAITS = ("wait_for_timeout", "sleep")
# (file, function) allowed a fixed wait or a loop on the clock, with the reason in its docstring.
ALLOWED = {("conftest.py", "wait_until_healthy")}


class _ClockWaits(ast.NodeVisitor):
    """Collects ``(function, what, line)``: each fixed wait, each loop on ``time.monotonic()``."""

    def __init__(self) -> None:
        self.function, self.found = "<module>", set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in FIXED_WAITS:
            self.found.add((self.function, node.attr, node.lineno))
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        if "monotonic" in ast.unparse(node.test):
            self.found.add((self.function, "polling loop", node.lineno))
        self.generic_visit(node)


def clock_waits(path: Path) -> set[tuple[str, str, int]]:
    """``(function, what, line)`` of each fixed wait and each loop on ``time.monotonic()`` in ``path``."""
    visitor = _ClockWaits()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


def test_no_fixed_waits_or_polling_loops_in_the_browser_tests():
    offending = {}
    for path in sorted(BROWSER_TESTS.rglob("*.py")):
        waits = sorted((line, name, what) for name, what, line in clock_waits(path) if (path.name, name) not in ALLOWED)
        if waits:
            offending[path.relative_to(ROOT).as_posix()] = waits
    assert offending == {}


def test_the_allowed_wait_is_still_there():
    assert {(name, what) for name, what, _line in clock_waits(BROWSER_TESTS / "conftest.py")} >= {
        ("wait_until_healthy", "sleep"),
        ("wait_until_healthy", "polling loop"),
    }


def test_the_check_finds_a_fixed_wait_and_a_polling_loop(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import time\n"
        "def test_x(page):\n"
        "    page.wait_for_timeout(500)\n"
        "    deadline = time.monotonic() + 5\n"
        "    while time.monotonic() < deadline:\n"
        "        time.sleep(0.1)\n",
        encoding="utf-8",
    )
    assert {what for _name, what, _line in clock_waits(sample)} == {"wait_for_timeout", "sleep", "polling loop"}
