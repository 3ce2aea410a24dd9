"""Which event a map click or a selection points at: pure lookups, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.gazetteer.nearest import click_radius_km, nearest_event


@dataclass(frozen=True)
class MapClick:
    """A click on the map itself: where (lon, lat) and at which zoom.

    A click on an event's symbol does not come this way: the symbol names its event by id
    (``components.timebar.pending_pick``).
    """

    lon: float
    lat: float
    zoom: int = 5


def clicked_event_id(events: pd.DataFrame, in_view: np.ndarray, click: MapClick) -> str | None:
    """The id of the event in view nearest to ``click`` within about 10 pixels, else ``None``.

    This is how a click on the canvas layer's dots (not objects) or beside them selects.
    """
    event = nearest_event(events, in_view, click.lon, click.lat, click_radius_km(click.zoom))
    return None if event is None else str(event["event_id_cnty"])


def selected_event(events: pd.DataFrame, in_view: np.ndarray, event_id: str | None) -> dict | None:
    """The selected event as a record when it is among the events in view, else ``None``."""
    if event_id is None:
        return None
    hits = np.flatnonzero((events["event_id_cnty"].to_numpy() == event_id) & in_view)
    return events.iloc[hits[0]].to_dict() if hits.size else None
