"""Components in isolation (AppTest.from_function)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.filters_sidebar import SESSION_KEYS
from data.view.filters import EventCriteria, criteria_of


def timeline_page(last: tuple[int, int, int] = (2026, 4, 29)):
    from datetime import date

    import streamlit as st

    from components import timeline

    selection = timeline.current(date(2012, 1, 1), date(*last), key="t")
    st.write(f"{selection.start}|{selection.end}|{selection.as_of_day}")


def seeded_filters_page(criteria: dict):
    import streamlit as st

    from components import filters_sidebar

    if "seeded" not in st.session_state:
        st.session_state["seeded"] = sorted(criteria)
        filters_sidebar.seed(criteria, key="f")
    options = {"actors": ["FLA", "JNIM"], "regions": ["Gao", "Kidal"], "sub_event_types": ["Armed clash", "Attack"]}
    options["sources"] = ["AFP", "RFI"]
    st.session_state["chosen"] = filters_sidebar.show(options, key="f")


def notices_page():
    import streamlit as st

    from components import notices
    from data.validation.validate import Rejection

    shown = notices.show([Rejection("events.csv", 7, "latitude", "95 is outside -90..90")])
    st.write(f"shown={shown}")


def test_timeline_returns_the_whole_record_by_default():
    at = AppTest.from_function(timeline_page).run()
    assert at.markdown[0].value == "2012-01-01|2026-04-29|2026-04-29"
    assert at.session_state["t.range"] == (date(2012, 1, 1), date(2026, 4, 29))


def test_timeline_as_of_follows_the_window_end_unless_set_apart():
    # No widget draws the window: the time bar reports it, a story step or a link sets it.
    at = AppTest.from_function(timeline_page).run()
    at.session_state["t.range"] = (date(2013, 1, 1), date(2014, 6, 1))
    at.run()
    assert at.markdown[0].value == "2013-01-01|2014-06-01|2014-06-01"
    at.session_state["t.apart"] = True
    at.session_state["t.as_of"] = date(2020, 2, 2)
    at.run()
    assert at.markdown[0].value == "2013-01-01|2014-06-01|2020-02-02"
    at.session_state["t.as_of"] = date(2030, 1, 1)  # outside the record: its last day
    at.run()
    assert at.markdown[0].value == "2013-01-01|2014-06-01|2026-04-29"


def test_timeline_follows_the_record_when_it_grows_or_shrinks():
    at = AppTest.from_function(timeline_page).run()
    grown = AppTest.from_function(timeline_page, kwargs={"last": (2026, 5, 6)})
    grown.session_state["t.range"], grown.session_state["t.bounds"] = (
        at.session_state["t.range"],
        at.session_state["t.bounds"],
    )
    grown.run()
    assert grown.markdown[0].value == "2012-01-01|2026-05-06|2026-05-06"  # a window showing everything still does
    shrunk = AppTest.from_function(timeline_page, kwargs={"last": (2020, 1, 1)})
    shrunk.session_state["t.range"] = (date(2019, 1, 1), date(2024, 1, 1))
    shrunk.session_state["t.bounds"] = (date(2012, 1, 1), date(2026, 4, 29))
    shrunk.run()
    assert shrunk.markdown[0].value == "2019-01-01|2020-01-01|2020-01-01"  # clamped to the record


SEEDED = {
    "event_types": ("Battles",),
    "sub_event_types": ("Armed clash",),
    "actors": ("JNIM",),
    "regions": ("Gao", "Kidal"),
    "sources": ("RFI",),
    "min_fatalities": 2,
    "max_fatalities": 9,
    "civilian_targeting": True,
    "text": "drone",
    "precise_only": True,
}


@pytest.mark.parametrize(
    "criteria",
    [
        SEEDED,
        {**SEEDED, "min_fatalities": 0, "max_fatalities": 0},  # a maximum of 0 is a choice, seeded too
        criteria_of(EventCriteria()),  # defaults seed nothing
    ],
)
def test_seeded_filters_come_back_as_the_same_criteria(criteria):
    at = AppTest.from_function(seeded_filters_page, kwargs={"criteria": criteria}).run()
    assert at.session_state["chosen"] == criteria
    assert sorted(SESSION_KEYS) == sorted(criteria_of(EventCriteria()))  # every criterion has its widget


def test_notices_list_each_rejected_row():
    at = AppTest.from_function(notices_page).run()
    assert at.expander[0].label == "1 row(s) not loaded"
    assert at.text[0].value == "events.csv, row 7, field latitude: 95 is outside -90..90"
    assert at.markdown[-1].value == "shown=1"


def export_page(fail: bool = False, screen: tuple | None = None, opened: bool = True):
    from datetime import date

    import pandas as pd
    import streamlit as st

    from components import export
    from data.validation.validate import validate_events
    from geo.documents.render import RendererUnavailable
    from geo.documents.standalone import ExportView, ScreenView
    from geo.map.basemap import load_basemap
    from tests.conftest import event_row, raw_table

    class FakeRenderer:
        """Stands in for headless Chromium: records what it was asked to draw."""

        def png(self, html, size, events):
            if fail:
                raise RendererUnavailable("Chromium is not installed (test): run `bash scripts/setup.sh`.")
            image_css = ".leaflet-control-zoom { display: none; }" in html
            st.session_state.setdefault("calls", []).append(("png", size.pixels, events, image_css))
            st.session_state["png_html"] = html
            return b"\x89PNG fake"

        def pdf(self, html, footer=""):
            st.session_state.setdefault("calls", []).append(("pdf", "Changes of control since 22 Apr 2026" in html))
            return b"%PDF-1.4 fake"

    rows = [event_row(event_date="2026-04-28"), event_row(event_id_cnty="T2", event_date="2026-04-10")]
    events = validate_events(raw_table(*rows), "t.csv").kept
    towns = pd.DataFrame(
        {"town": [], "latitude": [], "longitude": [], "status": [], "actor": [], "notes": [], "source": [],
         "valid_from": pd.to_datetime([]), "valid_to": pd.to_datetime([])}
    )  # fmt: skip
    territories = towns.rename(columns={"town": "name"})
    stamp = ("Title", "29 Apr 2026", "Showing 2 of 2 events")
    history = (events, territories, towns)
    on_screen = ScreenView(*screen) if screen else None
    view = ExportView(events, territories, towns, load_basemap(), stamp, date(2026, 4, 29), history, on_screen)
    st.session_state.setdefault("x.open", opened)  # the panel opened (what a click on its label sets)
    ready = export.show(view, renderer=FakeRenderer(), key="x")
    st.write(f"ready={','.join(ready)}")


def download_labels(at) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def test_export_panel_builds_nothing_while_closed():
    at = AppTest.from_function(export_page, kwargs={"opened": False}, default_timeout=30).run()
    assert not at.exception
    assert at.expander[0].label == "Export: map file, picture, brief"
    assert not at.button
    assert not at.selectbox
    assert at.markdown[-1].value == "ready="
    at.session_state["x.open"] = True
    at.run()
    assert {"x.prepare", "x.render_png", "x.prepare_brief"} <= {button.key for button in at.button}


def test_export_offers_three_exports_and_nothing_to_download_before_asked():
    at = AppTest.from_function(export_page, default_timeout=30).run()
    assert not at.exception
    assert {"x.prepare", "x.render_png", "x.prepare_brief"} <= {button.key for button in at.button}
    assert at.selectbox(key="x.size").options == ["1280 × 720 (slides, HD)", "1920 × 1080 (Full HD)",
                                                  "A4 landscape (2246 × 1588)"]  # fmt: skip
    assert at.date_input(key="x.since").value == date(2026, 4, 22)  # a week before the as-of date
    assert download_labels(at) == []
    assert at.markdown[-1].value == "ready="


def test_png_is_rendered_at_the_chosen_size_and_offered():
    at = AppTest.from_function(export_page, default_timeout=30).run()
    at.selectbox(key="x.size").set_value("1920 × 1080 (Full HD)").run()
    at.button(key="x.render_png").click().run()
    assert not at.exception
    assert at.session_state["calls"] == [("png", (1920, 1080), 2, True)]
    assert download_labels(at) == ["Download PNG (1920 × 1080)"]
    # Another size makes the picture stale: it waits for a new request.
    at.selectbox(key="x.size").set_value("1280 × 720 (slides, HD)").run()
    assert download_labels(at) == []


def test_brief_is_offered_as_html_and_pdf():
    at = AppTest.from_function(export_page, default_timeout=30).run()
    at.button(key="x.prepare_brief").click().run()
    assert not at.exception
    # The brief's map is drawn at its own print size (labels at 8 pt or more), not the picture's.
    assert at.session_state["calls"] == [("png", (1520, 1080), 2, True), ("pdf", True)]
    assert download_labels(at) == ["Download brief (HTML)", "Download brief (PDF)"]
    assert at.markdown[-1].value == "ready=brief"
    at.date_input(key="x.since").set_value(date(2026, 4, 1)).run()
    assert download_labels(at) == []  # a new "since" date needs a new brief


def test_without_chromium_the_page_says_how_to_install_it_and_still_gives_the_brief_html():
    at = AppTest.from_function(export_page, kwargs={"fail": True}, default_timeout=30).run()
    at.button(key="x.render_png").click().run()
    assert not at.exception
    assert "Chromium is not installed (test)" in at.error[0].value
    assert download_labels(at) == []
    at.button(key="x.prepare_brief").click().run()
    assert "Chromium is not installed (test)" in at.error[0].value
    assert download_labels(at) == ["Download brief (HTML)"]


def test_framing_is_offered_once_the_map_has_moved_and_defaults_to_as_on_screen():
    fixed = AppTest.from_function(export_page, default_timeout=30).run()
    assert not fixed.radio  # nothing on screen to frame on: fitted, and said so
    assert "Framed on everything shown" in fixed.caption[0].value
    at = AppTest.from_function(export_page, kwargs={"screen": ((1.40921, 18.44346), 8)}, default_timeout=30).run()
    assert at.radio(key="x.frame").value == "As on screen"
    at.button(key="x.render_png").click().run()
    assert not at.exception
    assert "center: [18.44346, 1.40921]" in at.session_state["png_html"]
    assert '"zoom": 8,' in at.session_state["png_html"]
    assert download_labels(at) == ["Download PNG (1280 × 720)"]
    # The other framing is another picture: the prepared one goes stale until asked again.
    at.radio(key="x.frame").set_value("Fit everything shown").run()
    assert download_labels(at) == []
    at.button(key="x.render_png").click().run()
    assert "center: [18.44346, 1.40921]" not in at.session_state["png_html"]
    assert re.search(r"map_[0-9a-f]+\.fitBounds\(", at.session_state["png_html"])


def test_the_brief_draws_its_own_map_whatever_the_picture_size():
    at = AppTest.from_function(export_page, default_timeout=30).run()
    at.button(key="x.render_png").click().run()
    at.button(key="x.prepare_brief").click().run()
    assert not at.exception
    assert at.session_state["calls"] == [("png", (1280, 720), 2, True), ("png", (1520, 1080), 2, True), ("pdf", True)]
    assert download_labels(at) == ["Download PNG (1280 × 720)", "Download brief (HTML)", "Download brief (PDF)"]
    assert at.markdown[-1].value == "ready=png,brief"
