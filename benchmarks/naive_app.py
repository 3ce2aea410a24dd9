"""The naive baseline: one folium.Marker per event in the window, the whole map rebuilt every rerun."""

import os
from datetime import timedelta
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from data.stores.shipped import read_table
from data.validation.validate import validate_events
from data.view.filters import EventFilter, apply_filter
from geo.map.assets import local_assets


@st.cache_resource
def events():
    path = Path(os.environ["CONFLICT_MAP_DATA_DIR"]) / "events.csv"
    return validate_events(read_table(path), path.name).kept


frame = events()
first, last = frame["event_date"].min().date(), frame["date_end"].max().date()
start, end = st.slider("Events between", first, last, (first, last), step=timedelta(days=1))
visible = apply_filter(frame, EventFilter(start, end))
st.markdown(f"Showing {len(visible):,} of {len(frame):,} events")
fmap = folium.Map(location=[17, -2.5], zoom_start=5, tiles=None)
assets = local_assets()
fmap.default_js, fmap.default_css = assets.js, assets.css
for row in visible.itertuples():
    folium.Marker([row.latitude, row.longitude], icon=folium.DivIcon(html="•", class_name="cm-event")).add_to(fmap)
st_folium(fmap, height=600, width=900, returned_objects=[])
