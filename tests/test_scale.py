"""Large records: fast validation agrees with the exact one, and what else the scale asks of the data."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.config import DATA_DIR
from data.synthetic import synthetic_events
from data.validation.validate import validate_events
from geo.map.timeline_layer import RICH_LIMIT
from tests.conftest import ROOT, event_row, raw_table
from tests.page import map_layer, maps, set_window, window


def test_synthetic_events_are_reproducible_and_valid():
    first, again = synthetic_events(500, seed=3), synthetic_events(500, seed=3)
    pd.testing.assert_frame_equal(first, again)
    result = validate_events(first, "synthetic.csv")
    assert result.rejected == []
    assert len(result.kept) == 500


def test_fast_and_exact_paths_agree_on_mixed_rows():
    raw = raw_table(
        event_row(event_id_cnty="A"),
        event_row(event_id_cnty="B", event_date="20231114"),  # ISO basic form: both paths refuse it
        event_row(event_id_cnty="C", latitude="95"),
        event_row(event_id_cnty="A", latitude="1"),  # duplicate of a fast-kept row
        event_row(event_id_cnty="D"),
    )
    result = validate_events(raw, "mixed.csv")
    assert sorted(result.kept["event_id_cnty"]) == ["A", "D"]
    assert [(r.row, r.field) for r in result.rejected] == [(3, "event_date"), (4, "latitude"), (5, "event_id_cnty")]


@pytest.fixture(scope="module")
def large_data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    for name in ("territories.csv", "town_status.csv"):
        (folder / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(RICH_LIMIT * 3).to_csv(folder / "events.csv", index=False)  # past the rich symbols
    return folder


def test_page_draws_a_large_record_on_the_canvas(large_data_dir, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_DATA_DIR", str(large_data_dir))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception
    args = json.loads(maps(app)[0].proto.json_args)
    assert len(map_layer(app)["events"]["first"]) > RICH_LIMIT  # every event is in the layer's file...
    assert len(args["script"]) < 200_000  # ...not in the map's script
    assert len(args["feature_group"]) < 20_000  # nor in the overlays
    before = json.loads(maps(app)[0].proto.json_args)["script"]
    first = window(app)[0]
    set_window(app, first, date(2014, 1, 1))
    after = json.loads(maps(app)[0].proto.json_args)
    assert after["script"] == before  # a window move does not touch the map
    assert after["feature_group"] == args["feature_group"]
