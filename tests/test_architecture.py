"""Imports go one way: dashboard → components → geo/data (geo may use data, never the reverse)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

UI_MODULES = {"streamlit", "streamlit_folium"}
# package -> top-level packages of ours it must not import
FORBIDDEN = {
    "data": {"geo", "components", *UI_MODULES},
    "geo": {"components", *UI_MODULES},
    "components": set(),
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package):
    files = python_files(package)
    assert files
    for path in files:
        bad = imported_roots(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_dashboard_uses_components_geo_and_data_only():
    ours = {"components", "geo", "data", "scripts", "tests", "benchmarks"}
    roots = imported_roots(ROOT / "dashboard.py")
    assert roots & ours <= {"components", "geo", "data"}


def test_only_map_view_calls_st_folium():
    callers = [
        path.relative_to(ROOT).as_posix()
        for path in [ROOT / "dashboard.py", *python_files("components"), *python_files("geo"), *python_files("data")]
        if "st_folium(" in path.read_text(encoding="utf-8")
    ]
    assert callers == ["components/map_view.py"]


def test_only_components_import_streamlit():
    for path in [*python_files("geo"), *python_files("data"), *python_files("scripts")]:
        assert not imported_roots(path) & UI_MODULES, path
