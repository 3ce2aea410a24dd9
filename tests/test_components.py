"""Components in isolation (AppTest.from_function)."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest


def timeline_page():
    from datetime import date

    import streamlit as st

    from components import timeline

    selection = timeline.show(date(2012, 1, 1), date(2026, 4, 29), key="t")
    st.write(f"{selection.start}|{selection.end}|{selection.as_of_day}")


def notices_page():
    import streamlit as st

    from components import notices
    from data.validate import Rejection

    shown = notices.show([Rejection("events.csv", 7, "latitude", "95 is outside -90..90")])
    st.write(f"shown={shown}")


def test_timeline_returns_the_whole_record_by_default():
    at = AppTest.from_function(timeline_page).run()
    assert at.markdown[0].value == "2012-01-01|2026-04-29|2026-04-29"
    assert at.session_state["t.range"] == (date(2012, 1, 1), date(2026, 4, 29))


def test_timeline_as_of_follows_the_window_end_unless_set_apart():
    at = AppTest.from_function(timeline_page).run()
    at.slider(key="t.range").set_value((date(2013, 1, 1), date(2014, 6, 1))).run()
    assert at.markdown[0].value == "2013-01-01|2014-06-01|2014-06-01"
    at.toggle(key="t.apart").set_value(True).run()
    at.slider(key="t.as_of").set_value(date(2020, 2, 2)).run()
    assert at.markdown[0].value == "2013-01-01|2014-06-01|2020-02-02"


def test_notices_list_each_rejected_row():
    at = AppTest.from_function(notices_page).run()
    assert at.expander[0].label == "1 row(s) not loaded"
    assert at.text[0].value == "events.csv, row 7, field latitude: 95 is outside -90..90"
    assert at.markdown[-1].value == "shown=1"
