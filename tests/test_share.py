"""Shareable views on the page (AppTest): a link seeds the view, bad values fall back with notices,
and the address bar follows what is on screen."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.plain import markdown
from data.view.filters import EventFilter, apply_filter, describe
from tests.conftest import PUBLISHED
from tests.page import header_text, map_args, map_event_count, open_page, set_window, window


def notices(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning if w.value.startswith("From the link")]


def url(at: AppTest) -> dict[str, list[str]]:
    return {name: value if isinstance(value, list) else [value] for name, value in at.query_params.items()}


def first_day(dataset) -> date:
    return dataset.events["event_date"].min().date()


def test_a_link_sets_the_filters_and_the_sentence(dataset):
    params = {"from": "2024-01-01", "type": ["Battles"], "region": ["Kidal"]}
    at = open_page(params)
    selection = EventFilter(date(2024, 1, 1), PUBLISHED, event_types=("Battles",), regions=("Kidal",))
    expected = len(apply_filter(dataset.events, selection))
    assert 0 < expected < len(dataset.events)
    assert header_text(at) == f"**As of 29 Apr 2026** · {describe(selection, expected, len(dataset.events))}"
    assert window(at) == (date(2024, 1, 1), PUBLISHED)
    assert at.multiselect(key="filters.types").value == ["Battles"]
    assert at.multiselect(key="filters.regions").value == ["Kidal"]
    assert map_event_count(at) == expected
    assert notices(at) == []
    assert url(at) == {"from": ["2024-01-01"], "type": ["Battles"], "region": ["Kidal"]}


def test_a_link_sets_as_of_publication_selection_and_mode():
    at = open_page({"asof": "2013-01-01", "published": "2026-05-06", "event": "MLI-ART-1", "mode": "present"})
    assert header_text(at).startswith("**As of 1 Jan 2013**")
    assert "territory as of 1 Jan 2013" in header_text(at)
    assert at.date_input(key="published").value == date(2026, 5, 6)
    assert at.session_state["presentation.on"] is True
    assert notices(at) == ["From the link: event=MLI-ART-1: no such event in the data; no event selected."]
    assert "selection.event_id" not in at.session_state


def test_a_link_selects_an_event_that_exists(dataset):
    event_id = dataset.events["event_id_cnty"].iloc[0]
    at = open_page({"event": event_id})
    assert at.session_state["selection.event_id"] == event_id
    assert url(at) == {"event": [event_id]}


def test_bad_values_fall_back_with_a_notice_each(app_default_header):
    params = {"from": "2024-13-01", "type": ["Riot"], "zoom": "40", "lat": "95", "lon": "1", "killed": "-3"}
    at = open_page({**params, "utm_source": "mail"})
    assert notices(at) == [
        "From the link: from=2024-13-01: not a date (expected YYYY-MM-DD); showing from the first event.",
        "From the link: killed=-3: not a whole number of at least 0; no minimum death toll.",
        "From the link: zoom=40: not a zoom level from 3 to 12; using the default zoom.",
        "From the link: type=Riot: not an ACLED event type; ignored.",
        "From the link: lat=95: outside -90..90; using the default centre.",
    ]
    assert header_text(at) == app_default_header
    assert map_args(at)["center"] is None
    assert map_args(at)["zoom"] is None
    assert url(at) == {"utm_source": ["mail"]}  # bad values are dropped, others' keys kept
    at.button(key="share.dismiss").click().run()
    assert notices(at) == []
    at.run()
    assert notices(at) == []


@pytest.fixture(scope="module")
def app_default_header() -> str:
    return header_text(open_page({}))


def test_the_address_bar_follows_the_view(dataset):
    at = open_page({})
    assert url(at) == {}
    set_window(at, first_day(dataset), date(2013, 12, 31))
    at.multiselect(key="filters.types").set_value(["Battles", "Strategic developments"]).run()
    at.toggle(key="filters.precise").set_value(True).run()
    assert url(at) == {"to": ["2013-12-31"], "type": ["Battles", "Strategic developments"], "precise": ["1"]}
    set_window(at, first_day(dataset), PUBLISHED)
    at.toggle(key="filters.precise").set_value(False).run()
    assert url(at) == {"type": ["Battles", "Strategic developments"]}  # defaults leave the link


def test_the_link_moves_the_map_without_remounting_it(dataset):
    plain = map_args(open_page({}))
    at = open_page({"lat": "18.4434", "lon": "1.4092", "zoom": "8"})
    linked = map_args(at)
    assert (linked["center"], linked["zoom"]) == ([18.4434, 1.4092], 8)
    assert linked["script"] == plain["script"]  # the base map is the same: no remount
    assert linked["returned_objects"][-2:] == ["center", "zoom"]  # the view, for the link
    set_window(at, first_day(dataset), date(2014, 1, 1))
    after = map_args(at)
    assert (after["script"], after["center"], after["zoom"]) == (linked["script"], [18.4434, 1.4092], 8)
    assert url(at)["lat"] == ["18.4434"]
    assert url(at)["zoom"] == ["8"]


def test_where_the_map_says_it_is_goes_into_the_link():
    at = open_page({"zoom": "7"})
    at.session_state["map.view"] = ((1.40921, 18.44346), 9)  # as map_view keeps the browser's report
    at.run()
    assert url(at) == {"lat": ["18.4435"], "lon": ["1.4092"], "zoom": ["9"]}
    at.session_state["map.view"] = ((-0.6, 17.3), 6)  # back at the base map's own view
    at.run()
    assert url(at) == {}


def test_words_from_a_link_cannot_become_markup():
    payload = "![x](http://evil.example/a.png) <b>"
    at = open_page({"q": payload})
    source = next(m.value for m in at.markdown if m.value.startswith("**As of"))
    assert f"mentioning “{markdown(payload)}”" in source  # every punctuation mark escaped
    assert f"mentioning “{payload}”" in header_text(at)  # and shown as typed
    assert at.text_input(key="filters.text").value == "![x](http://evil.example/a.png) <b>"


def test_the_maps_unmoved_first_report_does_not_drop_the_links_view():
    at = open_page({"lat": "18.4434", "lon": "1.4092", "zoom": "8"})
    at.session_state["map.view"] = ((-0.6, 17.3), 6)  # reported before the link's view is applied
    at.run()
    assert url(at) == {"lat": ["18.4434"], "lon": ["1.4092"], "zoom": ["8"]}


def test_a_link_sets_sub_types_toll_range_and_civilians(dataset):
    at = open_page({"type": "Battles", "subtype": "Armed clash", "killed": "1", "killedmax": "50"})
    selection = EventFilter(
        first_day(dataset), PUBLISHED, event_types=("Battles",), sub_event_types=("Armed clash",),
        min_fatalities=1, max_fatalities=50,
    )  # fmt: skip
    expected = len(apply_filter(dataset.events, selection))
    assert 0 < expected < len(dataset.events)
    assert header_text(at) == f"**As of 29 Apr 2026** · {describe(selection, expected, len(dataset.events))}"
    assert "Battles – Armed clash, 1–50 killed" in header_text(at)
    assert at.multiselect(key="filters.subtypes").value == ["Armed clash"]
    toll = (at.number_input(key="filters.fatalities"), at.number_input(key="filters.fatalities_max"))
    assert [box.value for box in toll] == [1, 50]
    assert notices(at) == []
    assert url(at) == {"type": ["Battles"], "subtype": ["Armed clash"], "killed": ["1"], "killedmax": ["50"]}
    at.toggle(key="filters.civilians").set_value(True).run()
    assert url(at)["civ"] == ["1"]
    assert "civilians targeted" in header_text(at)
    at.number_input(key="filters.fatalities_max").set_value(None).run()
    assert "killedmax" not in url(at)  # no maximum: the default leaves the link


def test_a_link_with_bad_new_values_falls_back_with_notices():
    at = open_page({"type": "Protests", "subtype": ["Armed clash"], "killed": "9", "killedmax": "2", "civ": "maybe"})
    assert notices(at) == [
        "From the link: civ=maybe: expected 1 or 0; civilians targeted or not.",
        "From the link: killedmax=2: below killed=9; no maximum death toll.",
        "From the link: subtype=Armed clash: not a sub-type of the chosen event types; ignored.",
    ]
    assert at.multiselect(key="filters.subtypes").value == []
    assert at.number_input(key="filters.fatalities_max").value is None
    assert at.toggle(key="filters.civilians").value is False
    assert url(at) == {"type": ["Protests"], "killed": ["9"]}


def test_a_link_keeps_a_maximum_of_zero():
    at = open_page({"killedmax": "0"})
    assert at.number_input(key="filters.fatalities_max").value == 0
    assert "0 killed" in header_text(at)
    assert url(at) == {"killedmax": ["0"]}
