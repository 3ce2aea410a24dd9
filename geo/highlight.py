"""The story step's events, ringed so the room sees which symbols the briefer is talking about."""

from __future__ import annotations

import folium
import pandas as pd

from geo.style import HIGHLIGHT_COLOUR

HIGHLIGHT_NAME = "Story highlight"
RING_RADIUS_PX = 19


def highlight_layer(events: pd.DataFrame, event_ids: tuple[str, ...]) -> folium.FeatureGroup:
    """A ring (bright, non-interactive) around each place where one of ``event_ids`` happened.

    One ring per place: several events in one town share it. Works whether or not the events are
    inside the current window (a step may point at what is just outside it).
    """
    group = folium.FeatureGroup(name=HIGHLIGHT_NAME)
    chosen = events[events["event_id_cnty"].isin(event_ids)]
    places = chosen.drop_duplicates(["longitude", "latitude"])
    for lon, lat in zip(places["longitude"], places["latitude"], strict=True):
        folium.CircleMarker(
            [float(lat), float(lon)],  # folium's [lat, lon]
            radius=RING_RADIUS_PX,
            color="#000000",
            weight=7,
            opacity=0.55,
            fill=False,
            interactive=False,
        ).add_to(group)
        folium.CircleMarker(
            [float(lat), float(lon)],
            radius=RING_RADIUS_PX,
            color=HIGHLIGHT_COLOUR,
            weight=4,
            fill=False,
            interactive=False,
            class_name="cm-highlight",
        ).add_to(group)
    return group
