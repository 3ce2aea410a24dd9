"""The benchmarks cannot rot silently: each module imports, each runnable one has a ``main``, and
the server-side parts run end to end at a tiny size. Nothing here reads a timing (no timed asserts).
"""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
# Importing the naive baseline would run it: it is a Streamlit script (``streamlit run`` it); it is compiled.
APPS = {"naive_app"}
# Shared by the benchmarks, not run themselves.
HELPERS = {"__init__", "record", "timebar_probe", "timebar_scripts"}
MODULES = sorted(path.stem for path in BENCHMARKS.glob("*.py") if path.stem not in APPS)


@pytest.mark.parametrize("name", MODULES)
def test_every_benchmark_imports_and_the_runnable_ones_have_a_main(name):
    module = importlib.import_module(f"benchmarks.{name}")
    runnable = 'if __name__ == "__main__":' in (BENCHMARKS / f"{name}.py").read_text(encoding="utf-8")
    assert runnable or name in HELPERS, f"benchmarks/{name}.py: no __main__ block and not a known helper"
    if runnable:
        assert callable(getattr(module, "main", None)), f"benchmarks/{name}.py has no main()"


@pytest.mark.parametrize("name", sorted(APPS))
def test_the_benchmark_apps_compile(name):
    source = (BENCHMARKS / f"{name}.py").read_text(encoding="utf-8")
    compile(source, f"benchmarks/{name}.py", "exec")


def _parses_argv(name: str) -> bool:
    """``main(argv)`` built on argparse (a few older ones read ``sys.argv`` themselves)."""
    main = getattr(importlib.import_module(f"benchmarks.{name}"), "main", None)
    uses_argparse = "argparse.ArgumentParser" in (BENCHMARKS / f"{name}.py").read_text(encoding="utf-8")
    return main is not None and uses_argparse and "argv" in inspect.signature(main).parameters


@pytest.mark.parametrize("name", [name for name in MODULES if name not in HELPERS and _parses_argv(name)])
def test_every_benchmark_parses_its_arguments(name, capsys):
    """``--help`` builds the whole argument parser (a renamed option would show here) and exits 0."""
    with pytest.raises(SystemExit) as exited:
        importlib.import_module(f"benchmarks.{name}").main(["--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")


def test_scale_server_side_runs_at_a_tiny_size(capsys):
    from benchmarks import scale

    assert scale.main(["--sizes", "300", "--no-browser", "--naive-max", "300"]) == 0
    out = capsys.readouterr().out
    assert "layer file B" in out
    assert "naive build ms" in out


def test_linked_views_runs_at_a_tiny_size(capsys):
    from benchmarks import linked_views

    assert linked_views.main(["--sizes", "300", "--naive-max", "300"]) == 0
    assert "| 300 |" in capsys.readouterr().out


def test_the_map_step_of_move_breakdown_runs(capsys):
    from benchmarks import move_breakdown

    assert move_breakdown.main(["--no-browser"]) == 0
    assert "Jinja compilations" in capsys.readouterr().out


def test_section_timing_runs_one_move():
    """In its own process: it wraps the page's functions and stands in for the time bar's component."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.section_timing", "--moves", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "move / floor" in done.stdout
