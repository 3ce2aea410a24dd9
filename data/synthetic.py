"""Seeded synthetic ACLED-like events inside Mali, for tests and benchmarks (never shipped data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.io.formats import ACLED_EXPORT_COLUMNS
from data.schema import EVENT_COLUMNS, EVENT_TYPES, column_names

# Mali's bounding box (lon, lat), Natural Earth admin-0.
BBOX = (-12.24, 10.16, 4.24, 25.0)
FIRST_DAY, LAST_DAY = np.datetime64("2012-01-01"), np.datetime64("2026-04-29")
ACTORS = ("JNIM", "FLA", "Military Forces of Mali (FAMa)", "Islamic State Sahel Province", "Africa Corps", "Civilians")
# Roughly ACLED's mix for the Sahel: mostly battles and violence against civilians.
TYPE_WEIGHTS = {
    "Battles": 0.34,
    "Explosions/Remote violence": 0.14,
    "Violence against civilians": 0.3,
    "Protests": 0.08,
    "Riots": 0.04,
    "Strategic developments": 0.1,
}


def synthetic_events(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` events as a frame of strings in the event schema (what a CSV import reads).

    Reproducible: the same ``count`` and ``seed`` give the same rows.
    """
    rng = np.random.default_rng(seed)
    types = np.array(list(TYPE_WEIGHTS))
    event_type = rng.choice(types, size=count, p=list(TYPE_WEIGHTS.values()))
    sub_type = np.array([EVENT_TYPES[t][0] for t in event_type])
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    start = FIRST_DAY + rng.integers(0, span, size=count).astype("timedelta64[D]")
    precision = rng.choice([1, 2, 3], size=count, p=[0.8, 0.15, 0.05])
    end = start + np.where(precision == 2, rng.integers(0, 7, size=count), 0).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{i:07d}" for i in range(count)],
            "event_date": start.astype(str),
            "date_end": end.astype(str),
            "time_precision": precision.astype(str),
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": rng.choice(ACTORS, size=count),
            "country": "Mali",
            "location": "Synthetic place",
            "latitude": np.round(rng.uniform(BBOX[1], BBOX[3], size=count), 5).astype(str),
            "longitude": np.round(rng.uniform(BBOX[0], BBOX[2], size=count), 5).astype(str),
            "geo_precision": rng.choice(["1", "2", "3"], size=count, p=[0.7, 0.2, 0.1]),
            "fatalities": rng.integers(0, 20, size=count).astype(str),
            "notes": "Synthetic event for tests and benchmarks.",
            "source": "Synthetic",
        }
    )
    return frame.reindex(columns=column_names(EVENT_COLUMNS), fill_value="")


# One kind of fault per injected row, in turn: (field reported, how the cell is spoiled).
FAULTS = ("event_date", "latitude", "latitude/longitude", "event_type")
DATE_STYLES = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%Y")


def _mali_towns() -> pd.DataFrame:
    """Mali's towns from the shipped GeoNames extract, each with the admin-1 region containing it."""
    import geopandas as gpd

    from data.config import DATA_DIR

    towns = pd.read_csv(DATA_DIR / "gazetteer" / "geonames.csv", dtype=str, keep_default_na=False)
    towns = towns[towns["country"] == "ML"].reset_index(drop=True)
    points = gpd.GeoDataFrame(
        towns, geometry=gpd.points_from_xy(towns["lon"].astype(float), towns["lat"].astype(float))
    )
    regions = gpd.read_file(DATA_DIR / "basemap" / "admin1.geojson")[["name", "geometry"]]
    joined = gpd.sjoin(points.set_crs("EPSG:4326"), regions.set_crs("EPSG:4326"), how="left", predicate="within")
    return joined.rename(columns={"name_left": "location", "name_right": "region"}).drop_duplicates("geonameid")


def synthetic_acled_export(count: int, seed: int = 11, fault_every: int = 250) -> tuple[pd.DataFrame, dict[int, str]]:
    """An ACLED-format export of ``count`` events in Mali, with faults injected on purpose.

    Events sit at Mali's towns (a few km of jitter) with ACLED's columns and mixed date styles.
    Every ``fault_every``-th row gets one fault in turn: an impossible date, latitude above 90,
    latitude and longitude swapped (still a valid position, outside Mali), no event type.

    Returns
    -------
    (pandas.DataFrame, dict)
        The export (strings) and ``{CSV row number: field}`` of every injected fault.
    """
    rng = np.random.default_rng(seed)
    base = synthetic_events(count, seed)
    towns = _mali_towns()
    towns = towns.iloc[rng.integers(0, len(towns), size=count)]
    day = pd.to_datetime(base["event_date"])
    styles = rng.choice(len(DATE_STYLES), size=count, p=[0.8, 0.1, 0.1])
    frame = pd.DataFrame(dict.fromkeys(ACLED_EXPORT_COLUMNS, ""), index=base.index)
    for column in ("event_type", "sub_event_type", "actor1", "time_precision", "geo_precision", "fatalities", "notes"):
        frame[column] = base[column]
    # A sub-type drawn among the type's own (no chemical weapons in the Sahel).
    subs = {kind: [s for s in EVENT_TYPES[kind] if s != "Chemical weapon"] for kind in EVENT_TYPES}
    frame["sub_event_type"] = [subs[kind][rng.integers(0, len(subs[kind]))] for kind in base["event_type"]]
    frame["event_id_cnty"] = [f"MLI{i + 1}" for i in range(count)]
    frame["event_date"] = [d.strftime(DATE_STYLES[s]) for d, s in zip(day, styles, strict=True)]
    frame["year"] = day.dt.year.astype(str)
    frame["iso"], frame["region"], frame["country"] = "466", "Western Africa", "Mali"
    frame["admin1"] = towns["region"].fillna("").to_numpy()
    frame["location"] = towns["location"].to_numpy()
    frame["latitude"] = np.round(towns["lat"].astype(float).to_numpy() + rng.uniform(-0.03, 0.03, count), 4).astype(str)
    frame["longitude"] = np.round(towns["lon"].astype(float).to_numpy() + rng.uniform(-0.03, 0.03, count), 4).astype(
        str
    )
    frame["source"] = rng.choice(["Studio Tamani", "AFP", "Le Journal du Mali", "RFI"], size=count)
    frame["timestamp"] = "1746000000"
    faults = {}
    for number, position in enumerate(range(fault_every - 1, count, fault_every)):
        fault = FAULTS[number % len(FAULTS)]
        if fault == "event_date":
            frame.at[position, "event_date"] = "2025-02-30"
        elif fault == "latitude":
            frame.at[position, "latitude"] = "95.2"
        elif fault == "latitude/longitude":
            frame.loc[position, ["latitude", "longitude"]] = frame.loc[position, ["longitude", "latitude"]].to_numpy()
        else:
            frame.at[position, "event_type"] = ""
        faults[position + 2] = fault  # the CSV's header is row 1
    return frame, faults
