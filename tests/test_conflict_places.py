"""The sourced list of conflict places: every row locatable, sourced, in its country, not redundant."""

from __future__ import annotations

import csv

import pytest
from shapely.geometry import Point

from data.config import DATA_DIR
from geo.articles.places import COMMON_WORDS
from geo.gazetteer.text import fold
from geo.projection import km_between

PATH = DATA_DIR / "gazetteer" / "conflict_places.csv"
LISTED_COUNTRIES = {"ML", "BF", "NE"}


with PATH.open(encoding="utf-8") as _handle:
    ROWS = list(csv.DictReader(_handle))


def test_the_list_covers_the_three_countries():
    assert {row["country"] for row in ROWS} == LISTED_COUNTRIES


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['country']}-{row['name']}")
def test_row_is_a_sourced_point(row):
    assert row["kind"] == "point"
    assert row["approximate"] in ("0", "1")
    assert len(row["source"]) > 40, row["name"]  # where the coordinates come from and why it is listed
    if row["approximate"] == "1":
        assert row["source"].startswith("Approximate"), row["name"]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['country']}-{row['name']}")
def test_row_lies_in_its_country(gazetteer, row):
    # A point on the wrong side of a border is most often a lost minus sign on a west longitude.
    country = gazetteer.country(row["country"])
    assert country.geometry.buffer(0.05).contains(Point(float(row["lon"]), float(row["lat"]))), row["name"]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['country']}-{row['name']}")
def test_names_are_not_words_or_codes(row):
    for name in [row["name"], *filter(None, row["alternatenames"].split("|"))]:
        assert len(name) >= 4, name
        assert fold(name) not in COMMON_WORDS, name


def test_no_row_repeats_a_package_town(gazetteer):
    # A row is only needed when GeoNames lacks the place: the same name within 30 km is a duplicate.
    repeats = []
    for row in ROWS:
        for place in gazetteer.candidates(row["name"]):
            close = km_between(place.lon, place.lat, float(row["lon"]), float(row["lat"])) < 30
            if not place.curated and place.kind == "point" and place.country == row["country"] and close:
                repeats.append(row["name"])
    assert repeats == []
