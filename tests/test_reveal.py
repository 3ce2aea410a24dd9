"""An event asked for ("Show on the map", an accepted draft) is shown whatever hid it, and centred."""

from __future__ import annotations

from datetime import date

import pytest

from tests.page import header_text, map_args


def _battle_of_2013(dataset) -> dict:
    events = dataset.events
    row = events[(events["event_type"] == "Battles") & (events["event_date"].dt.year == 2013)].iloc[0]
    return row.to_dict()


def _ask(app, event_id: str) -> None:
    app.session_state["selection.event_id"] = event_id  # what reveal.ask sets, from a button's run
    app.session_state["reveal.id"] = event_id
    app.run()
    assert not app.exception, app.exception


@pytest.mark.parametrize(
    ("hidden_by", "settings"),
    [
        ("window", {"timeline.range": (date(2024, 1, 1), date(2026, 4, 29))}),
        ("filters", {"filters.types": ["Protests"]}),
        ("both", {"timeline.range": (date(2024, 1, 1), date(2026, 4, 29)), "filters.regions": ["Ménaka"]}),
    ],
)
def test_an_event_hidden_by_the_window_or_filters_is_shown_and_centred(app, dataset, hidden_by, settings):
    event = _battle_of_2013(dataset)
    for key, value in settings.items():
        app.session_state[key] = value
    app.run()
    assert f"of {len(dataset.events)} events" in header_text(app)
    _ask(app, event["event_id_cnty"])
    start, end = app.session_state["timeline.range"]
    assert start <= event["event_date"].date()
    assert event["date_end"].date() <= end
    if hidden_by != "window":  # the filters were cleared: every type and region again
        assert not app.session_state["filters.types"]
        assert not app.session_state["filters.regions"]
    else:  # the window grew only as far as the event's date: its end stays
        assert end == date(2026, 4, 29)
        assert start == event["event_date"].date()
    assert map_args(app)["center"] == [event["latitude"], event["longitude"]]  # the map flies there


def test_an_event_already_shown_changes_nothing_but_the_centre(app, dataset):
    event = _battle_of_2013(dataset)
    app.session_state["filters.types"] = ["Battles"]
    app.run()
    window = app.session_state["timeline.range"]
    _ask(app, event["event_id_cnty"])
    assert app.session_state["filters.types"] == ["Battles"]
    assert app.session_state["timeline.range"] == window
    assert map_args(app)["center"] == [event["latitude"], event["longitude"]]


def test_an_id_not_in_the_record_changes_nothing(app):
    window = app.session_state["timeline.range"]
    _ask(app, "NOT-AN-EVENT")
    assert app.session_state["timeline.range"] == window
    assert "reveal.id" not in app.session_state
