"""Cached loaders: the edge where Streamlit's caches meet the pure ``geo``/``data`` functions.

Cached functions take hashable arguments only (paths as strings, dates, a store version token).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from data.config import Settings, load_settings
from data.schema import EVENT_TYPES
from data.stores import shipped as store
from data.stores.events import EventStore, open_store
from data.view.criteria import CRITERIA
from data.view.shown import Shown
from data.view.stories import STORIES_DIR, load_stories
from geo.gazetteer.gazetteer import Gazetteer, load_gazetteer
from geo.gazetteer.online_geocoder import lookup_for
from geo.map import generated
from geo.map.assets import STATIC_DIR, STATIC_URL
from geo.map.basemap import Basemap, load_basemap
from geo.map.tiles import resolve_basemap_mode
from geo.map.timeline_layer import timeline_payload
from geo.pipeline import Dataset, load_dataset

MAX_ACTOR_CHOICES = 300


def settings() -> Settings:
    """The settings in force (environment variables over the declared defaults)."""
    return load_settings(dict(os.environ))


# cache_resource, not cache_data: a million-row frame copied out of the cache on every rerun would
# cost seconds per timeline move. Callers treat it as read-only (filters return new frames).
@st.cache_resource(show_spinner="Loading events…", max_entries=4)
def _dataset(
    data_dir: str, published: date, theatre: str, store_location: str, cache_dir: str, version: str
) -> Dataset:
    # ``version`` is only a cache key: a changed file or store gives a new token, hence a reload.
    del version
    return load_dataset(Path(data_dir), published, theatre, event_store(store_location), Path(cache_dir))


@st.cache_resource
def event_store(location: str) -> EventStore:
    """The writable event store named by the ``CONFLICT_MAP_STORE`` setting."""
    return open_store(location)


def version(current: Settings) -> str:
    """Changes whenever a shipped file or the event store changes."""
    return f"{store.version(current.data_dir)}|{event_store(current.store).token()}"


def dataset(current: Settings, published: date, token: str) -> Dataset:
    """The validated dataset for a publication date.

    ``token`` is ``version(current)``, asked once per rerun by the page (with PostGIS it is a
    query) and passed to every loader keyed on it.
    """
    location, cache = current.store, str(current.cache_dir)
    return _dataset(str(current.data_dir), published, current.theatre, location, cache, token)


@st.cache_resource(max_entries=4)
def _filter_options(version: str, published: date, _events) -> dict[str, list[str]]:
    actors = pd.concat([_events["actor1"], _events["actor2"]])
    # Most frequent first, and no more than a list can usefully show.
    ranked = actors[actors != ""].value_counts().index[:MAX_ACTOR_CHOICES]
    # Every other list of names offers its column's values, sorted; sub-types in codebook order.
    offered = {c.field: sorted(set(_events[c.column]) - {""}) for c in CRITERIA if c.kind == "list" and c.column}
    present = set(_events["sub_event_type"].unique())
    sub_types = [sub for subs in EVENT_TYPES.values() for sub in subs if sub in present]
    return {**offered, "actors": sorted(ranked), "sub_event_types": sub_types}


def filter_options(token: str, published: date, events) -> dict[str, list[str]]:
    """Actors, regions and sub-event types present in the data, for the filter lists (once per version)."""
    return _filter_options(token, published, events)


@st.cache_resource(max_entries=8)
def _timeline_url(version: str, published: date, subset: tuple, _events, _chosen, _territories, _towns) -> str:
    events = _events if _chosen.all() else _events[_chosen]
    payload = json.dumps(timeline_payload(events, _territories, _towns), ensure_ascii=False, separators=(",", ":"))
    body = payload.encode("utf-8")
    # Content-addressed: a page that has the file keeps it; in the capped cache like every generated file.
    path = generated.write(STATIC_DIR / "generated", f"timeline-{hashlib.sha1(body).hexdigest()[:16]}.json", body)
    return f"{STATIC_URL}/generated/{path.name}"


def timeline_url(token: str, published: date, data: Dataset, view: Shown) -> str:
    """URL of the window-aware layer's file (``geo.map.timeline_layer``), written once per version.

    It holds every event the view's filters keep (``view.chosen_rows``, whatever the dates), and
    every territory and town-status version. A file the capped cache has pruned since is written again.
    """
    layers = (data.events, view.chosen_rows, data.territories, data.towns)
    url = _timeline_url(token, published, view.criteria_key, *layers)
    if not generated.touch(STATIC_DIR / "generated" / url.rsplit("/", 1)[1]):
        _timeline_url.clear()
        url = _timeline_url(token, published, view.criteria_key, *layers)
    return url


@st.cache_resource
def basemap(theatre: str) -> Basemap:
    """The shipped basemap, shared read-only by every session."""
    return load_basemap(theatre=theatre)


@st.cache_resource
def gazetteer(theatre: str) -> Gazetteer:
    """The offline gazetteer, shared read-only by every session."""
    return load_gazetteer(theatre=theatre)


@st.cache_resource
def online_lookup(setting: str, cache_dir: Path):
    """The online geocoder fallback (one per process, so its 1 request/s throttle holds), or None."""
    return lookup_for(setting, cache_dir / "nominatim.json")


@st.cache_resource(ttl=600)
def basemap_mode(setting: str) -> str:
    """``tiles`` or ``vector``; in ``auto`` mode the tile-server probe runs once per 10 minutes."""
    return resolve_basemap_mode(setting)


@st.cache_resource(max_entries=4)
def _stories(version: str, published: date, files: str, _events) -> list:
    del version, published, files  # cache keys only
    return load_stories(_events)


def stories(token: str, published: date, events) -> list:
    """The authored stories of ``data/datasets/stories/``, validated against the loaded events."""
    files = "|".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in sorted(STORIES_DIR.glob("*.csv")))
    return _stories(token, published, files, events)
