"""The one strict date parser: ISO fields, ACLED's styles, and day-month order decided by the column.

``YYYY-MM-DD`` means exactly that: ``20231114`` and ``2023-W46-2`` (which Python's
``date.fromisoformat`` accepts) are refused. ACLED exports have used ``16 May 2025``,
``16-May-2025`` and slashed dates; a slashed date's order (``05/06/2025``) is taken from the whole
column (a first part above 12 means day first, a second part above 12 means month first) and
refused, with row and field named, when the column cannot tell. Never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

ISO_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# UCDP GED writes its dates as timestamps at midnight ("2024-07-25 00:00:00.000").
MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
WORD_STYLES = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")
EXPECTED = "expected YYYY-MM-DD"


class BadDate(ValueError):
    """A cell that is not a date in the expected style; the message is the reason shown."""


def parse_iso(text: str) -> date:
    """``YYYY-MM-DD`` and nothing else, as a date.

    Raises
    ------
    BadDate
        ``"not a date (expected YYYY-MM-DD): '20231114'"``.
    """
    if ISO_PATTERN.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise BadDate(f"not a date ({EXPECTED}): {text!r}")


def _words(text: str) -> date | None:
    for style in WORD_STYLES:
        try:
            return datetime.strptime(text, style).date()
        except ValueError:
            continue
    return None


def slashed_order(values: pd.Series) -> str | None:
    """``"dmy"`` or ``"mdy"`` when the column's slashed dates tell; ``None`` when they cannot.

    Raises
    ------
    BadDate
        When some dates are day first and others month first.
    """
    parts = values.str.extract(SLASHED.pattern).dropna()
    if parts.empty:
        return None
    first, second = parts[0].astype(int), parts[1].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    if day_first and month_first:
        raise BadDate("the column mixes day-first and month-first dates")
    return "dmy" if day_first else "mdy" if month_first else None


def parse_date_column(values: pd.Series, field: str, styles: str = "iso") -> tuple[pd.Series, dict[int, str]]:
    """A column of dates as ISO text, and ``{position: reason}`` for the cells that are not dates.

    Parameters
    ----------
    values : pandas.Series
        The cells as text ('' for empty: kept empty, the schema decides if that is allowed).
    field : str
        The column's name, for the messages.
    styles : str
        ``"iso"`` (``YYYY-MM-DD`` only), ``"ucdp"`` (also at midnight) or ``"acled"`` (also
        ``16 May 2025``, ``16-May-2025`` and slashed dates ordered by the column).
    """
    text = values.fillna("").astype(str).str.strip()
    out, problems = text.copy(), {}
    order, mixed = None, ""
    if styles == "acled":
        try:
            order = slashed_order(text)
        except BadDate as error:
            mixed = str(error)
    iso = text.str.fullmatch(ISO_PATTERN.pattern) & pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").notna()
    for position, cell in enumerate(text.to_numpy()):
        if cell == "" or iso.iat[position]:
            continue  # the fast path: most cells of most files
        try:
            out.iloc[position] = _one(cell, styles, order, mixed, field).isoformat()
        except BadDate as error:
            problems[position] = str(error)
    return out, problems


def _one(cell: str, styles: str, order: str | None, mixed: str, field: str) -> date:
    if styles == "ucdp":
        match = MIDNIGHT.fullmatch(cell)
        return parse_iso(match.group(1) if match else cell)
    if styles != "acled" or ISO_PATTERN.fullmatch(cell):
        return parse_iso(cell)
    worded = _words(cell)
    if worded is not None:
        return worded
    slashed = SLASHED.fullmatch(cell)
    if not slashed:
        raise BadDate(f"not a date ({EXPECTED}, 16 May 2025 or 16/05/2025): {cell!r}")
    first, second, year = (int(part) for part in slashed.groups())
    if mixed:
        raise BadDate(f"{cell!r}: {mixed}; write {field} as YYYY-MM-DD")
    if order is None and first != second and first <= 12 and second <= 12:
        raise BadDate(
            f"{cell!r} could be day-month or month-day and no date in the column tells which; "
            f"write {field} as YYYY-MM-DD"
        )
    day, month = (first, second) if order == "dmy" or (order is None and first == second) else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        raise BadDate(f"not a date: {cell!r} (read as {'day-month' if order == 'dmy' else 'month-day'})") from None
