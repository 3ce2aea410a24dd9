"""Bad input gets a clear message naming file, row and field, and the good rows still load.

Table-driven: each case is one faulty row among good ones, through the whole import (read → map →
validate), and the CLI, which always prints its JSON report.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from data.config import event_date_bounds
from data.io.read import read_incoming
from data.io.run import prepare_import
from data.stores.events import COLUMNS
from tests.test_import import ACLED_ROW, run_import

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)
GOOD = [{**ACLED_ROW, "event_id_cnty": f"GOOD{i}"} for i in range(3)]
UNTERMINATED = "__UNTERMINATED__"

# (case, field changed, value, expected field, expected reason fragment)
CASES = [
    ("year 1", "event_date", "0001-01-01", "event_date", "0001-01-01 is outside the dates this app can hold"),
    ("1850", "event_date", "1850-06-01", "event_date", "before the earliest plausible date 1989-01-01"),
    ("2100", "event_date", "2100-12-31", "event_date", "after the latest plausible date"),
    ("end 2100", "date_end", "2100-12-31", "date_end", "after the latest plausible date"),
    ("year 9999", "event_date", "9999-12-31", "event_date", "outside the dates this app can hold"),
    ("quote", "notes", UNTERMINATED, "row", 'a quote (") opens a field and never closes'),
]


def faulty_file(field: str, value: str) -> bytes:
    rows = [GOOD[0], {**ACLED_ROW, "event_id_cnty": "BAD", field: "PLACEHOLDER"}, *GOOD[1:]]
    text = pd.DataFrame(rows).to_csv(index=False)
    return text.replace("PLACEHOLDER", '"never closed' if value == UNTERMINATED else value).encode()


@pytest.mark.parametrize(("case", "field", "value", "expected_field", "reason"), CASES, ids=[c[0] for c in CASES])
def test_one_bad_row_is_named_and_the_good_rows_load(case, field, value, expected_field, reason):
    del case
    result = prepare_import(read_incoming(faulty_file(field, value), "sahel.csv"), NOTHING_STORED)
    assert sorted(result.accepted["event_id_cnty"]) == ["GOOD0", "GOOD1", "GOOD2"]
    assert [(r.file, r.row, r.field) for r in result.rejected] == [("sahel.csv", 3, expected_field)]
    assert reason in result.rejected[0].reason


@pytest.mark.parametrize(("case", "field", "value", "expected_field", "reason"), CASES[:1] + CASES[-1:])
def test_cli_reports_the_bad_row_and_stores_the_rest(tmp_path, case, field, value, expected_field, reason):
    del case
    path = tmp_path / "sahel.csv"
    path.write_bytes(faulty_file(field, value))
    status, report = run_import(path, tmp_path / "store.sqlite")
    assert (status, report["written"]) == (0, 3)
    assert [(r["row"], r["field"]) for r in report["rejected"]] == [(3, expected_field)]
    assert reason in report["rejected"][0]["reason"]


def test_cli_prints_its_json_report_even_when_something_unforeseen_fails(tmp_path, monkeypatch, capsys):
    import data.__main__ as cli

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "import_file", broken)
    assert cli.main(["import", str(tmp_path / "x.csv")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["error"] == "nothing imported: RuntimeError: disk on fire"


def test_cli_prints_json_for_a_bad_setting(tmp_path, monkeypatch, capsys):
    import data.__main__ as cli

    monkeypatch.setenv("CONFLICT_MAP_FIRST_EVENT_DATE", "long ago")
    path = tmp_path / "a.csv"
    path.write_bytes(faulty_file("notes", "fine"))
    monkeypatch.setenv("CONFLICT_MAP_STORE", str(tmp_path / "s.sqlite"))
    assert cli.main(["import", str(path)]) == 1
    assert "CONFLICT_MAP_FIRST_EVENT_DATE='long ago'" in json.loads(capsys.readouterr().out)["error"]


def test_date_bounds_are_a_setting():
    today = date(2026, 12, 7)
    assert event_date_bounds({}, today) == (date(1989, 1, 1), date(2027, 12, 7))
    env = {"CONFLICT_MAP_FIRST_EVENT_DATE": "2000-01-01", "CONFLICT_MAP_LAST_EVENT_DATE": "2030-01-01"}
    assert event_date_bounds(env, today) == (date(2000, 1, 1), date(2030, 1, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Gao\u202e.exe", "Gao.exe"),  # RIGHT-TO-LEFT OVERRIDE removed
        ("\u2067x\u2069 \u200fy", "x y"),  # isolates and marks removed too
        ("حلب", "\u2068حلب\u2069"),  # right-to-left letters: isolated
        ("Kidal", "Kidal"),
    ],
)
def test_bidi_controls_never_reach_our_labels(value, expected):
    from geo.map.popups import event_popup_html, html_text

    assert html_text(value) == expected
    event = {**ACLED_ROW, "event_date": pd.Timestamp("2025-05-16"), "date_end": pd.Timestamp("2025-05-16")}
    popup = event_popup_html({**event, "notes": value, "fatalities": 4, "geo_precision": 1, "time_precision": 1})
    assert "\u202e" not in popup
