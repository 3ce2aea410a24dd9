"""Shareable views: URL parameters ↔ View, with exact notices for every bad value, never an exception."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode

import pytest

from data.view.url_values import MAX_ZOOM, MIN_ZOOM
from data.view.view_state import Choices, View, params_from_view, view_from_params
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map

CHOICES = Choices(
    first_day=date(2012, 1, 17),
    last_day=date(2026, 4, 29),
    names={"actors": ("JNIM", "FLA", "Military Forces of Mali (2021-)"), "regions": ("Gao", "Kidal")},
    event_ids=("MLI1", "MLI2"),
)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, View()),
        ({"from": "2024-01-01", "to": "2024-12-31"}, View(start=date(2024, 1, 1), end=date(2024, 12, 31))),
        ({"from": "2024-01-01"}, View(start=date(2024, 1, 1))),
        ({"asof": "2023-11-14"}, View(as_of=date(2023, 11, 14))),
        (
            {"type": ["Battles", "Explosions/Remote violence"]},
            View(event_types=("Battles", "Explosions/Remote violence")),
        ),
        ({"type": "Battles"}, View(event_types=("Battles",))),
        ({"type": ["Battles", "Battles"]}, View(event_types=("Battles",))),
        (
            {"actor": ["JNIM", "Military Forces of Mali (2021-)"]},
            View(actors=("JNIM", "Military Forces of Mali (2021-)")),
        ),
        ({"region": "Kidal"}, View(regions=("Kidal",))),
        ({"killed": "10"}, View(min_fatalities=10)),
        ({"killedmax": "50"}, View(max_fatalities=50)),
        ({"killedmax": "0"}, View(max_fatalities=0)),
        ({"killed": "1", "killedmax": "50"}, View(min_fatalities=1, max_fatalities=50)),
        ({"killed": "7", "killedmax": "7"}, View(min_fatalities=7, max_fatalities=7)),
        ({"civ": "1"}, View(civilian_targeting=True)),
        ({"civ": "0"}, View()),
        ({"subtype": "Armed clash"}, View(sub_event_types=("Armed clash",))),
        ({"subtype": ["Attack", "Air/drone strike"]}, View(sub_event_types=("Attack", "Air/drone strike"))),
        (
            {"type": "Battles", "subtype": ["Armed clash", "Armed clash"]},
            View(event_types=("Battles",), sub_event_types=("Armed clash",)),
        ),
        ({"q": " drone strike "}, View(text="drone strike")),
        ({"precise": "1"}, View(precise_only=True)),
        ({"precise": "false"}, View()),
        ({"published": "2026-05-06"}, View(published=date(2026, 5, 6))),
        ({"event": "MLI2"}, View(event_id="MLI2")),
        ({"lat": "18.4434", "lon": "1.4092"}, View(center=(1.4092, 18.4434))),
        ({"lat": "-90", "lon": "180"}, View(center=(180.0, -90.0))),
        ({"zoom": "3"}, View(zoom=3)),
        ({"zoom": "12"}, View(zoom=12)),
        ({"mode": "present"}, View(present=True)),
        ({"mode": "explore"}, View()),
        ({"utm_source": "mail", "embed": "true"}, View()),  # unknown keys are ignored
    ],
)
def test_valid_params_give_the_view_and_no_notice(params, expected):
    assert view_from_params(params, CHOICES) == (expected, [])


@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        (
            {"from": "2024-13-01"},
            View(),
            ["from=2024-13-01: not a date (expected YYYY-MM-DD); showing from the first event."],
        ),
        (
            {"to": "yesterday"},
            View(),
            ["to=yesterday: not a date (expected YYYY-MM-DD); showing up to the last event."],
        ),
        (
            {"from": "20240101"},
            View(),
            ["from=20240101: not a date (expected YYYY-MM-DD); showing from the first event."],
        ),
        (
            {"from": "2024-06-01", "to": "2024-01-01"},
            View(),
            ["from=2024-06-01: after to=2024-01-01; showing the whole record."],
        ),
        (
            {"from": "2001-01-01", "to": "2030-01-01"},
            View(start=date(2012, 1, 17), end=date(2026, 4, 29)),
            [
                "from=2001-01-01: before the record's first day; using 2012-01-17.",
                "to=2030-01-01: after the record's last day; using 2026-04-29.",
            ],
        ),
        (
            {"asof": "2011-12-31"},
            View(as_of=date(2012, 1, 17)),
            ["asof=2011-12-31: before the record's first day; using 2012-01-17."],
        ),
        (
            {"type": ["Battles", "Riot"]},
            View(event_types=("Battles",)),
            ["type=Riot: not an ACLED event type; ignored."],
        ),
        ({"actor": "Wagner"}, View(), ["actor=Wagner: not in the actor list; ignored."]),
        ({"region": "Mopti"}, View(), ["region=Mopti: not in the region list; ignored."]),
        ({"killed": "-3"}, View(), ["killed=-3: not a whole number of at least 0; no minimum death toll."]),
        ({"killed": "1e9"}, View(), ["killed=1e9: not a whole number of at least 0; no minimum death toll."]),
        ({"precise": "maybe"}, View(), ["precise=maybe: expected 1 or 0; all precisions shown."]),
        ({"civ": "yes"}, View(), ["civ=yes: expected 1 or 0; civilians targeted or not."]),
        ({"killedmax": "-1"}, View(), ["killedmax=-1: not a whole number of at least 0; no maximum death toll."]),
        ({"killedmax": "ten"}, View(), ["killedmax=ten: not a whole number of at least 0; no maximum death toll."]),
        (
            {"killed": "10", "killedmax": "3"},
            View(min_fatalities=10),
            ["killedmax=3: below killed=10; no maximum death toll."],
        ),
        (
            {"subtype": ["Armed clash", "Ambush"]},
            View(sub_event_types=("Armed clash",)),
            ["subtype=Ambush: not an ACLED sub-event type; ignored."],
        ),
        (
            {"type": "Protests", "subtype": ["Armed clash", "Peaceful protest"]},
            View(event_types=("Protests",), sub_event_types=("Peaceful protest",)),
            ["subtype=Armed clash: not a sub-type of the chosen event types; ignored."],
        ),
        (
            {"type": ["Riot"], "subtype": "Mob violence"},
            View(sub_event_types=("Mob violence",)),
            ["type=Riot: not an ACLED event type; ignored."],
        ),
        ({"zoom": "40"}, View(), ["zoom=40: not a zoom level from 3 to 12; using the default zoom."]),
        ({"zoom": "2"}, View(), ["zoom=2: not a zoom level from 3 to 12; using the default zoom."]),
        ({"zoom": "5.5"}, View(), ["zoom=5.5: not a zoom level from 3 to 12; using the default zoom."]),
        ({"lat": "95", "lon": "1"}, View(), ["lat=95: outside -90..90; using the default centre."]),
        ({"lat": "18", "lon": "-181"}, View(), ["lon=-181: outside -180..180; using the default centre."]),
        ({"lat": "nan", "lon": "1"}, View(), ["lat=nan: not a number; using the default centre."]),
        ({"lat": "18"}, View(), ["lat=18: given without lon; using the default centre."]),
        ({"lon": "1", "zoom": "7"}, View(zoom=7), ["lon=1: given without lat; using the default centre."]),
        ({"mode": "party"}, View(), ["mode=party: expected present or explore; exploring."]),
        ({"event": "MLI9"}, View(), ["event=MLI9: no such event in the data; no event selected."]),
        ({"event": "<script>"}, View(), ["event=<script>: not an event id; no event selected."]),
        (
            {"published": "2026-02-30"},
            View(),
            ["published=2026-02-30: not a date (expected YYYY-MM-DD); using the default publication date."],
        ),
        (
            {"zoom": ["6", "8"]},
            View(zoom=8),
            ["zoom=8: given 2 times; using the last."],
        ),
        (
            {"q": "x" * 201},
            View(),
            [f"q={'x' * 60}…: longer than 200 characters or holds control characters; no word search."],
        ),
        (
            {"q": "__import__('os').system('id')", "killed": "__import__('os')"},
            View(text="__import__('os').system('id')"),
            ["killed=__import__('os'): not a whole number of at least 0; no minimum death toll."],
        ),
    ],
)
def test_invalid_params_fall_back_with_exact_notices(params, expected, notices):
    view, given = view_from_params(params, CHOICES)
    assert view == expected
    assert [str(notice) for notice in given] == notices


@pytest.mark.parametrize(
    "params",
    [
        {"from": ["2024-01-01", "x"], "to": None},
        {"type": [], "lat": [], "lon": ["1"]},
        {"zoom": "", "killed": "", "from": ""},
        {"lat": "1" * 500, "lon": "1e308"},
        {"q": "\x00"},
        {"actor": [b"JNIM", 5]},
        {"subtype": ["", "\x00"], "killedmax": ["", "9" * 8], "civ": []},
    ],
)
def test_odd_input_never_raises(params):
    view, notices = view_from_params(params, CHOICES)
    assert isinstance(view, View)
    assert notices


def test_without_choices_only_the_form_is_checked():
    view, notices = view_from_params({"actor": "Anyone", "from": "1990-01-01", "event": "X1"})
    assert view == View(start=date(1990, 1, 1), actors=("Anyone",), event_id="X1")
    assert notices == []


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (View(), {}),
        (
            View(start=date(2024, 1, 1), event_types=("Battles",), actors=("JNIM", "FLA"), precise_only=True),
            {"from": "2024-01-01", "type": ["Battles"], "actor": ["JNIM", "FLA"], "precise": "1"},
        ),
        (
            View(center=(1.409213, 18.4434512), zoom=8, present=True, event_id="MLI1"),
            {"event": "MLI1", "lat": "18.4435", "lon": "1.4092", "zoom": "8", "mode": "present"},
        ),
        (View(center=(-2.5, 17.0)), {"lat": "17", "lon": "-2.5"}),
        (
            View(min_fatalities=5, text="Kidal", published=date(2026, 5, 6)),
            {"killed": "5", "q": "Kidal", "published": "2026-05-06"},
        ),
        (View(max_fatalities=None, civilian_targeting=False, sub_event_types=()), {}),
        (
            View(event_types=("Battles",), sub_event_types=("Armed clash",), max_fatalities=0, civilian_targeting=True),
            {"type": ["Battles"], "subtype": ["Armed clash"], "killedmax": "0", "civ": "1"},
        ),
    ],
)
def test_params_leave_defaults_out(view, params):
    assert params_from_view(view) == params


def test_a_view_survives_the_round_trip():
    view = View(
        start=date(2024, 1, 1),
        end=date(2026, 1, 1),
        as_of=date(2025, 6, 1),
        event_types=("Battles", "Violence against civilians"),
        actors=("Military Forces of Mali (2021-)",),
        regions=("Gao", "Kidal"),
        sub_event_types=("Armed clash", "Attack"),
        min_fatalities=3,
        max_fatalities=40,
        civilian_targeting=True,
        text="drone, Kidal & co",
        precise_only=True,
        published=date(2026, 5, 6),
        event_id="MLI2",
        center=(1.4092, 18.4435),
        zoom=9,
        present=True,
    )
    assert view_from_params(params_from_view(view), CHOICES) == (view, [])


# Links as the app has written them (the first codec's parameters, then subtype, killedmax and civ):
# each must still open the same view, and the view must still be written as the same link.
OLD_LINKS = [
    (
        "from=2024-01-01&to=2025-12-31&asof=2025-06-01&type=Battles&type=Violence+against+civilians"
        "&actor=Military+Forces+of+Mali+%282021-%29&region=Gao&region=Kidal&killed=3&q=drone+strike"
        "&precise=1&published=2026-05-06&event=MLI2&lat=18.4435&lon=1.4092&zoom=9&mode=present",
        View(
            start=date(2024, 1, 1), end=date(2025, 12, 31), as_of=date(2025, 6, 1),
            event_types=("Battles", "Violence against civilians"), actors=("Military Forces of Mali (2021-)",),
            regions=("Gao", "Kidal"), min_fatalities=3, text="drone strike", precise_only=True,
            published=date(2026, 5, 6), event_id="MLI2", center=(1.4092, 18.4435), zoom=9, present=True,
        ),
    ),
    ("to=2013-01-11&actor=JNIM&lat=17&lon=-2.5", View(end=date(2013, 1, 11), actors=("JNIM",), center=(-2.5, 17.0))),
    (
        "type=Battles&subtype=Armed+clash&subtype=Government+regains+territory&killed=1&killedmax=50&civ=1",
        View(
            event_types=("Battles",), sub_event_types=("Armed clash", "Government regains territory"),
            min_fatalities=1, max_fatalities=50, civilian_targeting=True,
        ),
    ),
    ("killedmax=0&mode=present", View(max_fatalities=0, present=True)),
]  # fmt: skip


@pytest.mark.parametrize(("query", "view"), OLD_LINKS)
def test_links_written_before_still_open_the_same_view(query, view):
    assert view_from_params(parse_qs(query), CHOICES) == (view, [])
    assert urlencode(params_from_view(view), doseq=True) == query


def test_zoom_limits_match_the_base_map():
    options = build_base_map(load_basemap(), MapOptions()).options
    assert (options["minZoom"], options["maxZoom"]) == (MIN_ZOOM, MAX_ZOOM)
