"""Territory operations: regions to polygons, equal-area sizes."""

from __future__ import annotations

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from data.schema import CRS

# World Cylindrical Equal Area (NSIDC EASE-Grid 2.0): areas in m², valid at any latitude.
EQUAL_AREA_CRS = "EPSG:6933"


def split_region_codes(text: str) -> list[str]:
    """``"ML-6+ML-7"`` → ``["ML-6", "ML-7"]`` (white space ignored, empty parts dropped)."""
    return [part.strip() for part in text.split("+") if part.strip()]


def union_of_regions(codes: list[str], admin1: gpd.GeoDataFrame) -> BaseGeometry:
    """The union of admin-1 polygons with the given ISO 3166-2 codes.

    Raises
    ------
    KeyError
        Naming the codes that are not in ``admin1`` (e.g. ``unknown region code(s): ML-99``).
    """
    unknown = sorted(set(codes) - set(admin1["iso"]))
    if unknown:
        raise KeyError(f"unknown region code(s): {', '.join(unknown)}")
    parts = admin1.loc[admin1["iso"].isin(codes), "geometry"].to_numpy()
    # Rounded vertices leave hairline gaps between neighbours; a tiny buffer (in degrees, on
    # purpose: ~10 m) closes them.
    merged = shapely.union_all(shapely.buffer(parts, 1e-4))
    return shapely.make_valid(shapely.buffer(merged, -1e-4))


def area_km2(geometry: BaseGeometry) -> float:
    """Area of a lon/lat geometry in km², computed in an equal-area projection."""
    projected = gpd.GeoSeries([geometry], crs=CRS).to_crs(EQUAL_AREA_CRS)
    return float(projected.area.iloc[0] / 1e6)
