"""The embedded store: the shipped CSV files of ``data/datasets/`` (or ``CONFLICT_MAP_DATA_DIR``).

Files are read as text, so validation sees exactly what is in them and can name the bad cell.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

EVENTS_FILE = "events.csv"
TERRITORIES_FILE = "territories.csv"
TOWN_STATUS_FILE = "town_status.csv"


def read_table(path: Path) -> pd.DataFrame:
    """A CSV file as a frame of stripped strings ('' for empty cells), in file order.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist (the message names the path).
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [column.strip() for column in frame.columns]
    return frame


def version(directory: Path) -> str:
    """A token that changes whenever a shipped file changes (cache key for loaders)."""
    stamps = []
    for path in [directory / EVENTS_FILE, directory / TERRITORIES_FILE, directory / TOWN_STATUS_FILE]:
        stat = os.stat(path) if path.exists() else None
        stamps.append(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}" if stat else f"{path.name}:-")
    return "|".join(stamps)
