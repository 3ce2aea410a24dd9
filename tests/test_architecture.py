"""Imports go one way: dashboard → components → geo/data (geo may use data, never the reverse).

Within ``geo``, reading an article (``geo.articles``) never needs the map or the documents made from it.
Only ``import`` and ``from ... import`` statements are read: ``importlib.import_module`` and
``__import__`` would pass unseen (the code has none; this guards mistakes, not an adversary).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

UI_MODULES = {"streamlit", "streamlit_folium"}
# folder (its sub-packages included) -> modules of ours it must not import; a name covers its sub-modules
FORBIDDEN = {
    "data": {"geo", "components", "dashboard", *UI_MODULES},
    "geo": {"components", "dashboard", *UI_MODULES},
    "geo/articles": {"geo.map", "geo.documents", "components", "dashboard", *UI_MODULES},
    "components": {"dashboard"},
}
# (file, module) pairs allowed despite FORBIDDEN, each with its reason (none today: the one HTML
# escaper the article review needs is ``geo.markup``, outside ``geo.map``)
ALLOWED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, by full dotted name (``from a import b`` gives ``a`` and ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def imported_roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)}


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def within(name: str, modules: set[str]) -> bool:
    """``name`` is one of ``modules`` or inside one of them."""
    return any(name == module or name.startswith(f"{module}.") for module in modules)


def forbidden_imports(path: Path, forbidden: set[str]) -> set[str]:
    rel = path.relative_to(ROOT).as_posix()
    allowed = {module for file, module in ALLOWED if file == rel}
    return {name for name in imported_modules(path) if within(name, forbidden) and not within(name, allowed)}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package):
    files = python_files(package)
    assert files
    for path in files:
        bad = forbidden_imports(path, FORBIDDEN[package])
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_allowed_exceptions_are_still_needed():
    for rel, name in ALLOWED:
        assert name in imported_modules(ROOT / rel), f"{rel} no longer imports {name}: drop it from ALLOWED"


@pytest.mark.parametrize("package", ["geo", "data", "components"])
def test_every_folder_with_modules_is_a_package(package):
    for folder in {path.parent for path in python_files(package)}:
        assert (folder / "__init__.py").is_file(), f"{folder.relative_to(ROOT)} lacks __init__.py"


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
