"""When a territory or town-status version holds, as day numbers the page compares with its window."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.cells import cell_text
from data.view.filters import format_day

NO_END = 2**31 - 1  # a version still in force
_EPOCH = np.datetime64("1970-01-01", "D")


def day_numbers(values: pd.Series) -> np.ndarray:
    """Dates as whole days since 1970-01-01 (int32): the page's clock counts in these."""
    return ((values.to_numpy("datetime64[D]") - _EPOCH).astype(np.int64)).astype(np.int32)


def validity(records: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Each record's first day (inclusive) and end (exclusive; ``NO_END`` in force), as ``valid_at`` reads them."""
    if records.empty:
        return [], []
    firsts = day_numbers(records["valid_from"]).tolist()
    ends = records["valid_to"]
    lasts = [
        NO_END if pd.isna(end) else int(day)
        for end, day in zip(ends, day_numbers(ends.fillna(records["valid_from"])), strict=True)
    ]
    return firsts, lasts


def _period(record: dict) -> str:
    since = format_day(pd.Timestamp(record["valid_from"]).date())
    until = record.get("valid_to")
    return (
        f"since {since}" if until is None or pd.isna(until) else f"{since} – {format_day(pd.Timestamp(until).date())}"
    )


def status_fields(record: dict, label: str) -> list[str]:
    """A status tooltip's fields: place, status, actor, period, notes, source."""
    return [cell_text(record[label]), cell_text(record["status"]), cell_text(record["actor"]), _period(record),
            cell_text(record.get("notes")), cell_text(record.get("source"))]  # fmt: skip
