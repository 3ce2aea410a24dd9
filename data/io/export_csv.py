"""Events as a CSV an analyst can open in a spreadsheet: ACLED's column order, no formula injection.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as a formula
in Excel or LibreOffice (OWASP "CSV injection"); such a text cell gets a leading ``'``, which the
spreadsheet shows as plain text and our importer removes again. Numbers in numeric columns are
left alone, so a longitude of -3.0 stays a number.
"""

from __future__ import annotations

import pandas as pd

from data.io.formats import ACLED_EXPORT_COLUMNS, FORMULA_GUARD, FORMULA_STARTS
from data.schema import EVENT_COLUMNS, column_names

NUMERIC_COLUMNS = frozenset(
    {column.name for column in EVENT_COLUMNS if column.kind in ("int", "float")} | {"year", "iso", "timestamp"}
)


def _cell_text(values: pd.Series) -> pd.Series:
    """A typed column as strings: ISO dates, whole numbers without ``.0``, '' when missing."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("")
    return values.map(lambda value: "" if value is None or pd.isna(value) else str(value)).astype(str)


def event_strings(events: pd.DataFrame) -> pd.DataFrame:
    """Validated (typed) events as strings in our schema's columns (what the store and files hold)."""
    return pd.DataFrame({name: _cell_text(events[name]) for name in column_names(EVENT_COLUMNS)}, index=events.index)


def export_columns() -> list[str]:
    """ACLED's export columns in ACLED's order, then ours that ACLED lacks."""
    ours = [name for name in column_names(EVENT_COLUMNS) if name not in ACLED_EXPORT_COLUMNS]
    return [*ACLED_EXPORT_COLUMNS, *ours]


def guard_formulas(frame: pd.DataFrame, numeric: frozenset[str] = NUMERIC_COLUMNS) -> pd.DataFrame:
    """Prefix with ``'`` every text cell a spreadsheet would read as a formula.

    In ``numeric`` columns a cell that parses as a number (``-3.0``) is kept as it is.
    """
    out = frame.copy()
    for name in out.columns:
        text = out[name].fillna("").astype(str)
        risky = text.str.startswith(FORMULA_STARTS)
        if name in numeric:
            risky &= pd.to_numeric(text, errors="coerce").isna()
        out[name] = text.where(~risky, FORMULA_GUARD + text)
    return out


def events_csv(events: pd.DataFrame) -> bytes:
    """The events as a UTF-8 CSV (with a byte-order mark, so spreadsheets read accents right).

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events (typed), e.g. the filtered set the map shows.
    """
    text = event_strings(events)
    text["year"] = events["event_date"].dt.year.astype("Int64").astype(str).replace("<NA>", "")
    frame = text.reindex(columns=export_columns(), fill_value="")
    return guard_formulas(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def rejections_csv(rejected: list) -> bytes:
    """Rejected rows (``row, field, reason``) as a CSV, guarded the same way (reasons quote cells)."""
    frame = pd.DataFrame(
        [{"file": r.file, "row": r.row, "field": r.field, "reason": r.reason} for r in rejected],
        columns=["file", "row", "field", "reason"],
    )
    return guard_formulas(frame.astype(str), frozenset({"row"})).to_csv(index=False).encode("utf-8-sig")
