"""Reading an incoming file (CSV, GeoJSON or GeoPackage) as a table of strings with row numbers.

Points of a GeoJSON or GeoPackage file carry ACLED-like properties; their geometry gives the
coordinates. A feature that is not a point is set aside with a reason, never guessed at.
"""

from __future__ import annotations

import codecs
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import shapely

from data.io import quotes
from data.schema import FIRST_DATA_ROW

FEATURE_SUFFIXES = (".geojson", ".json", ".gpkg")
# Properties that agree with the geometry to this many degrees keep their own text (no float noise).
SAME_PLACE_DEG = 1e-5
FEATURE_FIRST_ROW = 1  # features are counted from 1


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


class UnreadableFile(ValueError):
    """A file whose encoding or delimiter cannot be told; the message names the file."""


# Byte-order marks, longest first (UTF-32 is not offered: no spreadsheet writes it).
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_BYTES = 4096


def detect_encoding(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 (a mark, or NUL bytes every other byte) or Latin-1.

    Raises
    ------
    UnreadableFile
        When the bytes fit none of them (a binary file, or a Windows code page's C1 characters).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:SNIFF_BYTES]
    if head and head.count(0) * 4 >= len(head):  # UTF-16 text without a mark: every ASCII letter has a NUL
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    bad = next((i for i, byte in enumerate(data) if byte == 0 or 0x80 <= byte <= 0x9F), None)
    if bad is None:
        return "latin-1"
    raise UnreadableFile(
        f"{name}: cannot tell the text encoding (byte 0x{data[bad]:02X} at offset {bad} is not UTF-8, "
        "UTF-16 or Latin-1); save the file as CSV UTF-8"
    )


def sniff_delimiter(header: str, name: str) -> str:
    """The delimiter of a CSV from its header line: ``,``, ``;`` or a tab, whichever separates most names.

    Raises
    ------
    UnreadableFile
        When two delimiters separate the header equally often.
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] == 0:
        return ","  # one column: the format check names what is missing
    if ranked[0][1] == ranked[1][1]:
        tied = " and ".join(f"{count} {DELIMITERS[mark]}" for mark, count in ranked if count == ranked[0][1])
        raise UnreadableFile(f"{name}: cannot tell the delimiter (the header has {tied}); use one of them")
    return ranked[0][0]


def read_csv(source: Path | BinaryIO, name: str) -> Incoming:
    """A CSV file as stripped strings ('' for empty cells), its encoding and delimiter found.

    Raises
    ------
    UnreadableFile
        When the encoding or the delimiter cannot be told (the message names the file).

    A line that opens a quote never closed (which would swallow every later row) is set aside with a
    reason and the rest is read (``data.io.quotes``).
    """
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    encoding = detect_encoding(data, name)
    text = data.decode(encoding).lstrip("\ufeff")
    delimiter = sniff_delimiter(text.split("\n", 1)[0], name)
    skipped: list[int] = []
    try:
        frame = quotes.parse(text, delimiter)
    except pd.errors.ParserError as error:
        record = quotes.unterminated_record(error)
        if record is None:
            raise UnreadableFile(f"{name}: not a readable CSV file ({error})") from error
        try:
            frame, skipped = quotes.without_unterminated(text, record, delimiter)
        except ValueError as again:
            raise UnreadableFile(f"{name}: {again}") from error
    except pd.errors.EmptyDataError as error:
        raise UnreadableFile(f"{name}: not a readable CSV file ({error})") from error
    frame.columns = [str(column).strip() for column in frame.columns]
    frame, problems = quotes.with_placeholders(frame, skipped, FIRST_DATA_ROW)
    frame.attrs.update(encoding=encoding, delimiter=delimiter)
    return Incoming(name, frame, np.arange(len(frame)) + FIRST_DATA_ROW, problems)


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
