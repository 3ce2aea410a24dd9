"""The shipped dataset: it loads cleanly, its article dates follow the publication date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.config import DATA_DIR
from data.stores import shipped as store
from data.view.filters import valid_at
from geo.pipeline import close_open_periods, load_dataset, resolve_relative_dates
from tests.conftest import PUBLISHED, event_row, raw_table


def test_default_data_loads_without_rejections(dataset):
    assert dataset.rejected == []
    assert len(dataset.events) >= 150  # the record issue 13 asks for: Mali 2012-2026
    assert dataset.events["event_id_cnty"].is_unique


def test_article_events_resolve_against_the_publication_date(dataset):
    dated = dataset.events[dataset.events["date_phrase"] != ""]
    by_phrase = {row.date_phrase: (row.event_date.date(), row.date_end.date()) for row in dated.itertuples()}
    assert by_phrase["over the weekend"] == (date(2026, 4, 25), date(2026, 4, 26))
    assert by_phrase["Tuesday"] == (date(2026, 4, 28), date(2026, 4, 28))
    assert by_phrase["on Wednesday"] == (PUBLISHED, PUBLISHED)
    assert set(dated["source_date"].dt.date) == {PUBLISHED}


def test_changing_the_publication_date_moves_article_events_only():
    later = load_dataset(DATA_DIR, date(2026, 5, 6))
    earlier = load_dataset(DATA_DIR, PUBLISHED)
    moved = (
        later.events["event_date"]
        != earlier.events.set_index("event_id_cnty").loc[later.events["event_id_cnty"], "event_date"].to_numpy()
    )
    assert set(later.events.loc[moved, "date_phrase"]) == {"over the weekend", "Tuesday", "on Wednesday"}


def test_event_with_no_stated_place_is_marked_region_level(dataset):
    minister = dataset.events[dataset.events["location"].str.contains("place not reported")]
    assert len(minister) == 1
    assert int(minister["geo_precision"].iloc[0]) == 3
    assert minister["admin1"].iloc[0] == ""


def test_kidal_changes_hands_on_the_tuesday_of_the_withdrawal(dataset):
    kidal = dataset.towns[dataset.towns["town"] == "Kidal"]
    assert list(valid_at(kidal, date(2026, 4, 27))["actor"]) == ["FAMa and Africa Corps"]
    assert list(valid_at(kidal, date(2026, 4, 28))["actor"]) == ["FLA"]
    assert list(valid_at(kidal, date(2023, 11, 14))["actor"]) == ["FAMa and Wagner"]


def test_azawad_claim_holds_in_2026_and_not_before_2012(dataset):
    claims = dataset.territories[dataset.territories["status"] == "claimed"]
    assert list(valid_at(claims, date(2026, 4, 29))["actor"]) == ["FLA"]
    assert list(valid_at(claims, date(2013, 1, 1))["actor"]) == ["MNLA"]
    assert valid_at(claims, date(2012, 1, 1)).empty
    assert dataset.territories.crs.to_epsg() == 4326


def test_unresolvable_phrase_is_reported_with_row_and_field():
    raw = raw_table(event_row(), event_row(event_id_cnty="X", event_date="", date_phrase="one fine day"))
    frame, rejected = resolve_relative_dates(raw, PUBLISHED, "events.csv")
    assert [str(r) for r in rejected] == [
        "events.csv, row 3, field date_phrase: cannot resolve 'one fine day' against publication date 2026-04-29"
    ]
    assert frame.loc[1, "event_date"] == ""


def test_explicit_time_precision_wins_over_the_phrase():
    raw = raw_table(event_row(event_date="", date_phrase="Tuesday", time_precision="2"))
    frame, _ = resolve_relative_dates(raw, PUBLISHED, "events.csv")
    assert frame.loc[0, ["event_date", "time_precision"]].tolist() == ["2026-04-28", "2"]


def test_close_open_periods_ends_each_record_at_the_next():
    records = pd.DataFrame(
        {
            "town": ["Gao", "Kidal", "Kidal"],
            "valid_from": pd.to_datetime(["2012-03-31", "2023-11-14", "2012-03-30"]),
            "valid_to": pd.to_datetime([None, None, None]),
        }
    )
    closed = close_open_periods(records, "town").set_index(["town", "valid_from"])["valid_to"]
    assert closed[("Kidal", pd.Timestamp("2012-03-30"))] == pd.Timestamp("2023-11-14")
    assert pd.isna(closed[("Kidal", pd.Timestamp("2023-11-14"))])
    assert pd.isna(closed[("Gao", pd.Timestamp("2012-03-31"))])


def test_bad_region_code_is_reported(tmp_path):
    for name in (store.EVENTS_FILE, store.TOWN_STATUS_FILE):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    text = (DATA_DIR / store.TERRITORIES_FILE).read_text(encoding="utf-8").replace("ML-6+ML-7+ML-8", "ML-6+ML-99", 1)
    (tmp_path / store.TERRITORIES_FILE).write_text(text, encoding="utf-8")
    result = load_dataset(tmp_path, PUBLISHED)
    assert [str(r) for r in result.rejected] == ["territories.csv, row 2, field regions: unknown region code(s): ML-99"]
    assert len(result.territories) == len(load_dataset(DATA_DIR, PUBLISHED).territories) - 1


@pytest.mark.parametrize("name", [store.EVENTS_FILE, store.TERRITORIES_FILE, store.TOWN_STATUS_FILE])
def test_store_version_changes_when_a_file_changes(tmp_path, name):
    for file in (store.EVENTS_FILE, store.TERRITORIES_FILE, store.TOWN_STATUS_FILE):
        (tmp_path / file).write_text("a\n")
    before = store.version(tmp_path)
    (tmp_path / name).write_text("a,b\n")
    assert store.version(tmp_path) != before
