"""The server side of the time bar's window, and the streamlit-folium internals the bar relies on."""

from __future__ import annotations

from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit as st
import streamlit_folium

from components import timebar, timeline
from data.view.filters import EventFilter, window_mask

VERIFIED_STREAMLIT_FOLIUM = "0.27.4"
RECHECK = "docs/timeline.md lists what the time bar relies on in streamlit-folium: re-verify it, then bump this"


@pytest.fixture
def state(monkeypatch):
    session: dict = {"timeline.bounds": (date(2012, 1, 1), date(2025, 12, 31))}
    monkeypatch.setattr(st, "session_state", session)
    return session


def _report(state, start, end, as_of, seq, rev=1):
    days = [timebar.day_number(day) for day in (start, end, as_of)]
    return timebar.receive({"start": days[0], "end": days[1], "as_of": days[2], "seq": seq, "rev": rev}, 1)


def test_a_reported_window_becomes_the_page_window(state):
    _report(state, date(2013, 1, 1), date(2014, 6, 30), date(2014, 6, 30), seq=1)
    assert timeline.window() == (date(2013, 1, 1), date(2014, 6, 30))
    assert state["timeline.apart"] is False
    _report(state, date(2013, 1, 1), date(2014, 6, 30), date(2013, 5, 1), seq=2)
    assert state["timeline.apart"] is True
    assert state["timeline.as_of"] == date(2013, 5, 1)


def test_an_older_or_malformed_report_is_ignored(state):
    _report(state, date(2013, 1, 1), date(2014, 6, 30), date(2014, 6, 30), seq=5)
    _report(state, date(2020, 1, 1), date(2021, 1, 1), date(2021, 1, 1), seq=4)  # arrives late
    assert timeline.window() == (date(2013, 1, 1), date(2014, 6, 30))
    assert not timebar.receive({"start": "x"}, 1)
    assert not _report(state, date(2020, 1, 1), date(2021, 1, 1), date(2021, 1, 1), seq=9, rev=0)  # before a story step
    assert timeline.window() == (date(2013, 1, 1), date(2014, 6, 30))


def test_reported_dates_are_clamped_to_the_record(state):
    _report(state, date(1990, 1, 1), date(2040, 1, 1), date(2040, 1, 1), seq=1)
    assert timeline.window() == (date(2012, 1, 1), date(2025, 12, 31))


def test_only_a_server_set_window_raises_the_revision(state):
    first = (date(2012, 1, 1), date(2025, 12, 31), date(2025, 12, 31))
    assert timebar.revision(first, "timebar") == 1
    assert timebar.revision(first, "timebar") == 1  # the same window again: no new revision
    _report(state, date(2013, 1, 1), date(2014, 6, 30), date(2014, 6, 30), seq=1)
    echo = (date(2013, 1, 1), date(2014, 6, 30), date(2014, 6, 30))
    assert timebar.revision(echo, "timebar") == 1  # the bar's own window coming back: an echo
    story_step = (date(2015, 1, 1), date(2015, 3, 31), date(2015, 3, 31))
    assert timebar.revision(story_step, "timebar") == 2  # a story step, link or reset: the bar adopts it


def test_streamlit_folium_is_the_version_the_bar_was_checked_against():
    assert version("streamlit-folium") == VERIFIED_STREAMLIT_FOLIUM, RECHECK


def test_streamlit_folium_frontend_still_has_what_the_bar_relies_on():
    build = Path(streamlit_folium.__file__).parent / "frontend" / "build"
    script = next(build.rglob("main.*.js")).read_text(encoding="utf-8")
    for needle in ("window.map", "map_div", "feature_group"):
        assert needle in script, f"streamlit-folium's frontend no longer has {needle!r}: {RECHECK}"
    assert hasattr(streamlit_folium, "generate_js_hash"), RECHECK  # the iframe's key: a constant base map
    # The layer's file URL travels in the overlays' string, rendered by this function.
    assert hasattr(streamlit_folium, "_get_feature_group_string"), RECHECK


def test_streamlit_still_iframes_v1_components_same_origin():
    static = Path(st.__file__).parent / "static" / "static" / "js"
    assert any(
        "allow-same-origin" in path.read_text(encoding="utf-8", errors="ignore") for path in static.glob("*.js")
    ), "the map's iframe is no longer same-origin: the time bar cannot reach window.__cmMap"


def test_a_symbol_click_reaches_python_once_by_its_id(state):
    timebar.receive_pick({"id": "CM-MLI-0016", "n": 1, "at": 1}, "timebar")
    assert timebar.pending_pick("timebar") == "CM-MLI-0016"
    assert timebar.pending_pick("timebar") is None  # applied once
    timebar.receive_pick({"id": "CM-MLI-0016", "n": 1, "at": 1}, "timebar")  # the same state on the next rerun
    assert timebar.pending_pick("timebar") is None
    timebar.receive_pick({"id": "CM-MLI-0016", "n": 2, "at": 2}, "timebar")  # the same symbol clicked again
    assert timebar.pending_pick("timebar") == "CM-MLI-0016"
    for malformed in (None, "CM-MLI-0016", {"n": 3}, {"id": 7, "n": 4}):
        timebar.receive_pick(malformed, "timebar")
        assert timebar.pending_pick("timebar") is None


def test_on_the_page_a_bar_report_becomes_the_window_the_header_and_the_map_read(monkeypatch, dataset):
    from tests.page import BarReports, header_text, map_event_count, open_page, window

    bar = BarReports(monkeypatch)
    at = open_page()
    rev = bar.data["rev"]
    start, end = date(2013, 1, 1), date(2014, 6, 30)
    bar.report(at, start, end)
    assert not at.exception
    assert window(at) == (start, end)
    expected = int(window_mask(dataset.events, EventFilter(start=start, end=end)).sum())
    assert f"Showing {expected} of {len(dataset.events)} events" in header_text(at)
    assert header_text(at).startswith("**As of 30 Jun 2014**")
    assert map_event_count(at) == expected
    assert bar.data["rev"] == rev  # the bar's own window coming back is an echo: no new revision
    bar.report(at, start, end, as_of=date(2013, 5, 1))  # the as-of handle set apart
    assert header_text(at).startswith("**As of 1 May 2013**")
    assert bar.data["rev"] == rev


def test_on_the_page_a_server_set_window_goes_to_the_bar_with_a_new_revision(monkeypatch, dataset):
    from tests.page import BarReports, header_text, open_page, set_window

    bar = BarReports(monkeypatch)
    at = open_page()
    rev = bar.data["rev"]
    assert bar.data["window"] == [bar.data["first"], bar.data["last"], bar.data["last"]]
    set_window(at, date(2015, 1, 1), date(2015, 3, 31))  # as a story step or a link sets it
    assert bar.data["rev"] == rev + 1
    assert bar.data["window"] == [timebar.day_number(date(2015, 1, 1)), *[timebar.day_number(date(2015, 3, 31))] * 2]
    assert header_text(at).startswith("**As of 31 Mar 2015**")
    # A report the bar made before it saw that revision is dropped: it would undo the server's window.
    bar.value = {"window": {"start": bar.data["first"], "end": bar.data["last"], "as_of": bar.data["last"],
                            "seq": 50, "rev": rev}}  # fmt: skip
    at.run()
    assert header_text(at).startswith("**As of 31 Mar 2015**")
