"""Imports: ACLED and UCDP GED exports mapped, validated, stored once; the CLI's JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from data.io.formats import detect_format, from_acled, from_ucdp
from data.validation.validate import validate_events
from tests.conftest import ROOT, event_row

ACLED_ROW = {
    "event_id_cnty": "MLI12345", "event_date": "16 May 2025", "year": "2025", "time_precision": "1",
    "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "JNIM", "assoc_actor_1": "", "inter1": "2", "actor2": "Military Forces of Mali (2021-)",
    "assoc_actor_2": "", "interaction": "12", "civilian_targeting": "", "iso": "466", "region": "Western Africa",
    "country": "Mali", "admin1": "Mopti", "admin2": "Douentza", "admin3": "", "location": "Boni",
    "latitude": "15.075", "longitude": "-2.221", "geo_precision": "1", "source": "Studio Tamani",
    "source_scale": "National", "notes": "Clash near Boni.", "fatalities": "4", "tags": "", "timestamp": "1747000000",
}  # fmt: skip
UCDP_ROW = {
    "id": "511234", "year": "2024", "type_of_violence": "3", "side_a": "IS Sahel", "side_b": "Civilians",
    "where_coordinates": "Tinzaouaten town", "adm_1": "Kidal region", "latitude": "19.949", "longitude": "2.968",
    "where_prec": "1", "date_prec": "2", "date_start": "2024-07-25 00:00:00.000", "date_end": "2024-07-27 00:00:00.000",
    "best": "12", "low": "10", "high": "20", "country": "Mali", "source_headline": "Civilians killed near Tinzaouaten",
    "source_article": "Example wire, 28 Jul 2024",
}  # fmt: skip


@pytest.mark.parametrize(
    ("columns", "kind"),
    [(ACLED_ROW, "acled"), (UCDP_ROW, "ucdp"), (event_row(), "ours"), ({"a": "1"}, "unknown")],
)
def test_detect_format(columns, kind):
    assert detect_format(pd.DataFrame([columns])) == kind


@pytest.mark.parametrize("style", ["16 May 2025", "2025-05-16", "16-May-2025"])
def test_acled_dates_in_every_style_import(style):
    result = validate_events(from_acled(pd.DataFrame([{**ACLED_ROW, "event_date": style}], dtype=str)), "acled.csv")
    assert result.rejected == []
    assert result.kept.loc[0, "event_date"] == pd.Timestamp("2025-05-16")
    assert result.kept.loc[0, "fatalities"] == 4


def test_ucdp_codes_map_onto_ours():
    kept = validate_events(from_ucdp(pd.DataFrame([UCDP_ROW], dtype=str)), "ged.csv").kept
    event = kept.iloc[0]
    assert event["event_id_cnty"] == "UCDP-511234"
    assert (event["event_type"], event["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (event["time_precision"], event["geo_precision"], event["fatalities"]) == (2, 1, 12)
    assert (event["event_date"], event["date_end"]) == (pd.Timestamp("2024-07-25"), pd.Timestamp("2024-07-27"))
    assert event["admin1"] == "Kidal"
    assert event["source"] == "UCDP GED"


def run_import(path, store, *flags):
    environment = {**os.environ, "CONFLICT_MAP_STORE": str(store)}
    result = subprocess.run(
        [sys.executable, "-m", "data", "import", str(path), *flags],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return result.returncode, json.loads(result.stdout)


def test_cli_imports_once_and_reports_bad_rows(tmp_path):
    rows = [
        ACLED_ROW,
        {**ACLED_ROW, "event_id_cnty": "MLI2", "latitude": "95"},
        {**ACLED_ROW, "event_id_cnty": "MLI3", "event_type": ""},
        {**ACLED_ROW, "event_id_cnty": "MLI4"},
    ]
    path, store = tmp_path / "acled.csv", tmp_path / "store.sqlite"
    pd.DataFrame(rows).to_csv(path, index=False)
    status, dry = run_import(path, store, "--dry-run")
    assert (status, dry["format"], dry["accepted"], dry["written"]) == (0, "acled", 2, 0)
    assert dry["rejected"] == [
        {"row": 3, "field": "latitude", "reason": "95 is outside -90..90"},
        {"row": 4, "field": "event_type", "reason": "required, but empty"},
    ]
    assert not store.exists()
    status, first = run_import(path, store)
    assert (status, first["written"], first["duplicates"]) == (0, 2, 0)
    status, again = run_import(path, store)
    assert (status, again["duplicates"]) == (0, 2)  # re-import: the same ids, updated, not doubled
    from data.stores.events import open_store

    assert sorted(open_store(store).read()["event_id_cnty"]) == ["MLI12345", "MLI4"]


@pytest.mark.parametrize(("content", "message"), [("a,b\n1,2\n", "columns match neither"), ("", "cannot read")])
def test_cli_exits_non_zero_only_when_nothing_can_be_read(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content)
    status, report = run_import(path, tmp_path / "s.sqlite")
    assert status == 1
    assert message in report["error"]
