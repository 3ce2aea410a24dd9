"""What picks events out on the map: the selected event, and the story step's events.

Both are rings drawn around a point by one builder (``add_rings``), non-interactive so that clicks
reach the symbol beneath, in two looks: a thin dark ring for the one selected event (its halo,
symbol and open popup travel with it), and a bright yellow ring on a dark shadow for a story
step, which the room must see on a shared screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import folium
import pandas as pd

from geo.map.basemap import Basemap
from geo.map.elements import EventSymbols, event_symbol, latlon
from geo.map.halos import add_halos
from geo.map.style import HIGHLIGHT_COLOUR

HIGHLIGHT_NAME = "Story highlight"
SELECTED_NAME = "Selected event"


@dataclass(frozen=True)
class Stroke:
    """One circle of a ring, drawn in order (the first lies underneath)."""

    colour: str
    weight: float
    opacity: float = 1.0
    class_name: str | None = None  # what the page's CSS and the browser tests select


@dataclass(frozen=True)
class RingLook:
    """How a ring looks: its radius in screen pixels and its strokes."""

    radius_px: int
    strokes: tuple[Stroke, ...]


SELECTED_RING = RingLook(17, (Stroke("#111111", 3, class_name="cm-selected"),))
STORY_RING = RingLook(19, (Stroke("#000000", 7, opacity=0.55), Stroke(HIGHLIGHT_COLOUR, 4, class_name="cm-highlight")))
RING_RADIUS_PX = STORY_RING.radius_px


def add_rings(group: folium.FeatureGroup, places: Iterable[tuple[float, float]], look: RingLook) -> None:
    """Add to ``group`` a ring of ``look`` around each ``(lon, lat)`` of ``places``."""
    for lon, lat in places:
        for stroke in look.strokes:
            named = {"class_name": stroke.class_name} if stroke.class_name else {}
            ring = folium.CircleMarker(
                latlon(lon, lat), radius=look.radius_px, color=stroke.colour, weight=stroke.weight,
                opacity=stroke.opacity, fill=False, **named,
            )  # fmt: skip
            ring.options["interactive"] = False  # folium drops it as a keyword; clicks go to the symbol
            ring.add_to(group)


def highlight_layer(events: pd.DataFrame, event_ids: tuple[str, ...]) -> folium.FeatureGroup:
    """A story step's ring around each place where one of ``event_ids`` happened.

    One ring per place: several events in one town share it. Works whether or not the events are
    inside the current window (a step may point at what is just outside it).
    """
    group = folium.FeatureGroup(name=HIGHLIGHT_NAME)
    chosen = events[events["event_id_cnty"].isin(event_ids)]
    places = chosen.drop_duplicates(["longitude", "latitude"])
    add_rings(group, zip(places["longitude"], places["latitude"], strict=True), STORY_RING)
    return group


def selected_layer(event: dict | None, basemap: Basemap) -> folium.FeatureGroup:
    """The selected event: its halo, a bold ring and its symbol with the popup open."""
    group = folium.FeatureGroup(name=SELECTED_NAME)
    if event is None:
        return group
    add_halos(group, [event], basemap)
    add_rings(group, [(event["longitude"], event["latitude"])], SELECTED_RING)
    symbol = event_symbol(event, "cm-selected-symbol")
    EventSymbols([symbol], size=(22, 22), popup_width=340, open_popup=True, z_index_offset=1000).add_to(group)
    return group
