"""Events and territory as GIS files: GeoJSON (through ``data.io.geojson``) and GeoPackage.

Events are points in EPSG:4326 with every schema column as a property, so a file exported here
imports back (``python -m data import``) as the same events.
"""

from __future__ import annotations

import io
import json
import warnings

import geopandas as gpd
import pandas as pd

from data.io.export_csv import event_strings
from data.io.geojson import to_feature_collection
from data.schema import CRS, EVENT_COLUMNS, column_names

EVENTS_LAYER = "events"


def _points(frame: pd.DataFrame, events: pd.DataFrame) -> gpd.GeoDataFrame:
    geometry = gpd.points_from_xy(events["longitude"].astype(float), events["latitude"].astype(float))
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def events_geojson(events: pd.DataFrame) -> str:
    """Validated events as a GeoJSON FeatureCollection (numbers as numbers, dates as ISO strings)."""
    properties = events[column_names(EVENT_COLUMNS)].reset_index(drop=True)
    collection = to_feature_collection(_points(properties, events.reset_index(drop=True)))
    return json.dumps(collection, ensure_ascii=False)


def events_geopackage(events: pd.DataFrame) -> bytes:
    """Validated events as a GeoPackage (one point layer, ``events``; cells as text, as stored)."""
    frame = _points(event_strings(events).reset_index(drop=True), events.reset_index(drop=True))
    buffer = io.BytesIO()
    with warnings.catch_warnings():  # GDAL notes that an in-memory file has no .gpkg extension
        warnings.simplefilter("ignore", RuntimeWarning)
        frame.to_file(buffer, driver="GPKG", layer=EVENTS_LAYER)
    return buffer.getvalue()


def territory_geojson(territories: gpd.GeoDataFrame) -> str:
    """Territory records (e.g. those in force on the as-of date) as a GeoJSON FeatureCollection."""
    return json.dumps(to_feature_collection(territories.reset_index(drop=True)), ensure_ascii=False)
