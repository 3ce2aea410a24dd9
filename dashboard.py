"""Conflict Map: northern Mali. The page, top to bottom."""

from dataclasses import replace

import streamlit as st

from components import (
    about,
    article_review,
    auth,
    briefing,
    cached,
    compare_dates,
    data_export,
    event_panel,
    export,
    filters_sidebar,
    framing,
    header,
    import_events,
    layout,
    linked,
    map_view,
    notices,
    publication,
    reset_view,
    reveal,
    share,
    story,
    timebar,
    timeline,
)
from data.view.filters import describe
from data.view.shown import shown
from geo.documents.furniture import story_caption
from geo.documents.standalone import ExportView
from geo.map.build import MapOptions, build_base_map
from geo.map.highlight import selected_layer
from geo.map.timeline_layer import timeline_data_layer

TITLE = "Conflict Map: northern Mali"
st.set_page_config(page_title=TITLE, page_icon="🗺️", layout="wide")

settings = cached.settings()
# Visitors get a short message, the server's log the traceback (CONFLICT_MAP_DEVELOPMENT=on shows it).
st.set_option("client.showErrorDetails", "full" if settings.development else "none")
writer = auth.current(settings)  # viewers look, filter, share and export; analysts also write
share.open_link(key="share")  # a shared link seeds the view once, before its parts are drawn
published = publication.show(settings.published, key="published")
token = cached.version(settings)  # one look at the files and the store per rerun
data = cached.dataset(settings, published, token)
mode = cached.basemap_mode(settings.basemap)
if data.events.empty:
    st.error("No event could be loaded: the rows not loaded are listed below.")
    notices.show(data.rejected)
    st.stop()

first_day = data.events["event_date"].min().date()
last_day = data.events["date_end"].max().date()
reveal.apply(data.events, first_day, last_day)  # "Show on the map" or an accept: widen what hides it
options_in_data = cached.filter_options(token, published, data.events)
link = share.restore(options_in_data, data.events, first_day, last_day, key="share")
# Title and map sit above the timeline on the page, but are drawn after it has been read.
stage = st.container(key="stage")  # what presentation mode keeps: title, sentence, story card, map
header_area, map_area, bar_area, story_area = (stage.container() for _ in range(4))
brief = briefing.show(cached.stories(token, published, data.events), data.events, story_area)
layout.show(brief.presenting, card=brief.step is not None)  # the stage fits the first screen
with bar_area:  # under the map; its report becomes the page's window before the window is read
    timebar.show(first_day, last_day, locked=brief.step is not None, key="timebar")
window = timeline.current(first_day, last_day, key="timeline")
strip_area = st.container()  # the events-over-time strip, under the stage
zoom_slot = st.sidebar.container()  # "Zoom to what is shown", above the filters, drawn once they are read
reset_view.show(st.sidebar, first_day, last_day, key="reset")  # its callback runs before the next run
chosen = filters_sidebar.show(options_in_data, key="filters", counted_in=(data.events, window))
selection = replace(window, **chosen)
about.show(mode)

# One render path: every event of the attribute filters goes to the browser once (a static file) and
# the map's own layer follows the window; the time bar under the map moves it without a rerun.
view = shown(data.events, data.territories, data.towns, selection)
events, territories, towns = data.events[view.in_window], view.territories, view.towns
stamp = (TITLE, header.as_of_text(selection.as_of_day), describe(selection, len(events), len(data.events)))
with header_area:
    header.show(*stamp)
    story.card(brief.step)

picked = linked.picked_event(data.events, view.in_window)  # a map click or a table row since the last run
framed = framing.show(events, zoom_slot, key="framing")  # the button's fit holds until an event is chosen
timeline_url = cached.timeline_url(token, published, data, view)
options = MapOptions(basemap=mode, theme=brief.theme)  # its frame's height: components.layout
base_layers = cached.basemap(settings.theatre)
bounds = (timebar.day_number(first_day), timebar.day_number(last_day), timebar.day_number(last_day))
base = build_base_map(base_layers, options, timeline=bounds)  # the same on every run: the iframe stays
overlays = [timeline_data_layer(timeline_url), selected_layer(picked, base_layers), *brief.highlight(data.events)]
with map_area:
    # A story step centres the map, else "zoom to what is shown", else a selected event, else a link's view
    # (only a change moves it).
    focus = brief.view or framed or linked.focus(picked) or share.link_view(link)
    map_view.show(base, overlays, options.height, view=focus, key="map")
    event_panel.show(picked)
# The strip sits under the slider but is sent after the map: on a move the browser redraws the map
# first (both share the page's one main thread).
with strip_area:
    linked.show_strip(token, published, data.events, view, (first_day, last_day))
linked.show(token, published, data.events, view, key="views")
notices.show(data.rejected)
defaults = (first_day, last_day, settings.published)
share.publish(
    selection, published, defaults, map_view.reported_view("map"), (options.center, options.zoom), key="share"
)
history = (data.events[view.chosen_rows], data.territories, data.towns)  # "what changed" looks before the window
on_screen = map_view.moved_view((options.center, options.zoom), key="map")  # None until the map moves
told = story_caption(brief.step, data.events)  # the picture carries the step's text and rings
export.show(ExportView(events, territories, towns, base_layers, stamp, selection.as_of_day, history, on_screen, told))
store = cached.event_store(settings.store)
data_export.show(data.events, view.in_window, territories, selection.as_of_day, "downloads", selection, store)
compare_dates.show(data.territories, base_layers, first_day, last_day, selection.as_of_day)
if writer.can_write:  # the stores check the role again on every write
    import_events.show(store, data.events["event_id_cnty"], writer, key="import")
    article_review.panel(settings, published, writer, key="review", record=data.events)
