"""The shipped vector basemap (Natural Earth, see ``scripts/build_basemap.py``) and place labels."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.config import DATA_DIR
from geo.gazetteer.gazetteer import load_gazetteer
from geo.gazetteer.geocode import geocode

# Towns labelled on the base map: the article's places and the north's main towns.
LABELLED_TOWNS = (
    "Bamako",
    "Kidal",
    "Gao",
    "Timbuktu",
    "Ménaka",
    "Mopti",
    "Tessalit",
    "Aguelhok",
    "Ségou",
    "Kayes",
    "Niamey",
    "Ouagadougou",
    "Nouakchott",
    "Tamanrasset",
)


@dataclass(frozen=True)
class Basemap:
    """Layers of the offline basemap (EPSG:4326) and labelled towns as (name, lon, lat)."""

    countries: gpd.GeoDataFrame
    admin1: gpd.GeoDataFrame
    rivers: gpd.GeoDataFrame
    lakes: gpd.GeoDataFrame
    labels: tuple[tuple[str, float, float], ...]


LABELS_FILE = "labels.csv"  # in data/datasets/basemap: LABELLED_TOWNS placed by the gazetteer (``write_labels``)


def place_labels(data_dir: Path = DATA_DIR, theatre: str = "ML") -> tuple[tuple[str, float, float], ...]:
    """``LABELLED_TOWNS`` as (name, lon, lat), geocoded with the shipped gazetteer (~0.5 s to load)."""
    gazetteer = load_gazetteer(data_dir, theatre)
    places = (geocode(name, gazetteer, theatre=theatre) for name in LABELLED_TOWNS)
    return tuple((place.name, place.lon, place.lat) for place in places)


def write_labels(data_dir: Path = DATA_DIR, theatre: str = "ML") -> Path:
    """Write ``place_labels`` to ``data/datasets/basemap/labels.csv`` (run by ``scripts/build_gazetteer.py``)."""
    path = data_dir / "basemap" / LABELS_FILE
    frame = pd.DataFrame(place_labels(data_dir, theatre), columns=["name", "longitude", "latitude"])
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def _read_labels(path: Path) -> tuple[tuple[str, float, float], ...]:
    frame = pd.read_csv(path, dtype={"name": str, "longitude": float, "latitude": float}, keep_default_na=False)
    return tuple((str(n), float(lon), float(lat)) for n, lon, lat in frame.itertuples(index=False))


@functools.lru_cache(maxsize=2)
def load_basemap(data_dir: Path = DATA_DIR, theatre: str = "ML") -> Basemap:
    """Read the basemap layers once per folder (~50 ms).

    The town labels come from ``labels.csv`` (derived from the gazetteer, and checked against it by
    a test): the page's cold start never loads the whole gazetteer (thousands of places) just for its few labels. A
    folder without that file has its labels geocoded.
    """
    folder = data_dir / "basemap"
    labels_path = folder / LABELS_FILE
    labels = _read_labels(labels_path) if labels_path.exists() else place_labels(data_dir, theatre)
    return Basemap(
        countries=gpd.read_file(folder / "countries.geojson"),
        admin1=gpd.read_file(folder / "admin1.geojson"),
        rivers=gpd.read_file(folder / "rivers.geojson"),
        lakes=gpd.read_file(folder / "lakes.geojson"),
        labels=labels,
    )
