"""Validation at the boundary: typed rows kept, bad rows rejected with file, row, field and reason.

A bad value never stops a load: the row is set aside with an exact message (folium's
``validate_location`` style) and every good row still loads.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from data.config import event_date_bounds
from data.dates import BadDate, parse_iso
from data.schema import (
    EVENT_COLUMNS,
    EVENT_ID_PATTERN,
    EVENT_ID_RULE,
    EVENT_TYPES,
    FIRST_DATA_ROW,
    TERRITORY_COLUMNS,
    TOWN_STATUS_COLUMNS,
    Column,
)
from data.validation import date_bounds, fast_parse


@dataclass(frozen=True)
class Rejection:
    """Why one input row was not loaded."""

    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, field {self.field}: {self.reason}"


@dataclass
class Validated:
    """The outcome of validating a table: typed kept rows and the rejected ones."""

    kept: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)


class InvalidValue(ValueError):
    """A cell that does not fit its column; the message is the reason shown to the user."""


def _parse_number(text: str, column: Column, integer: bool) -> float | int:
    try:
        value = float(text)
    except ValueError:
        raise InvalidValue(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise InvalidValue(f"not a finite number: {text!r}")
    if integer and value != int(value):
        raise InvalidValue(f"not a whole number: {text!r}")
    low = -math.inf if column.low is None else column.low
    high = math.inf if column.high is None else column.high
    if not low <= value <= high:
        bounds = (
            f"{column.low if column.low is not None else '-inf'}..{column.high if column.high is not None else 'inf'}"
        )
        raise InvalidValue(f"{text} is outside {bounds}")
    return int(value) if integer else value


def parse_cell(text: str, column: Column) -> object:
    """Parse one cell for ``column``; empty optional cells give ``None``.

    Parameters
    ----------
    text : str
        The raw cell, already stripped of surrounding white space.
    column : Column
        The schema row the cell belongs to.

    Returns
    -------
    object
        ``str``, ``datetime.date``, ``int`` or ``float`` according to ``column.kind``.

    Raises
    ------
    InvalidValue
        With the reason, e.g. ``"not a date (expected YYYY-MM-DD): '16/05/2025'"``.
    """
    if text == "":
        if column.required:
            raise InvalidValue("required, but empty")
        return None
    if column.kind == "date":
        try:
            day = parse_iso(text)  # strict: not 20231114 nor 2023-W46-2
        except BadDate as error:
            raise InvalidValue(str(error)) from None
        reason = date_bounds.unholdable(day, text)
        if reason:
            raise InvalidValue(reason)
        return day
    if column.kind in ("int", "float"):
        return _parse_number(text, column, integer=column.kind == "int")
    if column.kind == "choice" and text not in column.choices:
        raise InvalidValue(f"{text!r} is not one of: {', '.join(c for c in column.choices if c)}")
    return text


def _parse_row(row: dict, columns: tuple[Column, ...]) -> tuple[dict, list[tuple[str, str]]]:
    values, errors = {}, []
    for column in columns:
        raw = row.get(column.name)
        text = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw).strip()
        try:
            values[column.name] = parse_cell(text, column)
        except InvalidValue as error:
            errors.append((column.name, str(error)))
    return values, errors


def _typed_frame(records: list[dict], columns: tuple[Column, ...]) -> pd.DataFrame:
    return fast_parse.schema_typed(pd.DataFrame.from_records(records, columns=[c.name for c in columns]), columns)


def validate_table(
    raw: pd.DataFrame,
    columns: tuple[Column, ...],
    file: str,
    checks=(),
    unique: str | None = None,
    fast_checks=(),
) -> Validated:
    """Validate a raw table of strings against a schema.

    Parameters
    ----------
    raw : pandas.DataFrame
        Rows as read from the file (cells as strings or NaN), in file order.
    columns : tuple of Column
        The schema.
    file : str
        File name used in the messages.
    checks : iterable of callables
        Cross-field checks ``check(values) -> list[(field, reason)]`` run on rows whose cells parsed.
    unique : str, optional
        A column whose values must not repeat; a repeat is rejected and the first row kept.
    fast_checks : iterable of callables
        Vectorised forms of ``checks`` (``data.validation.fast_parse``): rows they pass skip the per-row path.

    Returns
    -------
    Validated
        ``kept`` with typed columns in schema order; ``rejected`` with one entry per problem.
    """
    missing = [c.name for c in columns if c.required and c.name not in raw.columns]
    if missing:
        reason = f"missing required column(s): {', '.join(missing)}"
        return Validated(_typed_frame([], columns), [Rejection(file, 1, missing[0], reason)])
    raw = raw.reset_index(drop=True)
    parsed, good = fast_parse.parse_columns(raw, columns)
    for fast_check in fast_checks:
        good &= fast_check(parsed)
    if unique is not None:
        good &= ~parsed[unique].duplicated(keep="first")
    fast_kept = fast_parse.typed(parsed, good, columns)
    # Rows the fast pass doubts get the exact per-cell verdict (and the only messages).
    kept, rejected = [], []
    seen = set(fast_kept[unique]) if unique is not None else set()
    for position, row in zip(raw.index[~good], raw[~good].to_dict("records"), strict=True):
        values, errors = _parse_row(row, columns)
        if not errors:
            errors = [error for check in checks for error in check(values)]
        if not errors and unique is not None:
            if values[unique] in seen:
                errors = [(unique, f"duplicate id {values[unique]!r}; the first row with it was kept")]
            seen.add(values[unique])
        if errors:
            rejected += [Rejection(file, position + FIRST_DATA_ROW, f, r) for f, r in errors]
        else:
            kept.append({**values, "_row": position})
    slow_kept = _typed_frame(kept, columns).set_axis([record["_row"] for record in kept])
    both = pd.concat([fast_kept, slow_kept]) if len(slow_kept) else fast_kept
    return Validated(both.sort_index().reset_index(drop=True), rejected)


def check_event(values: dict) -> list[tuple[str, str]]:
    """Cross-field rules of an event: an id links can carry, sub-type in type, ordered dates, fatality range holds."""
    errors = []
    if not re.fullmatch(EVENT_ID_PATTERN, values["event_id_cnty"]):
        errors.append(("event_id_cnty", f"{values['event_id_cnty']!r} is not an event id ({EVENT_ID_RULE})"))
    allowed = EVENT_TYPES[values["event_type"]]
    if values["sub_event_type"] not in allowed:
        errors.append(("sub_event_type", f"{values['sub_event_type']!r} is not a sub-type of {values['event_type']!r}"))
    end = values.get("date_end")
    if end is not None and end < values["event_date"]:
        errors.append(("date_end", f"{end.isoformat()} is before event_date {values['event_date'].isoformat()}"))
    return errors + _fatality_range_errors(values)


def _fatality_range_errors(values: dict) -> list[tuple[str, str]]:
    """A stated range must hold the count: ``fatalities_low <= fatalities <= fatalities_high``."""
    rules = (("fatalities_low", "above", "fatalities_high"), ("fatalities", "below", "fatalities_low"))
    for name, side, other in (*rules, ("fatalities", "above", "fatalities_high")):
        value, bound = values.get(name), values.get(other)
        if None not in (value, bound) and (value < bound if side == "below" else value > bound):
            return [(name, f"{value} is {side} {other} {bound}")]
    return []


def check_validity_period(values: dict) -> list[tuple[str, str]]:
    """A record's valid_to, when given, must come after its valid_from."""
    end = values.get("valid_to")
    if end is not None and end <= values["valid_from"]:
        return [("valid_to", f"{end.isoformat()} is not after valid_from {values['valid_from'].isoformat()}")]
    return []


def validate_events(raw: pd.DataFrame, file: str, bounds: tuple[date, date] | None = None) -> Validated:
    """Validate ACLED-compatible events; kept rows are sorted by date with ``date_end`` filled in.

    Dates outside ``bounds`` are rejected per row (``data.validation.date_bounds``); ``bounds`` defaults
    to the settings in force (``data.config.event_date_bounds``).
    """
    bounds = bounds or event_date_bounds(dict(os.environ))

    result = validate_table(
        raw,
        EVENT_COLUMNS,
        file,
        checks=(check_event, lambda values: date_bounds.bound_errors(values, bounds)),
        unique="event_id_cnty",
        fast_checks=(fast_parse.events_consistent, lambda parsed: date_bounds.within(parsed, bounds)),
    )
    kept = result.kept
    kept["date_end"] = kept["date_end"].fillna(kept["event_date"])
    kept = kept.sort_values(["event_date", "event_id_cnty"], kind="stable").reset_index(drop=True)
    return Validated(kept, result.rejected)


def validate_territories(raw: pd.DataFrame, file: str) -> Validated:
    """Validate territory records (claims and control over regions, with validity periods)."""
    checks, fast_checks = (check_validity_period,), (fast_parse.periods_ordered,)
    return validate_table(raw, TERRITORY_COLUMNS, file, checks, unique="territory_id", fast_checks=fast_checks)


def validate_town_status(raw: pd.DataFrame, file: str) -> Validated:
    """Validate town status records (who holds a town, from when to when)."""
    return validate_table(
        raw, TOWN_STATUS_COLUMNS, file, checks=(check_validity_period,), fast_checks=(fast_parse.periods_ordered,)
    )
