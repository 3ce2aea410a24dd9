"""Importers: ACLED and UCDP GED exports mapped onto our event schema (strings in, strings out).

Each importer only renames and translates codes; validation (``data.validation.validate``) then judges every
row, so a bad cell in an import gets the same message as in any file.
"""

from __future__ import annotations

import json

import pandas as pd

from data.dates import parse_date_column
from data.schema import EVENT_COLUMNS, column_names

# ACLED's export columns, in the order its export tool writes them (ACLED codebook, 2023 edition).
ACLED_EXPORT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# UCDP GED's columns, in the order of its CSV download (GED 24.1/25.1 codebook).
UCDP_GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
# The stored copy of a source row, every column and cell as imported (JSON: {column: cell} in file order).
RECORD_COLUMN = "source_record"  # the store's extra column (``data.stores.events.RECORD_COLUMN``)
ACLED_MARKERS = {"event_id_cnty", "event_date", "event_type", "sub_event_type"}
UCDP_MARKERS = {"date_start", "date_end", "where_prec", "date_prec", "best", "type_of_violence"}
# UCDP date_prec 1 exact day … 5 year or more; where_prec 1 exact place … 7 country or worse.
UCDP_TIME_PRECISION = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}
UCDP_GEO_PRECISION = {"1": "1", "2": "2", "3": "3", "4": "3", "5": "3", "6": "3", "7": "3"}
# type_of_violence: 1 state-based and 2 non-state conflict are fighting; 3 is one-sided violence.
UCDP_TYPES = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}


def detect_format(frame: pd.DataFrame) -> str:
    """``acled``, ``ucdp`` or ``ours`` from the columns; ``unknown`` when none fits."""
    columns = set(frame.columns)
    if columns >= UCDP_MARKERS:
        return "ucdp"
    if columns >= ACLED_MARKERS:
        return "ours" if "date_phrase" in columns or "source_excerpt" in columns else "acled"
    return "unknown"


def source_records(frame: pd.DataFrame) -> list[str]:
    """Each row as the JSON of ``{column: cell}`` in the file's order: what a lossless export writes back."""
    columns = [str(name) for name in frame.columns]
    return [json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) for row in frame.to_numpy().tolist()]


def date_problems(out: pd.DataFrame) -> dict[int, tuple[str, str]]:
    """The ``{position: (field, reason)}`` a converter found in the dates (kept in ``out.attrs``)."""
    return out.attrs.get("problems", {})


def _dates(out: pd.DataFrame, frame: pd.DataFrame, styles: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Parse the date columns (``{ours: (theirs, style)}``) strictly; problems go to ``out.attrs``."""
    problems: dict[int, tuple[str, str]] = {}
    for ours, (theirs, style) in styles.items():
        if theirs not in frame.columns:
            continue
        out[ours], bad = parse_date_column(frame[theirs].fillna("").astype(str), theirs, style)
        for position, reason in bad.items():
            problems.setdefault(position, (theirs, reason))
    out.attrs["problems"] = problems
    return out


def from_acled(frame: pd.DataFrame, styles: str = "acled") -> pd.DataFrame:
    """An ACLED export (any recent column set) as our schema's columns.

    Dates go through the one strict parser (``data.dates``); a cell it refuses is listed in
    ``out.attrs["problems"]`` and left as it was.
    """
    out = frame.reindex(columns=column_names(EVENT_COLUMNS), fill_value="").fillna("").astype(str)
    if "date_end" not in frame.columns:
        out["date_end"] = ""
    return _dates(out, frame, {"event_date": ("event_date", styles), "date_end": ("date_end", styles)})


def from_ours(frame: pd.DataFrame) -> pd.DataFrame:
    """A file in our own schema: its dates are ISO (``YYYY-MM-DD``) and nothing else."""
    return from_acled(frame, styles="iso")


def _column(text: pd.DataFrame, name: str) -> pd.Series:
    return text[name] if name in text.columns else pd.Series("", index=text.index)


def _or(first: pd.Series, fallback: pd.Series | str) -> pd.Series:
    return first.where(first != "", fallback)


def from_ucdp(frame: pd.DataFrame) -> pd.DataFrame:
    """A UCDP GED export as our schema's columns (``best`` the count; ``low``/``high`` kept beside it)."""
    text = frame.fillna("").astype(str)
    kinds = text["type_of_violence"].map(UCDP_TYPES)
    out = pd.DataFrame({
        "event_id_cnty": "UCDP-" + _column(text, "id"),
        "event_date": text["date_start"],
        "date_end": text["date_end"],
        "time_precision": text["date_prec"].map(UCDP_TIME_PRECISION).fillna(""),
        "event_type": kinds.map(lambda kind: kind[0] if isinstance(kind, tuple) else ""),
        "sub_event_type": kinds.map(lambda kind: kind[1] if isinstance(kind, tuple) else ""),
        "actor1": _column(text, "side_a"),
        "actor2": _column(text, "side_b"),
        "country": _column(text, "country"),
        "admin1": _column(text, "adm_1").str.replace(r"\s+(?:region|province)$", "", regex=True),
        "location": _or(_column(text, "where_coordinates"), _column(text, "country")),
        "latitude": text["latitude"],
        "longitude": text["longitude"],
        "geo_precision": text["where_prec"].map(UCDP_GEO_PRECISION).fillna(""),
        "fatalities": text["best"],
        "fatalities_low": _column(text, "low"),
        "fatalities_high": _column(text, "high"),
        "notes": _or(_column(text, "source_headline"), "UCDP GED event"),
        "source": "UCDP GED",
        "source_title": _column(text, "source_article"),
    })  # fmt: skip
    out = out.reindex(columns=column_names(EVENT_COLUMNS), fill_value="")
    return _dates(out, text, {"event_date": ("date_start", "ucdp"), "date_end": ("date_end", "ucdp")})


# What ``data.io.export_csv`` puts before a cell a spreadsheet would run as a formula.
FORMULA_GUARD = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def unguard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo the export's formula guard: ``'=SUM(A1)`` read back from our own CSV is ``=SUM(A1)``."""
    out = frame.copy()
    pattern = "^" + FORMULA_GUARD + "(?=[=+\\-@\t\r])"
    for name in out.columns:
        out[name] = out[name].fillna("").astype(str).str.replace(pattern, "", regex=True)
    return out
