"""Review: drafts to records, stable ids, escaped highlighting, the SQLite store."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from data.config import DATA_DIR
from data.event_store import read_events, schema_version, write_events
from data.validate import validate_events
from geo.extraction import extract
from geo.pipeline import load_dataset
from geo.review import (
    COUNTRY_LEVEL,
    Provenance,
    accepted_event_rows,
    article_text,
    draft_rows,
    highlight_html,
    place_choices,
)
from tests.conftest import PUBLISHED

ARTICLE = (
    "BAMAKO (AFP) - Jihadists attacked an army post in Boni on Sunday, killing at least 12 soldiers.\n\n"
    "The army retook Léré on Tuesday, a spokesman said in a statement from Bamako.\n\n"
    "Residents said a drone strike hit a market over the weekend."
)
PROVENANCE = Provenance("AFP", "Test wire", "https://example.org/x", date(2026, 4, 29), "analyst")


@pytest.fixture
def extraction(gazetteer):
    return extract(ARTICLE, PUBLISHED, gazetteer)


def test_drafts_carry_place_date_actor_and_toll(extraction):
    drafts = draft_rows(extraction)
    boni = drafts[drafts["sentence"].str.contains("Boni")].iloc[0]
    assert boni["place"] == "Boni (ML, point)"
    assert boni["event_date"] == date(2026, 4, 26)
    assert boni["fatalities"] == 12
    assert boni["event_type"] == "Battles"
    market = drafts[drafts["sentence"].str.contains("drone")].iloc[0]
    assert market["place"] == COUNTRY_LEVEL
    assert market["precision"] == "range"


def test_accepted_rows_validate_and_keep_provenance(extraction, gazetteer):
    drafts = draft_rows(extraction)
    drafts["accept"] = True
    rows = accepted_event_rows(drafts, place_choices(extraction), gazetteer.country("ML"), gazetteer, PROVENANCE)
    checked = validate_events(rows, "review")
    assert checked.rejected == []
    assert len(checked.kept) == len(drafts)
    boni = checked.kept[checked.kept["location"] == "Boni"].iloc[0]
    assert (boni["source"], boni["reviewed_by"], boni["source_url"]) == ("AFP", "analyst", "https://example.org/x")
    assert "Boni" in boni["source_excerpt"]
    market = checked.kept[checked.kept["location"] == "Mali (place not reported)"].iloc[0]
    assert int(market["geo_precision"]) == 3


def test_rejected_and_unaccepted_rows_are_not_written(extraction, gazetteer):
    drafts = draft_rows(extraction)
    drafts["accept"] = [True, False, False]
    drafts.loc[0, "place"] = "Léré (ML, point)"  # the reviewer picks another place
    rows = accepted_event_rows(drafts, place_choices(extraction), gazetteer.country("ML"), gazetteer, PROVENANCE)
    assert list(rows["location"]) == ["Léré"]


def test_event_ids_are_stable_across_date_changes(gazetteer):
    first = draft_rows(extract(ARTICLE, PUBLISHED, gazetteer))
    later = draft_rows(extract(ARTICLE, date(2026, 5, 6), gazetteer))
    choices = place_choices(extract(ARTICLE, PUBLISHED, gazetteer))
    ids = [
        list(
            accepted_event_rows(d.assign(accept=True), choices, gazetteer.country("ML"), gazetteer, PROVENANCE)[
                "event_id_cnty"
            ]
        )
        for d in (first, later)
    ]
    assert ids[0] == ids[1]
    assert later["event_date"].iloc[0] == date(2026, 5, 3)  # re-resolved against the new date


def test_highlight_escapes_the_article(gazetteer):
    text = "<script>alert(1)</script> Fighting in Gao on Sunday."
    html = highlight_html(text, extract(text, PUBLISHED, gazetteer))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<mark style="background:#ffe08a" title="event: Gao">Gao</mark>' in html


@pytest.mark.parametrize(
    ("raw", "name", "expected"),
    [
        ("<html><body><p>Gao</p><script>x()</script><p>Kidal</p></body></html>", "a.html", "Gao\n\nKidal"),
        ("  plain text  ", "a.txt", "plain text"),
        ("# Title\n\nBody", "a.md", "# Title\n\nBody"),
    ],
)
def test_article_text(raw, name, expected):
    assert article_text(raw, name) == expected


def stored_rows(*ids: str) -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / "events.csv", dtype=str, keep_default_na=False).head(len(ids)).copy()
    frame["event_id_cnty"] = list(ids)
    frame["source_excerpt"] = ""
    frame["reviewed_by"] = "tester"
    return frame


def test_store_round_trip_and_upsert(tmp_path):
    path = tmp_path / "store" / "events.sqlite"
    assert write_events(path, stored_rows("U1", "U2")).added == 2
    again = write_events(path, stored_rows("U2", "U3"))
    assert (again.added, again.replaced) == (1, 1)
    stored = read_events(path)
    assert sorted(stored["event_id_cnty"]) == ["U1", "U2", "U3"]  # nothing stored before is lost
    assert schema_version(path) == 1


def test_store_adds_new_schema_columns_to_an_old_file(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute('CREATE TABLE events ("event_id_cnty" TEXT PRIMARY KEY, "notes" TEXT)')
        connection.execute("INSERT INTO events VALUES ('OLD1', 'kept')")
    frame = read_events(path)
    assert frame.loc[0, "notes"] == "kept"
    assert "reviewed_by" in frame.columns


def test_store_refuses_rows_missing_columns(tmp_path):
    with pytest.raises(KeyError, match="missing column"):
        write_events(tmp_path / "s.sqlite", pd.DataFrame({"event_id_cnty": ["X"]}))


def test_stored_events_join_the_dataset(tmp_path):
    path = tmp_path / "events.sqlite"
    rows = stored_rows("CM-ART-0000000001")
    rows.loc[0, "event_date"] = "2026-04-27"
    rows.loc[0, "date_phrase"] = ""
    write_events(path, rows)
    shipped = load_dataset(DATA_DIR, PUBLISHED)
    merged = load_dataset(DATA_DIR, PUBLISHED, store_path=path)
    assert len(merged.events) == len(shipped.events) + 1
    assert "CM-ART-0000000001" in set(merged.events["event_id_cnty"])
    assert merged.events["event_date"].is_monotonic_increasing


def test_stored_id_clashing_with_a_shipped_one_is_reported(tmp_path):
    path = tmp_path / "events.sqlite"
    write_events(path, stored_rows("CM-MLI-0001"))
    merged = load_dataset(DATA_DIR, PUBLISHED, store_path=path)
    assert [str(r) for r in merged.rejected] == [
        "events.sqlite, row 0, field event_id_cnty: id 'CM-MLI-0001' is already used by a shipped event"
    ]
