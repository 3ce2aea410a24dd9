"""The one GeoJSON serializer: geometry in (lon, lat), dates as ISO strings, NaN as null."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from data.cells import is_missing


def json_value(value: object) -> object:
    """A cell as a JSON-ready value: ISO strings for dates, ``None`` for missing values."""
    if is_missing(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def geometry_mapping(geometry: BaseGeometry | None, precision: int = 5) -> dict | None:
    """A shapely geometry as a GeoJSON mapping with coordinates rounded to ``precision`` digits."""
    if geometry is None:
        return None
    rounded = shapely.set_precision(geometry, 10.0**-precision)
    return shapely.geometry.mapping(rounded)


def to_feature(properties: dict, geometry: BaseGeometry | None, precision: int = 5) -> dict:
    """One GeoJSON Feature, coordinates rounded to ``precision`` digits."""
    props = {key: json_value(value) for key, value in properties.items()}
    return {"type": "Feature", "properties": props, "geometry": geometry_mapping(geometry, precision)}


def features_collection(features: list[tuple[dict, BaseGeometry | None]], precision: int = 5) -> dict:
    """A FeatureCollection of ``(properties, geometry)`` pairs."""
    return {"type": "FeatureCollection", "features": [to_feature(p, g, precision) for p, g in features]}


def to_feature_collection(frame: pd.DataFrame, geometry_column: str = "geometry") -> dict:
    """A (Geo)DataFrame as a FeatureCollection; every non-geometry column becomes a property."""
    columns = [c for c in frame.columns if c != geometry_column]
    return features_collection(
        [({c: row[c] for c in columns}, row.get(geometry_column)) for row in frame.to_dict("records")]
    )
