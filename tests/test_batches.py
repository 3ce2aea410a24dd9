"""Imports as batches: listed with file, time, counts and who; removed, the store is exactly as before."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.__main__ import main
from data.access.roles import Role, Writer
from data.io.batches import BatchError, list_batches, remove_batch
from data.io.read import read_incoming
from data.io.run import prepare_import, store_import
from tests.conftest import ANALYST
from tests.test_import import ACLED_ROW
from tests.test_import_lossless import HAND_MADE


def imported(store, rows: list[dict], name: str):
    incoming = read_incoming(pd.DataFrame(rows).to_csv(index=False).encode(), name)
    return store_import(prepare_import(incoming, store.read()), store, ANALYST)


def content(store) -> pd.DataFrame:
    return store.read().sort_values("event_id_cnty").reset_index(drop=True)


def test_a_removed_batch_leaves_the_store_exactly_as_before(event_store):
    imported(event_store, [ACLED_ROW], "may.csv")
    before = content(event_store)
    # A second import adds MLI1, MLI2 and revises MLI12345 (same source family: updated in place).
    revised = {**ACLED_ROW, "fatalities": "9", "notes": "Revised toll."}
    result = imported(
        event_store, [*HAND_MADE, revised, {**ACLED_ROW, "event_id_cnty": "BAD", "latitude": "95"}], "june.csv"
    )
    assert result.batch
    listed = list_batches(event_store)
    assert [b["file"] for b in listed] == ["may.csv", "june.csv"]
    june = listed[-1]
    assert (june["rows"], june["accepted"], june["added"], june["replaced"], june["rejected"]) == (4, 3, 2, 1, 1)
    assert june["who"] == ANALYST.name  # the writer who made it
    assert june["imported_at"].endswith("+00:00")
    assert len(content(event_store)) == 3
    assert remove_batch(event_store, june["batch"], ANALYST) == {"batch": june["batch"], "removed": 2, "restored": 1}
    pd.testing.assert_frame_equal(content(event_store), before)
    assert [b["file"] for b in list_batches(event_store)] == ["may.csv"]


def test_an_earlier_batch_waits_for_the_later_one_that_changed_its_events(event_store):
    first = imported(event_store, [ACLED_ROW], "may.csv").batch
    second = imported(event_store, [{**ACLED_ROW, "fatalities": "9"}], "june.csv").batch
    with pytest.raises(BatchError, match=f"later batch\\(es\\) {second} changed its events again"):
        remove_batch(event_store, first, ANALYST)
    remove_batch(event_store, second, ANALYST)
    remove_batch(event_store, first, ANALYST)
    assert event_store.read().empty
    with pytest.raises(BatchError, match="no batch 'nope'"):
        remove_batch(event_store, "nope", ANALYST)


def test_cli_lists_and_removes_batches(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONFLICT_MAP_STORE", str(tmp_path / "s.sqlite"))
    source = tmp_path / "old.csv"
    pd.DataFrame(HAND_MADE).to_csv(source, index=False)
    assert main(["import", str(source)]) == 0
    batch = json.loads(capsys.readouterr().out)["batch"]
    assert main(["batches"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["batch"], b["file"], b["added"]) for b in listed] == [(batch, "old.csv", 2)]
    assert main(["remove", batch]) == 0
    assert json.loads(capsys.readouterr().out) == {"batch": batch, "removed": 2, "restored": 0}
    assert main(["remove", batch]) == 1
    assert "no batch" in json.loads(capsys.readouterr().out)["error"]
    assert main(["batches"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_viewer_cannot_remove_an_import(event_store):
    batch = imported(event_store, [ACLED_ROW], "may.csv").batch
    with pytest.raises(PermissionError, match="only an analyst may"):
        remove_batch(event_store, batch, Writer("vera", Role.VIEWER))
    assert [b["batch"] for b in list_batches(event_store)] == [batch]
