"""The shipped vector basemap (Natural Earth, see ``scripts/build_basemap.py``) and place labels."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from data.config import DATA_DIR
from geo.gazetteer import load_gazetteer
from geo.geocode import geocode

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


@functools.lru_cache(maxsize=2)
def load_basemap(data_dir: Path = DATA_DIR, theatre: str = "ML") -> Basemap:
    """Read the basemap layers once per folder (~50 ms) and place the labels with the gazetteer."""
    folder = data_dir / "basemap"
    gazetteer = load_gazetteer(data_dir, theatre)
    labels = []
    for name in LABELLED_TOWNS:
        place = geocode(name, gazetteer, theatre=theatre)
        labels.append((place.name, place.lon, place.lat))
    return Basemap(
        countries=gpd.read_file(folder / "countries.geojson"),
        admin1=gpd.read_file(folder / "admin1.geojson"),
        rivers=gpd.read_file(folder / "rivers.geojson"),
        lakes=gpd.read_file(folder / "lakes.geojson"),
        labels=tuple(labels),
    )
