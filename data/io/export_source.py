"""The store written back as ACLED or UCDP GED files, losslessly, or as GIS points; a view's file name.

An imported row keeps its source's own columns and cells (``source_record``), so an ACLED row is
written back with every column it had, in its file's order, each cell exactly as imported (dates in
their own style, ``inter1`` codes, ``tags``, ``timestamp``). Events from elsewhere (the shipped
record, the app, the other format) are mapped onto the format's columns from our schema. Cells a
spreadsheet would run as a formula get the export's ``'`` guard (``data.io.export_csv``), which our
importer removes again; plain numbers are never guarded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from data.io.export_csv import event_strings, export_columns, guard_formulas
from data.io.formats import ACLED_EXPORT_COLUMNS, RECORD_COLUMN, UCDP_GED_COLUMNS
from data.io.gis import events_geojson, events_geopackage
from data.view.filters import EventFilter, attribute_mask, window_mask

FORMATS = ("acled", "ucdp", "geojson", "gpkg")
SOURCE_COLUMNS = {"acled": ACLED_EXPORT_COLUMNS, "ucdp": UCDP_GED_COLUMNS}
UCDP_VIOLENCE = {"Battles": "1", "Violence against civilians": "3"}


def _family(imported_from: pd.Series) -> pd.Series:
    return imported_from.fillna("").astype(str).str.split(":", n=1).str[0].str.strip()


def _from_schema(rows: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Rows not imported in ``kind`` as that format's columns, from our schema."""
    if kind == "acled":
        out = rows.reindex(columns=ACLED_EXPORT_COLUMNS, fill_value="")
        out["year"] = rows["event_date"].str[:4]
        return out
    out = pd.DataFrame(
        {
            "id": rows["event_id_cnty"].str.removeprefix("UCDP-"),
            "year": rows["event_date"].str[:4],
            "type_of_violence": rows["event_type"].map(UCDP_VIOLENCE).fillna(""),
            "side_a": rows["actor1"],
            "side_b": rows["actor2"],
            "source_article": rows["source_title"],
            "source_headline": rows["notes"],
            "where_coordinates": rows["location"],
            "adm_1": rows["admin1"],
            "latitude": rows["latitude"],
            "longitude": rows["longitude"],
            "country": rows["country"],
            "date_start": rows["event_date"],
            "date_end": rows["date_end"].where(rows["date_end"] != "", rows["event_date"]),
            "best": rows["fatalities"],
            "high": rows["fatalities_high"],
            "low": rows["fatalities_low"],
        },
        index=rows.index,
    )
    return out.reindex(columns=UCDP_GED_COLUMNS, fill_value="")


def source_table(rows: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Stored rows (strings) as an ACLED or UCDP GED table: imported cells as they came, in their order.

    The columns are those of the imported records, in the order first seen (a file's own order),
    then the format's standard columns they lack when some rows were not imported in that format.
    """
    records = rows[RECORD_COLUMN].fillna("") if RECORD_COLUMN in rows.columns else pd.Series("", index=rows.index)
    own = ((_family(rows["imported_from"]) == kind) & (records != "")).to_numpy()
    parsed = [json.loads(text) for text in records[own]]
    columns = list(dict.fromkeys(name for record in parsed for name in record))
    if (~own).any() or not parsed:  # rows mapped from our schema fill the format's standard columns
        columns += [name for name in SOURCE_COLUMNS[kind] if name not in columns]
    table = pd.DataFrame("", index=rows.index, columns=columns, dtype=object)
    if parsed:
        table.loc[own] = (
            pd.DataFrame(parsed, index=rows.index[own], dtype=object)
            .reindex(columns=columns)
            .astype(object)
            .fillna("")
            .to_numpy()
        )
    if (~own).any():
        table.loc[~own] = _from_schema(rows[~own], kind).reindex(columns=columns, fill_value="").to_numpy()
    return table.reset_index(drop=True)


def _plain_numbers(table: pd.DataFrame) -> frozenset[str]:
    return frozenset(table.columns)  # the guard spares a cell that is a number, whatever its column


def source_csv(rows: pd.DataFrame, kind: str) -> bytes:
    """An ACLED or UCDP GED CSV (UTF-8, no byte-order mark, as the sources write them)."""
    table = source_table(rows, kind)
    return guard_formulas(table, _plain_numbers(table)).to_csv(index=False, lineterminator="\n").encode("utf-8")


def view_csv(events: pd.DataFrame, stored: pd.DataFrame) -> bytes:
    """Validated events (a view) as the app's CSV: ACLED's columns with imported cells as they came.

    An event imported from ACLED gives back every column and cell of its row; other events are
    mapped from our schema. Our columns ACLED lacks (``date_end``, ``fatalities_low``, …) follow.
    UTF-8 with a byte-order mark, so spreadsheets read accents right.
    """
    text = event_strings(events).reset_index(drop=True)
    records = stored.drop_duplicates("event_id_cnty").set_index("event_id_cnty")[RECORD_COLUMN]
    text[RECORD_COLUMN] = text["event_id_cnty"].map(records).astype(object).fillna("")
    table = source_table(text, "acled")
    for name in export_columns():
        if name not in table.columns:
            table[name] = text[name].to_numpy()
    return guard_formulas(table, _plain_numbers(table)).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


@dataclass(frozen=True)
class Selection:
    """The URL's filters for an export: ``from``, ``to``, ``actor``, ``type``, ``region`` (empty: all)."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


def select(rows: pd.DataFrame, typed: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The stored rows whose validated event (``typed``) passes ``selection``, in store order."""
    if typed.empty:
        return rows.iloc[0:0]
    first, last = typed["event_date"].min().date(), typed["date_end"].max().date()
    chosen = EventFilter(
        start=selection.start or first,
        end=selection.end or max(last, selection.start or first),
        actors=selection.actors,
        event_types=selection.event_types,
        regions=selection.regions,
    )
    mask = window_mask(typed, chosen) & attribute_mask(typed, chosen)
    keep = set(typed.loc[mask, "event_id_cnty"])
    return rows[rows["event_id_cnty"].isin(keep).to_numpy()]


def export_bytes(rows: pd.DataFrame, kind: str, typed: pd.DataFrame | None = None) -> bytes:
    """The rows in one of :data:`FORMATS`.

    ACLED and UCDP come from the stored rows, cells as imported; GeoJSON and GeoPackage from the
    same rows validated (``typed``), through the files the app writes (``data.io.gis``).
    """
    if kind in SOURCE_COLUMNS:
        return source_csv(rows, kind)
    if kind in ("geojson", "gpkg"):
        if typed is None:
            raise ValueError(f"a {kind} export is made from the validated events: pass them as typed")
        events = typed[typed["event_id_cnty"].isin(set(rows["event_id_cnty"])).to_numpy()]
        return events_geojson(events).encode("utf-8") if kind == "geojson" else events_geopackage(events)
    raise ValueError(f"unknown export format {kind!r}; one of {', '.join(FORMATS)}")


def _slug(text: str) -> str:
    words = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return "-".join(words.split("-")[:3])


def view_file_name(
    start: date, end: date, actors=(), event_types=(), regions=(), suffix: str = "csv", stem: str = "events"
) -> str:
    """A file name saying what the view holds: ``events_jnim-battles-gao_2024-01-01_2026-04-29.csv``.

    Each filter gives one short word (the first word of each actor, type and region chosen, at most
    two of each, ``+`` more); no filter, no word.
    """
    parts = []
    for values in (actors, event_types, regions):
        values = [value for value in values if value]
        words = [_slug(value.split(":")[0].split("(")[0].split()[0]) for value in values[:2]]
        parts += words + (["more"] if len(values) > 2 else [])
    label = "-".join(word for word in parts if word)
    pieces = [stem, *([label] if label else []), f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"]
    return "_".join(pieces) + f".{suffix}"
