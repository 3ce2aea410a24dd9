"""Conflict Map: northern Mali. The page, top to bottom."""

from dataclasses import replace

import streamlit as st

from components import (
    about,
    article_review,
    briefing,
    cached,
    event_panel,
    export,
    filters_sidebar,
    header,
    map_view,
    notices,
    publication,
    story,
    timeline,
)
from data.filters import attribute_mask, describe, valid_at, window_mask
from geo.mapbuild import MapOptions, build_base_map, build_overlays, uses_canvas
from geo.nearest import click_radius_km, nearest_event

TITLE = "Conflict Map: northern Mali"
st.set_page_config(page_title=TITLE, page_icon="🗺️", layout="wide")

settings = cached.settings()
published = publication.show(settings.published, key="published")
token = cached.version(settings)  # one look at the files and the store per rerun
data = cached.dataset(settings, published, token)
mode = cached.basemap_mode(settings.basemap)
if data.events.empty:
    st.error("No event could be loaded: the rows not loaded are listed below.")
    notices.show(data.rejected)
    st.stop()

# Title and map sit above the timeline on the page, but are drawn after it has been read.
stage = st.container(key="stage")  # what presentation mode keeps: title, sentence, story card, map
header_area, map_area = stage.container(), stage.container()
first_day = data.events["event_date"].min().date()
last_day = data.events["date_end"].max().date()
brief = briefing.show(cached.stories(token, published, data.events), data.events, first_day, last_day)
chosen = filters_sidebar.show(cached.filter_options(token, published, data.events), key="filters")
selection = replace(timeline.show(first_day, last_day, key="timeline"), **chosen)
about.show(mode)

# A large record is drawn from packed arrays on a canvas; a small one keeps rich symbols (and only
# then is the window's frame materialised: counting a million events costs 2 ms, copying them 80).
canvas = uses_canvas(len(data.events))
chosen_rows = attribute_mask(data.events, selection)
in_window = window_mask(data.events, selection) & chosen_rows
events = data.events.iloc[:0] if canvas else data.events[in_window]
territories = valid_at(data.territories, selection.as_of_day)
towns = valid_at(data.towns, selection.as_of_day)
stamp = (TITLE, header.as_of_text(selection.as_of_day), describe(selection, int(in_window.sum()), len(data.events)))
with header_area:
    header.show(*stamp)
    story.card(brief.step)

subset = tuple(sorted(chosen.items()))
packed_url = cached.packed_events_url(token, published, subset, data.events, chosen_rows) if canvas else None
options = MapOptions(basemap=mode, theme=brief.theme, height=brief.map_height(MapOptions.height))
base = build_base_map(cached.basemap(settings.theatre), options, packed_url=packed_url)
overlays = build_overlays(events, territories, towns, window=(selection.start, selection.end) if canvas else None)
overlays += brief.highlight(data.events)
with map_area:
    clicked = map_view.show(base, overlays, options.height, clickable=canvas, view=brief.view, key="map")
    if clicked:
        lon, lat, zoom = clicked
        event_panel.show(nearest_event(data.events, in_window, lon, lat, click_radius_km(zoom)))
notices.show(data.rejected)
if not canvas:  # a large record's export is a later step: its canvas layer needs the packed file
    export.show(events, territories, towns, cached.basemap(settings.theatre), stamp, selection.as_of_day)

with st.expander("Add events from an article", expanded=False, icon=":material/newspaper:"):
    article_review.show(
        cached.gazetteer(settings.theatre),
        settings.theatre,
        cached.event_store(settings.store),
        published,
        lookup=cached.online_lookup(settings.online_geocoder, settings.cache_dir),
        key="review",
    )
