"""Who holds each town, in the layer's file: the key towns' labels and each town's history of control."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.view.changes import KEY_TOWNS, Holder, key_town_holders
from data.view.filters import valid_at
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map
from geo.map.timeline_layer import timeline_payload
from geo.map.towns import town_places, town_versions
from geo.map.validity import day_numbers


def day_number(day: date) -> int:
    return int(day_numbers(pd.Series([pd.Timestamp(day)]))[0])


def label_on(payload: dict, town: str, day: date) -> str | None:
    """What the page writes on ``town``'s label on ``day``: the version that holds, as the script picks it."""
    place = next(index for index, place in enumerate(payload["places"]) if place["town"] == town)
    number = day_number(day)
    held = [v for v in payload["towns"] if v["place"] == place and v["from"] <= number < v["to"]]
    assert len(held) <= 1  # one holder a day
    return held[0]["label"] if held else None


def test_holder_label_reads_as_briefers_write_it():
    assert Holder("Kidal", "FLA", "controlled", date(2026, 4, 28)).label == "Kidal · FLA since 28 Apr 2026"
    contested = Holder("Timbuktu", "JNIM", "contested", date(2023, 8, 8))
    assert contested.label == "Timbuktu · JNIM (contested) since 8 Aug 2023"


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2013, 6, 1), "Kidal · MNLA since 30 Jan 2013"),
        (date(2023, 11, 20), "Kidal · FAMa and Wagner since 14 Nov 2023"),
        (date(2026, 4, 29), "Kidal · FLA since 28 Apr 2026"),
        (date(2012, 1, 20), None),  # before the record's first status of Kidal: its name only
    ],
)
def test_kidal_s_label_follows_the_as_of_day(dataset, day, label):
    payload = timeline_payload(dataset.events, dataset.territories, dataset.towns)
    assert label_on(payload, "Kidal", day) == label


@pytest.mark.parametrize("day", [date(2013, 6, 1), date(2023, 11, 20), date(2025, 1, 1), date(2026, 4, 29)])
def test_every_key_town_s_label_agrees_with_the_brief(dataset, day):
    payload = timeline_payload(dataset.events, dataset.territories, dataset.towns)
    for holder in key_town_holders(valid_at(dataset.towns, day)):
        assert label_on(payload, holder.town, day) == holder.label


def test_only_key_towns_are_labelled(dataset):
    places = town_places(dataset.towns)
    assert {place["town"] for place in places if place["key"]} == set(KEY_TOWNS)
    assert {place["town"] for place in places} == set(dataset.towns["town"])


def test_a_town_s_history_lists_each_change_with_its_source_named(dataset):
    places = town_places(dataset.towns)
    kidal = next(place for place in places if place["town"] == "Kidal")
    assert [row[:2] for row in kidal["history"]][:2] == [["30 Mar 2012", "Ansar Dine"], ["30 Jan 2013", "MNLA"]]
    assert kidal["history"][-1][:2] == ["28 Apr 2026", "FLA"]
    assert all("http" not in row[2] for place in places for row in place["history"])  # names, not raw links
    versions = town_versions(dataset.towns, places)
    # Each row names the version it is, so the page can mark the hold of the as-of day.
    assert all(versions[row[3]]["place"] == places.index(kidal) for row in kidal["history"])


def test_a_hold_that_ends_with_no_successor_says_so():
    towns = pd.DataFrame({
        "town": ["Ber", "Ber"], "latitude": [16.0, 16.0], "longitude": [-3.0, -3.0],
        "status": ["contested", "controlled"], "actor": ["CMA", "FAMa"],
        "valid_from": pd.to_datetime(["2023-08-10", "2023-08-20"]),
        "valid_to": pd.to_datetime(["2023-08-12", None]), "source": ["A (https://a.example/x)", "B"],
    })  # fmt: skip
    history = town_places(towns)[0]["history"]
    assert [row[:3] for row in history] == [
        ["10 Aug 2023", "CMA (contested)", "A"],
        ["12 Aug 2023", "no holder on record", ""],
        ["20 Aug 2023", "FAMa", "B"],
    ]


def test_the_live_map_draws_towns_above_the_events():
    html = build_base_map(load_basemap(), MapOptions(), timeline=(1, 2, 2)).get_root().render()
    # The towns' panes sit above Leaflet's markers (600) and under its tooltips (650).
    assert '["cm-towns",620]' in html
    assert '["cm-holders",630]' in html
    assert html.index("window.cmTimeline =") < html.index("state.hooks.push")  # the layer is there first
