"""Every third-party import is declared, and requirements.lock pins the declared lists with hashes."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from scripts.lock_check import missing_pins, normal, pins

ROOT = Path(__file__).resolve().parent.parent
OURS = {"benchmarks", "components", "dashboard", "data", "geo", "scripts", "tests"}
SKIPPED = {".venv", "node_modules", "static"}


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def imported_modules() -> dict[str, str]:
    """``{top-level module: a file importing it}`` for every absolute import in our Python files."""
    found: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if SKIPPED & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_declared():
    declared = set(pins(read("requirements.txt"))) | set(pins(read("requirements-dev.txt")))
    distributions = importlib.metadata.packages_distributions()
    for module, where in imported_modules().items():
        if module in sys.stdlib_module_names or module in OURS:
            continue
        provided_by = {normal(name) for name in distributions.get(module, [module])}
        assert provided_by & declared, f"{module} (imported in {where}) is in no requirements file"


def test_lock_pins_every_declared_package_with_hashes():
    lock = read("requirements.lock")
    assert missing_pins([read("requirements.txt"), read("requirements-dev.txt")], lock) == []
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock)  # one entry per package: its pin line, hashes, "via"
    pinned = [entry for entry in entries if re.match(r"[A-Za-z0-9._-]+==", entry)]
    assert len(pinned) >= len(pins(read("requirements-dev.txt")))
    for entry in pinned:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_lock_check_names_a_pin_the_lock_lacks():
    lock = "pandas==3.1.1 \\\n    --hash=sha256:00\npsycopg-binary==3.3.9 \\\n    --hash=sha256:11\n"
    assert missing_pins(["pandas==3.1.1\npsycopg[binary]==3.3.9\n"], lock) == ["psycopg==3.3.9"]
    assert missing_pins(["Pandas==3.1.1\n"], lock) == []
    assert missing_pins(["pandas==3.2.0  # newer\n"], lock) == ["pandas==3.2.0"]
