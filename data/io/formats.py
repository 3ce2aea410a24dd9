"""Importers: ACLED and UCDP GED exports mapped onto our event schema (strings in, strings out).

Each importer only renames and translates codes; validation (``data.validation.validate``) then judges every
row, so a bad cell in an import gets the same message as in any file.
"""

from __future__ import annotations

import pandas as pd

from data.schema import EVENT_COLUMNS, column_names

# ACLED's export columns, in the order its export tool writes them (ACLED codebook, 2023 edition).
ACLED_EXPORT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
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


def _iso_dates(values: pd.Series) -> pd.Series:
    """ACLED dates as ISO: "2025-05-16", "16 May 2025" and "16-May-2025" all become "2025-05-16".

    A value no format fits is left as it was, so validation names it.
    """
    text = values.fillna("").astype(str).str.strip()
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    for style in ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%m/%d/%Y"):
        parsed = parsed.fillna(pd.to_datetime(text, format=style, errors="coerce"))
    return parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), text)


def from_acled(frame: pd.DataFrame) -> pd.DataFrame:
    """An ACLED export (any recent column set) as our schema's columns."""
    out = frame.reindex(columns=column_names(EVENT_COLUMNS), fill_value="").fillna("").astype(str)
    out["event_date"] = _iso_dates(frame["event_date"])
    if "date_end" not in frame.columns:
        out["date_end"] = ""
    return out


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
        "event_date": text["date_start"].str[:10],
        "date_end": text["date_end"].str[:10],
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
    return out.reindex(columns=column_names(EVENT_COLUMNS), fill_value="")


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
