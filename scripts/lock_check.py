"""Fail when requirements.lock does not hold every pin of requirements.txt and requirements-dev.txt.

scripts/setup.sh runs this before installing from the lock: a package added to a human list without
``make lock`` would otherwise be silently missing from the environment.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#\\]+)", re.MULTILINE)


def normal(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """``{name: version}`` of every ``name==version`` line."""
    return {normal(name): version for name, version in PIN.findall(text)}


def missing_pins(lists: list[str], lock: str) -> list[str]:
    """Pins of the human lists that the lock does not hold at the same version."""
    locked = pins(lock)
    wanted = {name: version for text in lists for name, version in pins(text).items()}
    return sorted(f"{name}=={version}" for name, version in wanted.items() if locked.get(name) != version)


def main() -> int:
    lists = [(ROOT / name).read_text(encoding="utf-8") for name in ("requirements.txt", "requirements-dev.txt")]
    missing = missing_pins(lists, (ROOT / "requirements.lock").read_text(encoding="utf-8"))
    if missing:
        print(f"requirements.lock lacks {', '.join(missing)}: run 'make lock' and commit it", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
