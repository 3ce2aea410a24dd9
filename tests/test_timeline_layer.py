"""The window-aware layer: its file holds the data, its script holds none, nothing is compiled twice."""

from __future__ import annotations

import json

import folium
import pandas as pd
import streamlit_folium as st_folium_module

from data.view.filters import EventFilter, valid_at, window_mask
from geo.map.timeline_layer import NO_END, TimelineLayer, timeline_data_layer, timeline_payload
from geo.map.validity import day_numbers
from tests.conftest import event_row, raw_table


def test_payload_carries_every_event_and_version_with_day_ranges(dataset):
    payload = timeline_payload(dataset.events, dataset.territories, dataset.towns)
    events = payload["events"]
    assert len(events["first"]) == len(dataset.events) == len(events["fields"])
    assert all(first <= last for first, last in zip(events["first"], events["last"], strict=True))
    assert len(payload["territories"]) == len(dataset.territories)
    assert len(payload["towns"]) == len(dataset.towns)
    json.dumps(payload)  # JSON-ready


def test_payload_windows_agree_with_the_server_filters(dataset):
    payload = timeline_payload(dataset.events, dataset.territories, dataset.towns)
    first_day = dataset.events["event_date"].min().date()
    last_day = dataset.events["date_end"].max().date()
    start = first_day + (last_day - first_day) / 3
    end = first_day + 2 * (last_day - first_day) / 3
    s, e = (int(day_numbers(pd.Series([pd.Timestamp(day)]))[0]) for day in (start, end))
    events = payload["events"]
    in_page = sum(1 for a, b in zip(events["first"], events["last"], strict=True) if a <= e and b >= s)
    assert in_page == int(window_mask(dataset.events, EventFilter(start=start, end=end)).sum())
    for key, frame in (("territories", dataset.territories), ("towns", dataset.towns)):
        held = sum(1 for v in payload[key] if v["from"] <= e < v["to"])
        assert held == len(valid_at(frame, end))
    assert any(v["to"] == NO_END for v in payload["territories"])


def test_layer_script_holds_settings_not_data_and_is_not_compiled_as_a_template():
    fmap = folium.Map()
    TimelineLayer((1, 2, 2)).add_to(fmap)
    html = fmap.get_root().render()
    assert "cmTimeline" in html
    assert "timeline-" not in html  # no file named in the base map: it must not change with the filters


def test_the_file_travels_with_the_overlays_not_the_base_map():
    fmap = folium.Map()
    TimelineLayer((1, 2, 2)).add_to(fmap)
    group = timeline_data_layer("/app/static/generated/timeline-x.json")
    overlay = st_folium_module._get_feature_group_string(group, fmap)
    assert 'window.cmTimeline.load("/app/static/generated/timeline-x.json")' in overlay


def test_event_text_reaches_the_page_as_text_only():
    hostile = "{{ 7*7 }} <img src=x onerror=alert(1)>"
    frame = raw_table(event_row(notes=hostile))
    from data.validation.validate import validate_events

    events = validate_events(frame, "t").kept
    payload = timeline_payload(events, frame.iloc[:0].assign(valid_from=[], valid_to=[]), frame.iloc[:0])
    assert hostile in payload["events"]["fields"][0]
