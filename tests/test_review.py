"""Review: drafts to records, stable ids, escaped highlighting, the SQLite store."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from data.config import DATA_DIR
from data.stores.events import SCHEMA_VERSION
from data.stores.sqlite import SqliteStore
from data.validation.validate import validate_events
from data.vocabulary import WITHIN_DAYS
from geo.articles.extraction import extract
from geo.articles.review import (
    COUNTRY_LEVEL,
    Provenance,
    accepted_event_rows,
    article_text,
    draft_rows,
    highlight_html,
    place_choices,
)
from geo.pipeline import load_dataset
from tests.conftest import ANALYST, PUBLISHED

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
    assert market["precision"] == WITHIN_DAYS  # the weekend: two days


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
    # The role comes with its reason in words, escaped like the text.
    reason = "governed by the event verb &#x27;Fighting&#x27;"
    assert f'<mark style="background:#ffe08a" title="event: Gao ({reason})">Gao</mark>' in html


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


def test_store_round_trip_and_upsert(event_store):
    assert event_store.write(stored_rows("U1", "U2"), writer=ANALYST).added == 2
    token = event_store.token()
    again = event_store.write(stored_rows("U2", "U3"), writer=ANALYST)
    assert (again.added, again.replaced) == (1, 1)
    stored = event_store.read()
    assert sorted(stored["event_id_cnty"]) == ["U1", "U2", "U3"]  # nothing stored before is lost
    assert stored.loc[stored["event_id_cnty"] == "U1", "reviewed_by"].iloc[0] == "tester"
    assert event_store.schema_version() == SCHEMA_VERSION == 3
    assert event_store.token() != token


def test_store_is_empty_before_the_first_write(event_store):
    assert event_store.read().empty
    assert "reviewed_by" in event_store.read().columns


def test_store_refuses_rows_missing_columns(event_store):
    with pytest.raises(KeyError, match="missing column"):
        event_store.write(pd.DataFrame({"event_id_cnty": ["X"]}), writer=ANALYST)
    assert event_store.read().empty


def test_failed_write_keeps_what_was_stored(event_store, monkeypatch):
    event_store.write(stored_rows("KEEP"), writer=ANALYST)
    good = stored_rows("NEW1")[list(stored_rows("NEW1").columns)]
    rows = [good.iloc[0].tolist(), [{"not": "bindable"}, *good.iloc[0].tolist()[1:]]]
    # The second row cannot be written: the whole write must roll back, the first row too.
    monkeypatch.setattr("data.stores.events.check_columns", lambda _rows: rows)  # both stores' one write
    with pytest.raises(Exception):  # noqa: B017, PT011 - sqlite3 and psycopg raise their own types
        event_store.write(good, writer=ANALYST)
    assert sorted(event_store.read()["event_id_cnty"]) == ["KEEP"]


def test_sqlite_store_adds_new_schema_columns_to_an_old_file(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute('CREATE TABLE events ("event_id_cnty" TEXT PRIMARY KEY, "notes" TEXT)')
        connection.execute("INSERT INTO events VALUES ('OLD1', 'kept')")
    frame = SqliteStore(path).read()
    assert frame.loc[0, "notes"] == "kept"
    assert "reviewed_by" in frame.columns


def test_stored_events_join_the_dataset(event_store):
    rows = stored_rows("CM-ART-0000000001")
    rows.loc[0, "event_date"] = "2026-04-27"
    rows.loc[0, "date_phrase"] = ""
    event_store.write(rows, writer=ANALYST)
    shipped = load_dataset(DATA_DIR, PUBLISHED)
    merged = load_dataset(DATA_DIR, PUBLISHED, event_store=event_store)
    assert len(merged.events) == len(shipped.events) + 1
    assert "CM-ART-0000000001" in set(merged.events["event_id_cnty"])
    assert merged.events["event_date"].is_monotonic_increasing


def test_stored_id_clashing_with_a_shipped_one_is_reported(tmp_path):
    event_store = SqliteStore(tmp_path / "events.sqlite")
    event_store.write(stored_rows("CM-MLI-0001"), writer=ANALYST)
    merged = load_dataset(DATA_DIR, PUBLISHED, event_store=event_store)
    assert [str(r) for r in merged.rejected] == [
        "event store, row 0, field event_id_cnty: id 'CM-MLI-0001' is already used by a shipped event"
    ]


def test_two_app_instances_share_one_store(event_store):
    from data.stores.events import open_store

    other = open_store(getattr(event_store, "url", None) or event_store.path)  # a second app process
    token = event_store.token()
    other.write(stored_rows("FROM-OTHER"), writer=ANALYST)
    assert event_store.token() != token  # the first instance's cache key moves: it reloads
    assert list(event_store.read()["event_id_cnty"]) == ["FROM-OTHER"]
