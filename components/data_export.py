"""Download what the map shows: events as CSV (ACLED order), GeoJSON or GeoPackage; territory as GeoJSON.

Files are built only when a button is clicked (deferred ``data``), so a timeline move costs nothing
here even with a million events.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from data.io.export_csv import events_csv
from data.io.export_source import view_csv, view_file_name
from data.io.gis import events_geojson, events_geopackage, territory_geojson
from data.stores.events import EventStore
from data.view.filters import EventFilter

FORMATS = (
    ("CSV", "csv", "text/csv", events_csv),
    ("GeoJSON", "geojson", "application/geo+json", events_geojson),
    ("GeoPackage", "gpkg", "application/geopackage+sqlite3", events_geopackage),
)


def file_name(selection: EventFilter, suffix: str) -> str:
    """The download's name after the view: ``events_jnim-battles-gao_2024-01-01_2026-04-29.csv``."""
    chosen = (selection.actors, selection.event_types, selection.regions)
    return view_file_name(selection.start, selection.end, *chosen, suffix=suffix)


def show(
    events: pd.DataFrame,
    shown: np.ndarray,
    territories: pd.DataFrame,
    as_of: date,
    key: str = "data",
    selection: EventFilter | None = None,
    store: EventStore | None = None,
) -> int:
    """Download buttons for the events the map shows and the territory in force; returns the event count.

    Parameters
    ----------
    events : pandas.DataFrame
        All loaded events (validated).
    shown : numpy.ndarray
        Boolean mask of the events the map shows (the page's filters and window).
    territories : pandas.DataFrame
        Territory records in force on ``as_of`` (what the map draws).
    selection : EventFilter, optional
        The page's filter: files are named after it (``events_jnim-battles-gao_2024-01-01_2026-04-29.csv``).
    store : EventStore, optional
        The event store: the CSV then gives back every column and cell of the imported ACLED rows.
    """
    count = int(np.count_nonzero(shown))
    stamp = f"{as_of:%Y-%m-%d}"
    st.caption(f"Download the {count:,} events in view, or the territory as of {stamp}:")
    columns = st.columns(len(FORMATS) + 1)
    formats = list(FORMATS)
    if store is not None:
        formats[0] = ("CSV", "csv", "text/csv", lambda chosen: view_csv(chosen, store.read()))
    for column, (label, suffix, mime, build) in zip(columns, formats, strict=False):
        name = file_name(selection, suffix) if selection is not None else f"events-{stamp}.{suffix}"
        column.download_button(
            f"Events ({label})", data=lambda build=build: build(events[shown]), file_name=name,
            mime=mime, on_click="ignore", disabled=count == 0, key=f"{key}.{suffix}", icon=":material/download:",
        )  # fmt: skip
    columns[-1].download_button(
        "Territory (GeoJSON)", data=lambda: territory_geojson(territories), file_name=f"territory-{stamp}.geojson",
        mime="application/geo+json", on_click="ignore", key=f"{key}.territory", icon=":material/download:",
    )  # fmt: skip
    return count
