"""Vectorised first pass of validation: whole columns at once, for imports of a million rows.

It only decides which rows are certainly valid; every other row goes through the exact per-cell
path in ``data.validation.validate``, which alone writes messages. So speed never changes a verdict's wording,
and a row the fast pass doubts is judged by the slow one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import EVENT_ID_PATTERN, EVENT_TYPES, Column

VALID_TYPE_PAIRS = {(event_type, sub) for event_type, subs in EVENT_TYPES.items() for sub in subs}


def _text(raw: pd.DataFrame, name: str) -> pd.Series:
    if name not in raw.columns:
        return pd.Series("", index=raw.index, dtype=object)
    return raw[name].fillna("").astype(str).str.strip()


def _number(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    values = pd.to_numeric(text, errors="coerce")
    good = values.notna() & np.isfinite(values.fillna(0))
    if column.low is not None:
        good &= values >= column.low
    if column.high is not None:
        good &= values <= column.high
    if column.kind == "int":
        good &= values == values.round()
    return values, good


def parse_columns(raw: pd.DataFrame, columns: tuple[Column, ...]) -> tuple[dict[str, pd.Series], pd.Series]:
    """Parsed columns (NaN/NaT/None where empty) and the mask of rows whose every cell is valid."""
    parsed, ok = {}, pd.Series(True, index=raw.index)
    for column in columns:
        text = _text(raw, column.name)
        empty = text == ""
        if column.kind == "date":
            values = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
            good = values.notna() & text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")  # strptime takes 2023-1-5 too
        elif column.kind in ("int", "float"):
            values, good = _number(text, column)
        elif column.kind == "choice":
            values, good = text, text.isin(column.choices)
        else:
            values, good = text, ~empty
        ok &= good | (empty & (not column.required))
        parsed[column.name] = values
    return parsed, ok


def events_consistent(parsed: dict[str, pd.Series]) -> pd.Series:
    """Rows whose id links can carry, sub-type belongs to their type, date range is ordered and fatality range holds."""
    pairs = pd.Series(
        list(zip(parsed["event_type"], parsed["sub_event_type"], strict=True)), index=parsed["event_type"].index
    )
    ordered = parsed["date_end"].isna() | (parsed["date_end"] >= parsed["event_date"])
    low, best, high = parsed["fatalities_low"], parsed["fatalities"], parsed["fatalities_high"]
    # Comparisons with NaN are False, so an empty cell never fails its pair.
    in_range = ~((low > high) | (best < low) | (best > high))
    ids = parsed["event_id_cnty"].astype(str).str.fullmatch(EVENT_ID_PATTERN)
    return pairs.isin(VALID_TYPE_PAIRS) & ordered & in_range & ids


def periods_ordered(parsed: dict[str, pd.Series]) -> pd.Series:
    """Rows whose ``valid_to``, when given, comes after ``valid_from``."""
    return parsed["valid_to"].isna() | (parsed["valid_to"] > parsed["valid_from"])


def schema_typed(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """``frame``'s ``columns`` in the dtype of their schema kind, in schema order (both passes' output).

    ``date`` → ``datetime64[ns]``, ``int`` → ``Int64`` (missing stays missing), ``float`` →
    ``float64``, anything else → ``str`` with ``""`` for missing.
    """
    for column in columns:
        values = frame[column.name]
        if column.kind == "date":
            frame[column.name] = pd.to_datetime(values).astype("datetime64[ns]")
        elif column.kind == "int":
            frame[column.name] = values.astype("Int64")
        elif column.kind == "float":
            frame[column.name] = values.astype("float64")
        else:
            frame[column.name] = values.fillna("").astype(str)
    return frame[[c.name for c in columns]]


def typed(parsed: dict[str, pd.Series], rows: pd.Series, columns: tuple[Column, ...]) -> pd.DataFrame:
    """The selected rows as a typed frame (the dtypes ``data.validation.validate`` produces)."""
    return schema_typed(pd.DataFrame({name: series[rows] for name, series in parsed.items()}), columns)
