"""Reading an incoming file (CSV, GeoJSON or GeoPackage) as a table of strings with row numbers.

Points of a GeoJSON or GeoPackage file carry ACLED-like properties; their geometry gives the
coordinates. A feature that is not a point is set aside with a reason, never guessed at.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import shapely

FEATURE_SUFFIXES = (".geojson", ".json", ".gpkg")
# Properties that agree with the geometry to this many degrees keep their own text (no float noise).
SAME_PLACE_DEG = 1e-5
CSV_FIRST_ROW = 2  # the header is line 1: a spreadsheet's row number
FEATURE_FIRST_ROW = 1  # features are counted from 1
MAX_UNTERMINATED = 100  # a file with more lines opening a quote that never closes is not read


@dataclass
class Incoming:
    """A file read for import: cells as strings, and the number a person would look up per row.

    ``problems`` maps a row's position to ``(field, reason)`` for rows that could not even be read
    as an event (a polygon in a file of points).
    """

    name: str
    raw: pd.DataFrame
    row_numbers: np.ndarray
    problems: dict[int, tuple[str, str]] = field(default_factory=dict)


def _as_text(values: pd.Series) -> pd.Series:
    """One property column as strings: ISO dates, whole numbers without ``.0``, '' when missing."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_float_dtype(values):
        whole = values.notna() & (values == values.round())
        text = values.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        return text.where(~whole, values[whole].map(lambda v: str(int(v)))).astype(str)
    return values.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)).astype(str)


def _coordinate(text: pd.Series, from_geometry: pd.Series) -> pd.Series:
    """The property's text where it names the geometry's place, else the geometry's value."""
    stated = pd.to_numeric(text, errors="coerce")
    agrees = (stated - from_geometry).abs() <= SAME_PLACE_DEG
    fallback = from_geometry.map(lambda v: "" if pd.isna(v) else repr(float(v)))
    return text.where(agrees | from_geometry.isna(), fallback)


def read_features(source: Path | BinaryIO, name: str) -> Incoming:
    """A GeoJSON or GeoPackage file of points as strings; coordinates come from the geometry."""
    import geopandas as gpd

    try:
        with warnings.catch_warnings():  # an upload has no file extension for GDAL to check
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = gpd.read_file(source)
    except Exception as error:  # pyogrio's DataSourceError family, or GDAL's own errors
        raise ValueError(f"not a readable GeoJSON/GeoPackage file ({error})") from error
    geometry = frame.geometry
    raw = pd.DataFrame({column: _as_text(frame[column]) for column in frame.columns if column != frame.geometry.name})
    raw.columns = [str(column).strip() for column in raw.columns]
    kinds = geometry.geom_type.fillna("")
    points = (kinds == "Point") & ~geometry.is_empty
    lon, lat = pd.Series(np.nan, index=frame.index), pd.Series(np.nan, index=frame.index)
    lon[points], lat[points] = shapely.get_x(geometry[points].values), shapely.get_y(geometry[points].values)
    for column, values in (("longitude", lon), ("latitude", lat)):
        stated = raw[column] if column in raw.columns else pd.Series("", index=raw.index)
        raw[column] = _coordinate(stated, values)
    problems = {
        position: ("geometry", f"a {kind}; only points can be imported")
        for position, kind in enumerate(kinds)
        if kind not in ("", "Point")
    }
    return Incoming(name, raw, np.arange(len(raw)) + FEATURE_FIRST_ROW, problems)


def _parse_csv(source) -> pd.DataFrame:
    return pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _unterminated_record(error: Exception) -> int | None:
    """The record (0 = the header) where pandas found a quote that never closes, if that was the fault."""
    found = re.search(r"EOF inside string starting at row (\d+)", str(error))
    return int(found.group(1)) if found else None


def _without_unterminated_quotes(text: str, record: int) -> tuple[pd.DataFrame, list[int]]:
    """Parse ``text`` leaving out each line that opens a quote never closed; returns the 1-based lines left out."""
    lines = text.splitlines(keepends=True)
    skipped: list[int] = []
    for _attempt in range(MAX_UNTERMINATED):
        kept = [line for number, line in enumerate(lines, 1) if number not in skipped]
        ends = [0]  # physical line (in ``kept``) each record ends on
        reader = csv.reader(io.StringIO("".join(kept)))
        for _ in range(record):
            next(reader)
            ends.append(reader.line_num)
        start_in_kept = ends[-1] + 1
        original = [number for number, _ in enumerate(lines, 1) if number not in skipped][start_in_kept - 1]
        skipped = sorted([*skipped, original])
        remaining = "".join(line for number, line in enumerate(lines, 1) if number not in skipped)
        try:
            return _parse_csv(io.StringIO(remaining)), skipped
        except pd.errors.ParserError as error:
            record = _unterminated_record(error)
            if record is None:
                raise ValueError(f"not a readable CSV file ({error})") from None
    raise ValueError(f"not a readable CSV file (more than {MAX_UNTERMINATED} unterminated quotes)")


def read_csv(source: Path | BinaryIO, name: str) -> Incoming:
    """A CSV file as stripped strings ('' for empty cells); a byte-order mark is ignored.

    A line that opens a quote never closed (which would swallow every later row) is set aside with a
    reason and the rest is read.
    """
    skipped: list[int] = []
    try:
        frame = _parse_csv(source)
    except pd.errors.ParserError as error:
        record = _unterminated_record(error)
        if record is None:
            raise ValueError(f"not a readable CSV file ({error})") from None
        if isinstance(source, Path | str):
            data = Path(source).read_bytes()
        else:
            source.seek(0)
            data = source.read()
        frame, skipped = _without_unterminated_quotes(data.decode("utf-8-sig"), record)
    frame.columns = [str(column).strip() for column in frame.columns]
    problems = {}
    for line in skipped:  # ascending: each placeholder row goes where its line was
        position = line - CSV_FIRST_ROW
        blank = pd.DataFrame([dict.fromkeys(frame.columns, "")])
        frame = pd.concat([frame.iloc[:position], blank, frame.iloc[position:]], ignore_index=True)
        problems[position] = ("row", 'a quote (") opens a field and never closes; this line was skipped')
    return Incoming(name, frame, np.arange(len(frame)) + CSV_FIRST_ROW, problems)


def read_incoming(source: Path | bytes | BinaryIO, name: str | None = None) -> Incoming:
    """Read a file (a path, or the bytes of an upload named ``name``) by its extension.

    Raises
    ------
    ValueError, OSError, UnicodeDecodeError
        When the file cannot be read at all (the caller names the file in its message).
    """
    name = name or Path(source).name
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    if name.lower().endswith(FEATURE_SUFFIXES):
        return read_features(source, name)
    return read_csv(source, name)
