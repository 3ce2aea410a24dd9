"""Readers of the literals the pages quote: a constant in a script, a benchmark's default, a pinned version.

The claims table (``tests/doc_claims_rows.py``) computes its values with these and with
``tests/doc_claims_data.py``, from the same files the app and the tests use, so a change fails a row.
"""

from __future__ import annotations

import ast
import re
import tomllib

from tests.conftest import ROOT

WORDS = dict(enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))
# How the pages say a rate: once a second, twice a second.
TIMES = {1: "once", 2: "twice"}


def source(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def found(path: str, pattern: str) -> str:
    """The first group of ``pattern`` in a file: a literal a test, a script or a template holds."""
    match = re.search(pattern, source(path))
    assert match, f"{path}: no {pattern!r} (the code moved: update the claim's reader)"
    return match.group(1)


def js_number(path: str, name: str) -> int | float:
    """``NAME = 200`` in a script (``const`` or ``var``, alone or in a list of declarations)."""
    number = float(found(path, rf"\b{name} = (-?[\d.]+)"))
    return int(number) if number.is_integer() else number


def option_default(benchmark: str, option: str):
    """The default of ``option`` in ``benchmarks/<benchmark>.py``'s argument parser (read, not run)."""
    for node in ast.walk(ast.parse(source(f"benchmarks/{benchmark}.py"))):
        named = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument"
        if named and node.args and getattr(node.args[0], "value", None) == option:
            return next(ast.literal_eval(k.value) for k in node.keywords if k.arg == "default")
    raise LookupError(f"benchmarks/{benchmark}.py has no {option}")


def short(count: int) -> str:
    """``1k``, ``200k``, ``1M``: how the pages write a benchmark's record sizes."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if count >= size and count % size == 0:
            return f"{count // size}{suffix}"
    return f"{count:,}"


def day_text(day) -> str:
    """``6 April 2012``, the pages' long date."""
    return f"{day.day} {day:%B %Y}"


def hundreds(number: float) -> str:
    """``about 146,500``: an area rounded to hundreds."""
    return f"{round(number, -2):,.0f}"


def streamlit_config() -> dict:
    return tomllib.loads(source(".streamlit/config.toml"))


def makefile_port() -> str:
    return found("Makefile", r"(?m)^PORT \?= (\d+)$")


def pinned(package: str) -> str:
    """``1.67``: the major and minor version ``requirements.txt`` pins."""
    return ".".join(found("requirements.txt", rf"(?m)^{package}==([\d.]+)$").split(".")[:2])


def size(image) -> str:
    """``1280 × 720``: an image size as the pages write it."""
    return f"{image.width} × {image.height}"


def size_range(benchmark: str, option: str = "--sizes") -> tuple[str, str]:
    """``1k``, ``1M``: the smallest and largest record a benchmark runs by default."""
    sizes = option_default(benchmark, option)
    return short(min(sizes)), short(max(sizes))
