"""Names matched: ACLED's long actor names, accents and spellings find the shipped record's names."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.config import DATA_DIR
from data.io.names import fold, load_names
from data.io.read import read_incoming
from data.io.run import prepare_import, store_import
from data.stores.events import RECORD_COLUMN
from data.view.filters import EventCriteria, attribute_mask
from geo.pipeline import load_dataset
from tests.conftest import ANALYST, PUBLISHED
from tests.test_import_lossless import HAND_MADE

SERVAL = "Military Forces of France (Operation Serval)"


@pytest.fixture(scope="module")
def names():
    return load_names(DATA_DIR)


@pytest.mark.parametrize(
    ("kind", "name", "canonical"),
    [
        ("actor", "JNIM: Group for Support of Islam and Muslims", "JNIM"),
        ("actor", "Jama'at Nusrat al-Islam wal-Muslimin", "JNIM"),  # an alias in actors.csv
        ("actor", "Military Forces of Mali (2021-)", "Military Forces of Mali (FAMa)"),
        ("actor", "Military Forces of Mali (1991-2012)", "Military Forces of Mali (FAMa)"),
        ("actor", "Government of Mali", "Military Forces of Mali (FAMa)"),  # UCDP GED's side a
        ("actor", "Islamic State (Sahel)", "Islamic State Sahel Province"),
        ("actor", "Civilians (Mali)", "Civilians"),
        ("actor", "FLA: Azawad Liberation Front", "FLA"),
        ("actor", "Military Forces of France (2013-2014) Operation Serval", SERVAL),
        ("location", "Menaka", "Ménaka"),
        ("location", "MENAKA", "Ménaka"),
        ("admin1", "Menaka region", "Ménaka"),
        ("location", "Tombouctou", "Timbuktu"),
        ("admin1", "Timbuktu", "Tombouctou"),
        ("location", "Tinzaouatène", "Tinzaouaten"),
        ("location", "Gao town", "Gao"),
        ("actor", "Some unknown band", None),
    ],
)  # fmt: skip
def test_names_find_their_canonical_name(names, kind, name, canonical):
    assert names.match(kind, name) == canonical


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Ménaka") == fold("MENAKA") == fold(" menaka ") == "menaka"
    assert fold("Aguel'hoc") == "aguel hoc"


def test_an_import_with_acled_long_names_filters_together_with_the_shipped_names(tmp_path, names):
    from data.stores.events import open_store

    store = open_store(tmp_path / "events.sqlite")
    incoming = read_incoming(pd.DataFrame(HAND_MADE).to_csv(index=False).encode(), "acled-long-names.csv")
    result = store_import(prepare_import(incoming, store.read(), names=names), store, ANALYST)
    assert result.written == 2
    events = load_dataset(DATA_DIR, PUBLISHED, event_store=store).events
    imported = events["event_id_cnty"].isin(["MLI1", "MLI2"])
    # One name in the filter lists, and one filter finds both the shipped and the imported events.
    actors = set(events["actor1"]) | set(events["actor2"])
    assert "JNIM" in actors
    assert not {"JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"} & actors
    jnim = attribute_mask(events, EventCriteria(actors=("JNIM",)))
    assert jnim[imported.to_numpy()].any()
    assert jnim[~imported.to_numpy()].any()  # the shipped JNIM events
    menaka = attribute_mask(events, EventCriteria(regions=("Ménaka",)))
    assert set(events.loc[menaka, "event_id_cnty"]) >= {"MLI1", "CM-MLI-0001"}
    assert "Menaka" not in set(events["admin1"])
    # The original names are kept in the record.
    record = json.loads(store.read().set_index("event_id_cnty").loc["MLI1", RECORD_COLUMN])
    assert record["actor1"] == "JNIM: Group for Support of Islam and Muslims"
    assert record["admin1"] == "Menaka"


def test_unmatched_names_are_reported_after_an_import(names):
    rows = [{**HAND_MADE[0], "actor2": "Some unknown band", "location": "Nowhereville"}, HAND_MADE[1]]
    result = prepare_import(read_incoming(pd.DataFrame(rows).to_csv(index=False).encode(), "a.csv"), names=names,
                            stored=pd.DataFrame(columns=["event_id_cnty", "imported_from"]))  # fmt: skip
    assert result.report()["unmatched"] == [
        {"field": "actor2", "name": "Some unknown band", "rows": 1},
        {"field": "location", "name": "Nowhereville", "rows": 1},
    ]
