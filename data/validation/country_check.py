"""Does an imported point fall in the country its row names? Catches swapped latitude/longitude.

A swapped pair is often still a valid position (Kidal's 18.4 N, 1.4 E becomes 1.4 N, 18.4 E, in
Congo), so only the country's outline can tell. Outlines are the shipped Natural Earth countries
(``data/datasets/basemap/countries.geojson``, West and North Africa); a row naming a country outside them is
not judged.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from data.config import DATA_DIR

COUNTRIES_FILE = DATA_DIR / "basemap" / "countries.geojson"
# About 11 km: ACLED places a border town on its centroid, and our outlines are simplified.
BORDER_TOLERANCE_DEG = 0.1
FIELD = "latitude/longitude"


@functools.lru_cache(maxsize=2)
def _countries(path: Path) -> dict[str, shapely.Geometry]:
    """Raw outlines by lower-case country name, ISO2 and ISO3 code."""
    import geopandas as gpd

    outlines = {}
    for record in gpd.read_file(path).to_dict("records"):
        for key in (record["name"], record["iso2"], record["iso3"]):
            outlines[str(key).strip().lower()] = record["geometry"]
    return outlines


@functools.lru_cache(maxsize=64)
def country_outline(name: str, path: Path = COUNTRIES_FILE) -> shapely.Geometry | None:
    """A country's outline widened by the border tolerance (prepared), or None when not shipped."""
    shape = _countries(path).get(name.strip().lower())
    if shape is None:
        return None
    widened = shapely.buffer(shape, BORDER_TOLERANCE_DEG)
    shapely.prepare(widened)
    return widened


def _number(text: pd.Series) -> np.ndarray:
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)


def outside_country(rows: pd.DataFrame, path: Path = COUNTRIES_FILE) -> pd.Series:
    """Per row, why its point is not in its country ('' when it is, or cannot be judged).

    Parameters
    ----------
    rows : pandas.DataFrame
        Event rows as strings with ``country``, ``latitude`` and ``longitude``.

    Returns
    -------
    pandas.Series
        Reasons, e.g. ``"(lat -3.0, lon 16.0) is outside Mali; swapped, (lat 16.0, lon -3.0) is
        inside"``, aligned with ``rows``.
    """
    reasons = pd.Series("", index=rows.index, dtype=object)
    lat, lon = _number(rows["latitude"]), _number(rows["longitude"])
    names = rows["country"].fillna("").astype(str).str.strip()
    for name in names.unique():
        shape = country_outline(name, path)
        if shape is None:
            continue
        mask = (names == name).to_numpy() & np.isfinite(lat) & np.isfinite(lon)
        inside = shapely.contains_xy(shape, lon[mask], lat[mask])
        swapped_inside = shapely.contains_xy(shape, lat[mask], lon[mask])
        for position, ok, swapped_ok in zip(np.flatnonzero(mask), inside, swapped_inside, strict=True):
            if ok:
                continue
            y, x = lat[position], lon[position]
            reason = f"(lat {y:g}, lon {x:g}) is outside {name}"
            if swapped_ok:
                reason += f"; swapped, (lat {x:g}, lon {y:g}) is inside"
            reasons.iloc[position] = reason
    return reasons
