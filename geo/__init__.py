"""Geospatial logic with no Streamlit.

Gazetteer and geocoding, date resolution, territory operations and building the folium map.
Geometry is shapely in EPSG:4326, in (lon, lat) order.
"""
