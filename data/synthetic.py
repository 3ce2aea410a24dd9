"""Seeded synthetic ACLED-like events inside Mali: tests, benchmarks and the shipped sample files (never the record)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.io.formats import ACLED_EXPORT_COLUMNS, UCDP_GED_COLUMNS
from data.schema import CRS, EVENT_COLUMNS, EVENT_TYPES, column_names

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


# ACLED's actor naming (long names with periods) and actor types, for the columns the app does not use.
ACLED_ACTORS = {
    "JNIM": ("JNIM: Group for Support of Islam and Muslims", "Rebel group"),
    "FLA": ("FLA: Azawad Liberation Front", "Rebel group"),
    "Military Forces of Mali (FAMa)": ("Military Forces of Mali (2021-)", "State forces"),
    "Islamic State Sahel Province": ("Islamic State (Sahel)", "Rebel group"),
    "Africa Corps": ("Africa Corps", "External/Other forces"),
    "Civilians": ("Civilians (Mali)", "Civilians"),
}
DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


def _fill_acled_columns(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """Every other ACLED column with plausible text: actor types, interaction, admin2/3, tags, scale."""
    count = len(frame)
    names = frame["actor1"].map(lambda actor: ACLED_ACTORS[actor][0])
    frame["actor1"] = names
    frame["inter1"] = frame["actor1"].map(dict(ACLED_ACTORS.values()))
    others = np.array([long for long, _ in ACLED_ACTORS.values()])
    frame["actor2"] = np.where(rng.random(count) < 0.7, rng.choice(others, size=count), "")
    frame["inter2"] = frame["actor2"].map(dict(ACLED_ACTORS.values())).fillna("")
    frame["interaction"] = np.where(
        frame["actor2"] == "", frame["inter1"] + " only", frame["inter1"] + "-" + frame["inter2"]
    )
    frame["assoc_actor_1"] = np.where(rng.random(count) < 0.1, "Dozo Communal Militia (Mali); Civilians (Mali)", "")
    frame["disorder_type"] = frame["event_type"].map(DISORDER).fillna("Political violence")
    targeted = frame["event_type"] == "Violence against civilians"
    frame["civilian_targeting"] = np.where(targeted, "Civilian targeting", "")
    frame["admin2"] = frame["location"] + " Cercle"
    frame["admin3"] = np.where(rng.random(count) < 0.5, frame["location"], "")
    frame["source_scale"] = rng.choice(["National", "Local partner-National", "International", "Subnational"], count)
    frame["tags"] = np.where(rng.random(count) < 0.05, "crowd size=no report", "")
    frame["notes"] = "On " + frame["event_date"] + ", synthetic event near " + frame["location"] + " (not real)."


# UCDP GED: type_of_violence 1 state-based, 2 non-state, 3 one-sided.
UCDP_SIDES = {
    "1": ("Government of Mali", "JNIM"),
    "2": ("JNIM", "IS Sahel"),
    "3": ("IS Sahel", "Civilians"),
}


def synthetic_ucdp_export(count: int, seed: int = 13) -> pd.DataFrame:
    """A UCDP GED CSV download of ``count`` events in Mali, every one of its columns filled (strings)."""
    rng = np.random.default_rng(seed)
    towns = _mali_towns()
    towns = towns.iloc[rng.integers(0, len(towns), size=count)].reset_index(drop=True)
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    start = pd.to_datetime(FIRST_DAY + rng.integers(0, span, size=count).astype("timedelta64[D]"))
    end = start + pd.to_timedelta(rng.choice([0, 0, 0, 1, 3], size=count), unit="D")
    kind = rng.choice(["1", "2", "3"], size=count, p=[0.4, 0.2, 0.4])
    low = rng.integers(0, 10, size=count)
    best = low + rng.integers(0, 5, size=count)
    high = best + rng.integers(0, 10, size=count)
    lat = np.round(towns["lat"].astype(float).to_numpy() + rng.uniform(-0.02, 0.02, count), 6)
    lon = np.round(towns["lon"].astype(float).to_numpy() + rng.uniform(-0.02, 0.02, count), 6)
    side_a = np.array([UCDP_SIDES[k][0] for k in kind])
    side_b = np.array([UCDP_SIDES[k][1] for k in kind])
    frame = pd.DataFrame(
        {
            "id": (400_000 + np.arange(count)).astype(str),
            "relid": [f"MLI-{d:%Y}-1-{i}" for i, d in enumerate(start)],
            "year": start.year.astype(str),
            "active_year": rng.choice(["1", "0"], size=count),
            "code_status": "Clear",
            "type_of_violence": kind,
            "conflict_dset_id": np.where(kind == "1", "11347", np.where(kind == "2", "15023", "1044")),
            "conflict_new_id": np.where(kind == "1", "11347", np.where(kind == "2", "15023", "1044")),
            "conflict_name": np.where(kind == "1", "Mali: Government", side_a + " - " + side_b),
            "dyad_dset_id": (13000 + rng.integers(0, 50, count)).astype(str),
            "dyad_new_id": (13000 + rng.integers(0, 50, count)).astype(str),
            "dyad_name": side_a + " - " + side_b,
            "side_a_dset_id": "432",
            "side_a_new_id": "432",
            "side_a": side_a,
            "side_b_dset_id": "1234",
            "side_b_new_id": "1234",
            "side_b": side_b,
            "number_of_sources": rng.integers(1, 5, size=count).astype(str),
            "source_article": "Synthetic wire;Synthetic radio",
            "source_office": "Synthetic",
            "source_date": start.strftime("%Y-%m-%d"),
            "source_headline": "Synthetic event (not a real event)",
            "source_original": "synthetic",
            "where_prec": rng.choice(["1", "2", "3", "4"], size=count),
            "where_coordinates": towns["location"].to_numpy() + " town",
            "where_description": "near " + towns["location"].to_numpy(),
            "adm_1": towns["region"].fillna("").to_numpy() + " region",
            "adm_2": towns["location"].to_numpy() + " cercle",
            "latitude": lat.astype(str),
            "longitude": lon.astype(str),
            "geom_wkt": [f"POINT ({x} {y})" for x, y in zip(lon, lat, strict=True)],
            "priogrid_gid": (150_000 + rng.integers(0, 9_000, count)).astype(str),
            "country": "Mali",
            "country_id": "432",
            "region": "Africa",
            "event_clarity": rng.choice(["1", "2"], size=count),
            "date_prec": rng.choice(["1", "2", "3"], size=count),
            "date_start": start.strftime("%Y-%m-%d 00:00:00.000"),
            "date_end": end.strftime("%Y-%m-%d 00:00:00.000"),
            "deaths_a": "0",
            "deaths_b": "0",
            "deaths_civilians": best.astype(str),
            "deaths_unknown": "0",
            "best": best.astype(str),
            "high": high.astype(str),
            "low": low.astype(str),
            "gwnoa": "432",
            "gwnob": "",
        }
    )
    return frame[list(UCDP_GED_COLUMNS)]


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
    joined = gpd.sjoin(points.set_crs(CRS), regions.set_crs(CRS), how="left", predicate="within")
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
    frame["timestamp"] = (1746000000 + rng.integers(0, 10_000_000, size=count)).astype(str)
    _fill_acled_columns(frame, rng)
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


SAMPLES_DIR = "samples"  # under the data folder
SAMPLE_FILES = {"acled": "acled_sample_synthetic.csv", "ucdp": "ucdp_ged_sample_synthetic.csv"}
SAMPLE_ROWS = 300


def sample_files(count: int = SAMPLE_ROWS) -> dict[str, bytes]:
    """The shipped sample files ("try the import"), by format: synthetic events, and marked so.

    ``python -c "from data.synthetic import write_samples; write_samples()"`` writes them again.
    """
    acled, _ = synthetic_acled_export(count, seed=21, fault_every=100)  # three faulty rows to show the report
    ucdp = synthetic_ucdp_export(count, seed=22)
    acled["event_id_cnty"] = "SYN" + acled["event_id_cnty"]  # no real ACLED id is taken
    acled["source"] = "Synthetic (" + acled["source"] + ")"
    ucdp["id"] = "99" + ucdp["id"]
    ucdp["source_office"] = "Synthetic sample, not real events"
    return {
        "acled": acled.to_csv(index=False, lineterminator="\n").encode(),
        "ucdp": ucdp.to_csv(index=False, lineterminator="\n").encode(),
    }


def write_samples(data_dir=None) -> None:
    """Write the sample files into ``data_dir/samples`` (the shipped data folder by default)."""
    from data.config import DATA_DIR

    folder = (data_dir or DATA_DIR) / SAMPLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for kind, data in sample_files().items():
        (folder / SAMPLE_FILES[kind]).write_bytes(data)
