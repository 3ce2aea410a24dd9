"""Which event a map click or a selection points at: pure lookups, no Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.gazetteer.nearest import click_radius_km, nearest_event

# Every event popup ends with "Event id: <id>" (geo.map.popups.event_popup_html); ids have no spaces.
_POPUP_ID = re.compile(r"Event id: (\S+)\s*$")


@dataclass(frozen=True)
class MapClick:
    """A click on the map: where (lon, lat), at which zoom, and the text of the popup it opened.

    ``on_object`` is true for a click on a drawn object (a rich symbol, a territory), false for a
    click on the map itself (the canvas layer's dots are not objects).
    """

    lon: float
    lat: float
    zoom: int = 5
    popup: str | None = None
    on_object: bool = False


def popup_event_id(text: str | None) -> str | None:
    """The event id at the end of a popup's text, or ``None``.

    Examples
    --------
    >>> popup_event_id("Battles: Armed clash ... Event id: CM-MLI-0016")
    'CM-MLI-0016'
    """
    found = _POPUP_ID.search(text or "")
    return found.group(1) if found else None


def clicked_event_id(events: pd.DataFrame, in_view: np.ndarray, click: MapClick) -> str | None:
    """The id of the event in view that ``click`` points at: named by its popup, else the nearest.

    A rich symbol's popup names its event exactly (events at one town share a point); another
    object (a territory, a town square) names none. A click on the canvas layer has no object, so
    the nearest event within about 10 pixels is taken.
    """
    named = popup_event_id(click.popup)
    if named is not None:
        ids = events["event_id_cnty"].to_numpy()[in_view]
        return named if named in set(ids) else None
    if click.on_object:
        return None
    event = nearest_event(events, in_view, click.lon, click.lat, click_radius_km(click.zoom))
    return None if event is None else str(event["event_id_cnty"])


def selected_event(events: pd.DataFrame, in_view: np.ndarray, event_id: str | None) -> dict | None:
    """The selected event as a record when it is among the events in view, else ``None``."""
    if event_id is None:
        return None
    hits = np.flatnonzero((events["event_id_cnty"].to_numpy() == event_id) & in_view)
    return events.iloc[hits[0]].to_dict() if hits.size else None
