"""The linked views under AppTest: map, table and header agree; a row selects, centres and highlights."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.config import DATA_DIR
from data.synthetic import synthetic_events
from geo.map.table import TABLE_LIMIT
from tests.conftest import ROOT
from tests.page import header_text, map_args, map_element, map_event_count, map_layer, set_window

SHOWING = "Showing {shown} of {total} events"
WIDGETS = {"filters.types": "multiselect", "filters.regions": "multiselect", "filters.precise": "toggle",
           "filters.subtypes": "multiselect", "filters.fatalities": "number_input",
           "filters.fatalities_max": "number_input", "filters.civilians": "toggle"}  # fmt: skip


def table(at: AppTest):
    return next(frame for frame in at.dataframe if frame.key == "table")


def map_count(at: AppTest) -> int:
    return map_event_count(at)


def assert_views_agree(at: AppTest, total: int) -> int:
    shown = len(table(at).value)
    assert map_count(at) == shown
    assert SHOWING.format(shown=shown, total=total) in header_text(at)
    return shown


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"filters.types": ["Battles"]},
        {"filters.regions": ["Kidal"], "timeline.range": (date(2020, 1, 1), date(2026, 4, 29))},
        {"filters.precise": True},
        {"filters.subtypes": ["Armed clash", "Non-state actor overtakes territory"]},
        {"filters.fatalities": 1, "filters.fatalities_max": 50},
        {"filters.types": ["Battles"], "filters.fatalities_max": 40},
    ],
    ids=["all", "battles", "kidal-since-2020", "precise-only", "sub-types", "1-50-killed", "battles-at-most-40"],
)
def test_table_map_and_header_count_the_same_events(app, dataset, settings):
    for key, value in settings.items():
        if key == "timeline.range":  # no widget: the time bar draws the window (set here as a link would)
            app.session_state[key] = value
        else:
            getattr(app, WIDGETS[key])(key=key).set_value(value)
    app.run()
    assert not app.exception
    shown = assert_views_agree(app, len(dataset.events))
    assert (shown == len(dataset.events)) is (not settings)


def test_precise_only_says_what_it_hides(app, dataset):
    exact = ((dataset.events["time_precision"] == 1) & (dataset.events["geo_precision"] == 1)).sum()
    hidden = len(dataset.events) - exact
    captions = [c.value for c in app.caption]
    assert f"Exact day and place only: would hide {hidden} of {len(dataset.events)} events" in captions
    app.toggle(key="filters.precise").set_value(True).run()
    captions = [c.value for c in app.caption]
    assert f"Exact day and place only: hides {hidden} of {len(dataset.events)} events" in captions
    assert len(table(app).value) == exact


def test_selecting_a_row_centres_the_map_without_remounting_it(app):
    before = map_element(app)
    before_args = json.loads(before.json_args)
    assert before_args["center"] is None
    chosen = table(app).value.iloc[2]
    app.session_state["table"] = {"selection": {"rows": [2], "columns": [], "cells": []}}
    app.run()
    assert not app.exception
    assert app.session_state["selection.event_id"] == chosen["Id"]
    after = map_element(app)
    after_args = json.loads(after.json_args)
    assert after.id == before.id
    assert after_args["script"] == before_args["script"]
    assert after_args["center"] != before_args["center"]
    assert after_args["zoom"] >= 6
    assert f"Event id: {chosen['Id']}" in after_args["feature_group"]  # the highlight's popup
    assert "cm-selected" in after_args["feature_group"]
    assert any(f"Selected: {chosen['Id'].replace('-', chr(92) + '-')}" in c.value for c in app.caption)
    # Unselecting the row clears the selection; the map stays where it is.
    app.session_state["table"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    app.run()
    assert app.session_state["selection.event_id"] is None
    assert "cm-selected" not in map_args(app)["feature_group"]


def test_clicking_any_cell_of_a_row_selects_that_row(app):
    chosen = table(app).value.iloc[3]
    app.session_state["table"] = {"selection": {"rows": [], "columns": [], "cells": [[3, "Place"]]}}
    app.run()
    assert not app.exception
    assert app.session_state["selection.event_id"] == chosen["Id"]
    # Drawn again as a whole-row selection, the cell set aside.
    assert app.session_state["table"]["selection"]["rows"] == [3]
    assert app.session_state["table"]["selection"]["cells"] == []
    # A cell in another row while that row is selected moves the selection there.
    other = table(app).value.iloc[5]
    app.session_state["table"] = {"selection": {"rows": [3], "columns": [], "cells": [[5, "Date"]]}}
    app.run()
    assert app.session_state["selection.event_id"] == other["Id"]


def test_a_selection_already_in_the_session_is_honoured(dataset):
    event = dataset.events.iloc[0]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["selection.event_id"] = event["event_id_cnty"]
    at.run()
    assert not at.exception
    args = map_args(at)
    assert args["center"] == [event["latitude"], event["longitude"]]
    ids = list(table(at).value["Id"])
    assert at.session_state["table"]["selection"]["rows"] == [ids.index(event["event_id_cnty"])]


def test_charts_and_strip_are_drawn_from_the_same_set(app):
    assert len(app.get("vega_lite_chart")) == 1  # the table's tab is open: the charts are not built
    app.session_state["views.tab"] = "Charts"  # what a click on the "Charts" tab sets
    app.run()
    charts = app.get("vega_lite_chart")
    assert len(charts) == 4  # the timeline strip, events per week, fatalities per month, top actors
    assert not [frame for frame in app.dataframe if frame.key == "table"]  # and the table is not
    specs = " ".join(chart.proto.spec for chart in charts)
    for title in ("Events per week, by type", "Reported fatalities per month", "Top actors"):
        assert title in specs


@pytest.fixture(scope="module")
def large_data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large-linked")
    for name in ("territories.csv", "town_status.csv"):
        (folder / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(TABLE_LIMIT + 1_500).to_csv(folder / "events.csv", index=False)
    return folder


def test_a_large_record_shows_the_first_rows_and_links_them_to_the_canvas(large_data_dir, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_DATA_DIR", str(large_data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    total = TABLE_LIMIT + 1_500
    assert len(table(at).value) == TABLE_LIMIT
    assert any(c.value.startswith(f"First 1,000 of {total:,} events (newest first)") for c in at.caption)
    assert f"Showing {total:,} of {total:,} events" in header_text(at)
    args = map_args(at)
    assert args["returned_objects"][0] == "last_clicked"  # the point: looked up on the server
    # A narrower window: table, header and canvas window agree.
    set_window(at, date(2015, 1, 1), date(2016, 12, 31))
    shown = int(header_text(at).split("Showing ")[1].split(" of")[0].replace(",", ""))
    assert 0 < shown < TABLE_LIMIT
    assert len(table(at).value) == shown
    # A row selects its event: highlighted on the canvas map, centred, detailed under the map.
    chosen = table(at).value.iloc[0]
    at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.session_state["selection.event_id"] == chosen["Id"]
    after = map_args(at)
    assert after["script"] == args["script"]
    assert "cm-selected" in after["feature_group"]
    assert after["center"] is not None
    assert any(m.value == "**Selected event**" for m in at.markdown)


@pytest.fixture(scope="module")
def civilian_data_dir(tmp_path_factory):
    """A small record (rich symbols, not the canvas) where violence against civilians targeted them."""
    folder = tmp_path_factory.mktemp("civilian-linked")
    for name in ("territories.csv", "town_status.csv"):
        (folder / name).write_bytes((DATA_DIR / name).read_bytes())
    events = synthetic_events(120, seed=11)
    against = events["event_type"] == "Violence against civilians"
    events.loc[against, "civilian_targeting"] = "Civilian targeting"
    events.loc[against & (events.index % 2 == 0), "sub_event_type"] = "Abduction/forced disappearance"
    events.loc[events.index % 5 == 0, "fatalities"] = ""  # unknown tolls
    events.to_csv(folder / "events.csv", index=False)
    return folder, events


def test_civilian_targeting_sub_types_and_toll_range_agree_across_views(civilian_data_dir, monkeypatch):
    folder, events = civilian_data_dir
    monkeypatch.setenv("CONFLICT_MAP_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    total = len(events)
    assert assert_views_agree(at, total) == total
    targeted = events["civilian_targeting"] == "Civilian targeting"
    at.toggle(key="filters.civilians").set_value(True).run()
    assert assert_views_agree(at, total) == targeted.sum() > 0
    assert "civilians targeted" in header_text(at)
    abducted = targeted & (events["sub_event_type"] == "Abduction/forced disappearance")
    at.multiselect(key="filters.subtypes").set_value(["Abduction/forced disappearance"]).run()
    assert 0 < assert_views_agree(at, total) == abducted.sum() < targeted.sum()
    tolls = pd.to_numeric(events["fatalities"], errors="coerce")
    at.number_input(key="filters.fatalities").set_value(2).run()
    at.number_input(key="filters.fatalities_max").set_value(12).run()
    assert assert_views_agree(at, total) == (abducted & tolls.between(2, 12)).sum()  # unknown tolls never within
    assert "Abduction/forced disappearance, 2–12 killed, civilians targeted" in header_text(at)


def test_sub_types_offered_follow_the_chosen_types(app, dataset):
    in_data = set(dataset.events["sub_event_type"])
    assert set(app.multiselect(key="filters.subtypes").options) == in_data
    app.multiselect(key="filters.subtypes").set_value(["Armed clash", "Arrests"]).run()
    app.multiselect(key="filters.types").set_value(["Battles"]).run()
    battles = set(dataset.events.loc[dataset.events["event_type"] == "Battles", "sub_event_type"])
    assert set(app.multiselect(key="filters.subtypes").options) == battles
    assert app.multiselect(key="filters.subtypes").value == ["Armed clash"]  # Arrests is not a battle
    assert not app.exception


def test_a_maximum_below_the_minimum_is_set_aside_with_a_note(app, dataset):
    app.number_input(key="filters.fatalities").set_value(10).run()
    at_least = assert_views_agree(app, len(dataset.events))
    app.number_input(key="filters.fatalities_max").set_value(3).run()
    assert not app.exception
    assert "At most 3 killed is below at least 10: no maximum applied." in [c.value for c in app.caption]
    assert assert_views_agree(app, len(dataset.events)) == at_least


def packed_count(at: AppTest) -> int:
    """How many events the map layer's file holds (every window's)."""
    return len(map_layer(at)["events"]["first"])


def test_the_canvas_packs_the_new_filters_too(large_data_dir, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_DATA_DIR", str(large_data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    total = TABLE_LIMIT + 1_500
    assert packed_count(at) == total
    at.multiselect(key="filters.subtypes").set_value(["Armed clash", "Sexual violence"]).run()
    at.number_input(key="filters.fatalities_max").set_value(5).run()
    assert not at.exception
    shown = int(header_text(at).split("Showing ")[1].split(" of")[0].replace(",", ""))
    assert 0 < shown < total
    assert packed_count(at) == shown  # the whole window: the canvas holds exactly what the header counts


@pytest.mark.parametrize(("on_map", "zoom"), [(True, 7), (False, None)], ids=["clicked-on-the-map", "chosen-elsewhere"])
def test_a_click_on_the_map_centres_its_event_without_a_zoom_jump(app, dataset, on_map, zoom):
    from geo.map.halos import focus_zoom

    event = dataset.events[dataset.events["geo_precision"] == 1].iloc[0]
    app.session_state["map.view"] = ((-1.0, 17.0), 7)  # the map's own report: the reader is at zoom 7
    app.session_state["selection.event_id"] = event["event_id_cnty"]
    app.session_state["selection.on_map"] = on_map
    app.run()
    args = map_args(app)
    assert args["center"] == [event["latitude"], event["longitude"]]
    assert args["zoom"] == (zoom if on_map else focus_zoom(1))  # a table row zooms in to its place
