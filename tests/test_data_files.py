"""The shipped datasets agree with the gazetteer and say where every fact comes from."""

from __future__ import annotations

import csv
import itertools

import pytest

from data.config import DATA_DIR
from geo.gazetteer.geocode import geocode
from geo.projection import km_between
from scripts.build_gazetteer import FIELDS, build_rows, keep_alternate


def test_precise_events_sit_on_their_gazetteer_town(dataset, gazetteer):
    precise = dataset.events[dataset.events["geo_precision"] == 1]
    assert len(precise) > 10
    for event in precise.itertuples():
        place = geocode(event.location, gazetteer)
        assert km_between(place.lon, place.lat, event.longitude, event.latitude) < 5, event.event_id_cnty


def test_town_status_points_sit_on_their_town(dataset, gazetteer):
    for record in dataset.towns.drop_duplicates("town").itertuples():
        place = geocode(record.town, gazetteer)
        assert km_between(place.lon, place.lat, record.longitude, record.latitude) < 5, record.town


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


def test_every_researched_row_names_its_page_in_the_worklog(dataset):
    worklog = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    lines = {line.split("|")[1].strip(): line for line in worklog.splitlines() if line.startswith("| CM-MLI-")}
    researched = dataset.events[dataset.events["event_id_cnty"] >= "CM-MLI-0101"]
    assert len(researched) == 152
    for event in researched.itertuples():
        assert event.source_url, event.event_id_cnty
        assert event.source_url in lines[event.event_id_cnty], event.event_id_cnty


def test_each_town_history_is_one_sequence_without_overlaps_or_repeats(dataset):
    for town, history in dataset.towns.groupby("town"):
        history = history.sort_values("valid_from")
        starts, ends = list(history["valid_from"]), list(history["valid_to"])
        assert all(start < following for start, following in itertools.pairwise(starts)), town
        assert all(end <= following for end, following in zip(ends, starts[1:], strict=False)), town
        holders = list(zip(history["actor"], history["status"], strict=True))
        assert all(a != b for a, b in itertools.pairwise(holders)), town


def test_every_event_actor_is_in_the_actor_dictionary(dataset):
    # by name or alias (the shipped rows write CSP-PSD for the CSP-DPA)
    with (DATA_DIR / "actors.csv").open(encoding="utf-8") as handle:
        known = {name for row in csv.DictReader(handle) for name in (row["actor"], *row["aliases"].split("|"))}
    for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        for cell in dataset.events[column].dropna():
            for name in filter(None, (part.strip() for part in cell.split(";"))):
                # ACLED names a faction or operation after its force: "Military Forces of Mali (FAMa): ..."
                base = name.split(":")[0].split(" (Operation")[0].strip()
                assert name in known or base in known, name
