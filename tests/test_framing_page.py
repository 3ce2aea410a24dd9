"""'Zoom to what is shown' and 'Reset the view' on the page (AppTest)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.map.framing import fit_view, fits
from tests.page import header_text, map_args


def _zoom_button(app):
    return next(button for button in app.sidebar.button if button.key == "framing.button")


def _shown(app, dataset):
    events = dataset.events
    return events[events["admin1"] == "Kidal"]


def test_the_button_frames_the_shown_events_and_a_chosen_event_takes_over(app, dataset):
    app.session_state["filters.regions"] = ["Kidal"]
    app.run()
    assert map_args(app)["center"] is None  # the base view until something asks
    _zoom_button(app).click().run()
    assert not app.exception
    kidal = _shown(app, dataset)
    (lat, lon), zoom = fit_view(kidal["longitude"], kidal["latitude"])
    args = map_args(app)
    assert args["zoom"] == zoom
    assert args["center"] == pytest.approx([lat, lon], abs=1e-6)
    assert fits(kidal["longitude"], kidal["latitude"], (args["center"], args["zoom"]))
    assert zoom >= 7  # one region, much closer than the theatre's 6
    # It holds on later runs (a rerun must not hand the map another view) ...
    app.run()
    assert map_args(app)["center"] == args["center"]
    # ... until an event is chosen: the map goes there.
    event = kidal.iloc[0]
    app.session_state["selection.event_id"] = event["event_id_cnty"]
    app.run()
    assert map_args(app)["center"] == [event["latitude"], event["longitude"]]


def test_a_second_click_is_a_new_view_so_the_map_moves_again_after_a_pan(app):
    _zoom_button(app).click().run()
    first = map_args(app)["center"]
    _zoom_button(app).click().run()
    second = map_args(app)["center"]
    assert second != first  # streamlit-folium moves the map only for a changed centre
    assert second == pytest.approx(first, abs=1e-6)


def test_an_import_asks_for_the_framing_on_the_next_run(app, dataset):
    app.session_state["framing.asked"] = True  # what components.framing.ask sets before the rerun
    app.run()
    events = dataset.events
    assert map_args(app)["zoom"] == fit_view(events["longitude"], events["latitude"])[1]
    assert "framing.asked" not in app.session_state


def test_reset_the_view_gives_back_the_whole_record(app, dataset):
    first, last = app.session_state["timeline.range"]
    event = dataset.events.iloc[0]
    app.session_state["timeline.range"] = (date(2024, 1, 1), date(2025, 1, 1))
    app.session_state["filters.types"] = ["Battles"]
    app.session_state["selection.event_id"] = event["event_id_cnty"]
    app.run()
    assert f"of {len(dataset.events)} events" in header_text(app)
    assert f"Showing {len(dataset.events)} of" not in header_text(app)
    next(button for button in app.sidebar.button if button.key == "reset.button").click().run()
    assert not app.exception
    assert app.session_state["timeline.range"] == (first, last)
    assert not app.session_state["filters.types"]
    assert app.session_state["selection.event_id"] is None
    assert f"Showing {len(dataset.events)} of {len(dataset.events)} events" in header_text(app)
