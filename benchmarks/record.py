"""One line of raw results per benchmark run, with when, at which commit and on what machine.

``benchmarks/RESULTS.md`` holds the read and explained figures; ``benchmarks/results.jsonl`` keeps
what each run printed, so a figure quoted there can be traced to its run (and a rerun compared).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.jsonl"


def _git(repo: Path, *command: str) -> str | None:
    try:
        done = subprocess.run(["git", *command], cwd=repo, capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None  # not a checkout (an unpacked copy): the line says so rather than failing the run
    return done.stdout


def commit(repo: Path = ROOT, results: Path = RESULTS) -> str:
    """``git rev-parse --short HEAD``, with ``+dirty`` when the working tree differs from it.

    The results file itself does not count: every run appends to it, so it is modified between
    the runs of one session, while the code measured is still the commit's.
    """
    head = _git(repo, "rev-parse", "--short", "HEAD")
    if head is None:
        return "unknown"
    status = _git(repo, "status", "--porcelain", "--untracked-files=all") or ""
    try:
        ignored = results.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:  # kept outside the checkout
        ignored = None
    changed = [line for line in status.splitlines() if line[3:].strip('"') != ignored]
    return head.strip() + ("+dirty" if changed else "")


def machine() -> dict:
    """What the run shared: the cores, the load average at the end, and the system."""
    return {"cores": os.cpu_count(), "load": list(os.getloadavg()), "platform": platform.platform()}


def record(name: str, args: dict, result: dict, path: Path = RESULTS, repo: Path = ROOT) -> dict:
    """Append one JSON line for a run of benchmark ``name`` to ``path``, and return it.

    ``args`` are the options it ran with (``vars(parsed_args)``), ``result`` what it measured.
    """
    line = {
        "benchmark": name,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit(repo, path),
        "machine": machine(),
        "args": args,
        "result": result,
    }
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    return line
