"""Generated files served from ``static/generated``: a cache capped in size, least recently used out first.

Each write (and each reuse, via :func:`touch`) refreshes a file's modification time; when the
folder grows past its cap (``CONFLICT_MAP_GENERATED_CAP_MB``) the files used longest ago are removed
until it fits. A file just written is never removed by its own write.
"""

from __future__ import annotations

import os
from pathlib import Path

from data.config import positive_int_setting


def cap_bytes() -> int:
    """The cap in force, in bytes."""
    return positive_int_setting(dict(os.environ), "CONFLICT_MAP_GENERATED_CAP_MB") * 1_000_000


def touch(path: Path) -> bool:
    """Mark ``path`` as used now; False when it is gone (pruned: write it again)."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    return True


def write(folder: Path, name: str, payload: bytes, cap: int | None = None) -> Path:
    """Write ``payload`` as ``folder/name`` (atomically, unless already there), then prune to ``cap`` bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not touch(path):
        partial = folder / f".{name}.{os.getpid()}.part"
        partial.write_bytes(payload)
        partial.replace(path)
    prune(folder, cap_bytes() if cap is None else cap, keep=path)
    return path


def prune(folder: Path, cap: int, keep: Path | None = None) -> list[Path]:
    """Remove the least recently used files until ``folder`` holds at most ``cap`` bytes; returns them."""
    files = []
    for entry in os.scandir(folder):
        if entry.is_file() and not entry.name.startswith("."):
            stat = entry.stat()
            files.append((stat.st_mtime_ns, stat.st_size, Path(entry.path)))
    total, removed = sum(size for _, size, _ in files), []
    for _, size, path in sorted(files):
        if total <= cap:
            break
        if keep is not None and path == keep:
            continue
        path.unlink(missing_ok=True)
        total -= size
        removed.append(path)
    return removed
