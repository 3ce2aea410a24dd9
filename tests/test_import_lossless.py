"""Lossless ACLED and UCDP GED: import → export gives back every column and cell; the CLI's export."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from data.__main__ import main
from data.config import DATA_DIR
from data.io.export_source import Selection, export_bytes, select, source_table, view_csv, view_file_name
from data.io.formats import ACLED_EXPORT_COLUMNS, UCDP_GED_COLUMNS, unguard_formulas
from data.io.gis import events_geojson
from data.io.names import load_names
from data.io.read import read_incoming
from data.io.run import prepare_import, store_import
from data.stores.events import COLUMNS, RECORD_COLUMN, open_store
from data.synthetic import synthetic_acled_export, synthetic_ucdp_export
from data.validation.validate import validate_events
from tests.conftest import ANALYST
from tests.test_import import ACLED_ROW, UCDP_ROW

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)
NO_FAULTS = 10**9
SPAN = "_2024-01-01_2026-04-29.csv"


def cli(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("CONFLICT_MAP_STORE", str(path))
    return path


def read_back(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def acled_20k() -> pd.DataFrame:
    return synthetic_acled_export(20_000, fault_every=NO_FAULTS)[0]


@pytest.fixture(scope="module")
def ucdp_20k() -> pd.DataFrame:
    return synthetic_ucdp_export(20_000)


def test_the_generated_files_fill_every_column(acled_20k, ucdp_20k):
    assert list(acled_20k.columns) == list(ACLED_EXPORT_COLUMNS)
    assert len(ACLED_EXPORT_COLUMNS) == 31
    assert list(ucdp_20k.columns) == list(UCDP_GED_COLUMNS)
    for column in ("inter1", "interaction", "admin2", "iso", "region", "source_scale", "timestamp", "disorder_type"):
        assert (acled_20k[column] != "").all(), column
    assert acled_20k["tags"].ne("").any()
    assert acled_20k["admin3"].ne("").any()


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_cli_round_trip_of_20000_rows_gives_back_every_cell(tmp_path, store_path, capsys, acled_20k, ucdp_20k, kind):
    frame = acled_20k if kind == "acled" else ucdp_20k
    source = tmp_path / f"{kind}.csv"
    frame.to_csv(source, index=False)
    report = cli(capsys, "import", str(source))
    assert (report["format"], report["accepted"], report["rejected"]) == (kind, 20_000, [])
    out = tmp_path / f"out-{kind}.csv"
    assert cli(capsys, "export", str(out), "--format", kind)["events"] == 20_000
    back = read_back(out)
    assert list(back.columns) == list(frame.columns)
    pd.testing.assert_frame_equal(back, frame)
    assert out.read_bytes() == frame.to_csv(index=False, lineterminator="\n").encode()  # byte for byte


HAND_MADE = [
    # an older ACLED export: fewer columns, another order, worded dates, numeric inter codes
    {"event_id_cnty": "MLI1", "event_date": "16 May 2025", "year": "2025", "time_precision": "1",
     "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "JNIM: Group for Support of Islam and Muslims",
     "inter1": "2", "actor2": "Military Forces of Mali (2021-)", "inter2": "1", "interaction": "12",
     "country": "Mali", "admin1": "Menaka", "location": "Menaka", "latitude": "15.9182", "longitude": "2.4022",
     "geo_precision": "1", "source": "RFI", "notes": "-5 soldiers; =HYPERLINK(\"x\")", "fatalities": "5",
     "extra_column": "kept too"},
    {"event_id_cnty": "MLI2", "event_date": "17-May-2025", "year": "2025", "time_precision": "2",
     "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "Islamic State (Sahel)",
     "inter1": "2", "actor2": "Civilians (Mali)", "inter2": "7", "interaction": "27", "country": "Mali",
     "admin1": "Gao", "location": "Gao", "latitude": "16.2666", "longitude": "-0.0400", "geo_precision": "2",
     "source": "AFP; Studio Tamani", "notes": "Attaque près de Gao, « 3 morts ».", "fatalities": "3",
     "extra_column": ""},
]  # fmt: skip


def import_hand_made(tmp_path, capsys):
    """Write the hand-made ACLED rows to a file and import it with the CLI; returns the file."""
    source = tmp_path / "old.csv"
    pd.DataFrame(HAND_MADE).to_csv(source, index=False)
    cli(capsys, "import", str(source))
    return source


def test_hand_made_acled_file_comes_back_with_its_own_columns_and_cells(tmp_path, store_path, capsys):
    import_hand_made(tmp_path, capsys)
    out = tmp_path / "back.csv"
    cli(capsys, "export", str(out), "--format", "acled")
    text = out.read_text(encoding="utf-8")
    assert "'-5 soldiers" in text  # guarded for spreadsheets ...
    back = read_incoming(out).raw  # ... and read back by the importer as it was
    pd.testing.assert_frame_equal(unguard_formulas(back), pd.DataFrame(HAND_MADE))
    assert back.loc[0, "longitude"] == "2.4022"
    assert back.loc[1, "longitude"] == "-0.0400"


def test_hand_made_ucdp_row_comes_back_with_its_timestamps(tmp_path, store_path, capsys):
    source = tmp_path / "ged.csv"
    pd.DataFrame([UCDP_ROW]).to_csv(source, index=False)
    cli(capsys, "import", str(source))
    out = tmp_path / "ged-back.csv"
    cli(capsys, "export", str(out), "--format", "ucdp")
    pd.testing.assert_frame_equal(read_back(out), pd.DataFrame([UCDP_ROW]))


def test_events_from_elsewhere_are_mapped_onto_the_format(tmp_path):
    incoming = read_incoming(pd.DataFrame([UCDP_ROW]).to_csv(index=False).encode(), "ged.csv")
    rows = prepare_import(incoming, NOTHING_STORED).accepted
    acled = source_table(rows, "acled")
    assert list(acled.columns) == list(ACLED_EXPORT_COLUMNS)
    assert acled.loc[0, "event_date"] == "2024-07-25"
    assert acled.loc[0, "year"] == "2024"
    assert acled.loc[0, "actor1"] == "IS Sahel"


def test_store_keeps_the_source_record_beside_the_schema(tmp_path):
    store = open_store(tmp_path / "s.sqlite")
    incoming = read_incoming(pd.DataFrame([ACLED_ROW]).to_csv(index=False).encode(), "a.csv")
    store_import(prepare_import(incoming, store.read()), store, ANALYST)
    record = json.loads(store.read().loc[0, RECORD_COLUMN])
    assert list(record) == list(ACLED_ROW)
    assert record == ACLED_ROW


@pytest.mark.parametrize(
    ("argv", "ids"),
    [
        ((), {"MLI1", "MLI2"}),
        (("--from", "2025-05-17"), {"MLI2"}),
        (("--to", "2025-05-16"), {"MLI1"}),
        (("--actor", "JNIM"), {"MLI1"}),
        (("--actor", "JNIM: Group for Support of Islam and Muslims"), {"MLI1"}),
        (("--type", "Violence against civilians"), {"MLI2"}),
        (("--region", "Ménaka"), {"MLI1"}),
        (("--region", "Menaka", "--region", "Gao"), {"MLI1", "MLI2"}),
    ],
)
def test_cli_export_filters_as_the_url_names_them(tmp_path, store_path, capsys, argv, ids):
    import_hand_made(tmp_path, capsys)
    out = tmp_path / "some.csv"
    cli(capsys, "export", str(out), *argv)
    assert set(read_back(out)["event_id_cnty"]) == ids


@pytest.mark.parametrize("kind", ["geojson", "gpkg"])
def test_cli_exports_gis_points_that_import_back(tmp_path, store_path, capsys, kind):
    import_hand_made(tmp_path, capsys)
    out = tmp_path / f"events.{kind}"
    assert cli(capsys, "export", str(out), "--format", kind)["events"] == 2
    again = prepare_import(read_incoming(out), NOTHING_STORED)
    assert again.rejected == []
    assert set(again.accepted["event_id_cnty"]) == {"MLI1", "MLI2"}


def test_the_cli_writes_the_same_geojson_as_the_app(tmp_path, store_path, capsys):
    import_hand_made(tmp_path, capsys)
    out = tmp_path / "events.geojson"
    cli(capsys, "export", str(out), "--format", "geojson")
    typed = validate_events(open_store(str(store_path)).read(), "store").kept
    # One serializer: numbers stay numbers, dates ISO strings, as the app's download.
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(events_geojson(typed))
    assert isinstance(json.loads(out.read_text(encoding="utf-8"))["features"][0]["properties"]["latitude"], float)


def test_select_with_no_filter_keeps_everything():
    rows = prepare_import(
        read_incoming(pd.DataFrame(HAND_MADE).to_csv(index=False).encode(), "a.csv"), NOTHING_STORED
    ).accepted
    assert len(select(rows, validate_events(rows, "x").kept, Selection())) == 2
    assert export_bytes(rows.iloc[0:0], "acled").decode().startswith("event_id_cnty,event_date,year")


@pytest.mark.parametrize(
    ("filters", "name"),
    [
        ({"actors": ["JNIM"], "event_types": ["Battles"], "regions": ["Gao"]}, f"events_jnim-battles-gao{SPAN}"),
        ({}, f"events{SPAN}"),
        ({"actors": ["Military Forces of Mali (FAMa)", "JNIM", "FLA"]}, f"events_military-jnim-more{SPAN}"),
        ({"event_types": ["Explosions/Remote violence"]}, f"events_explosions-remote{SPAN}"),
    ],
)  # fmt: skip
def test_exports_are_named_after_the_view(filters, name):
    assert view_file_name(date(2024, 1, 1), date(2026, 4, 29), **filters) == name


def test_the_shipped_samples_are_the_generated_ones_and_say_they_are_synthetic():
    from data.config import DATA_DIR
    from data.synthetic import SAMPLE_FILES, SAMPLES_DIR, sample_files

    for kind, data in sample_files().items():
        path = DATA_DIR / SAMPLES_DIR / SAMPLE_FILES[kind]
        assert path.read_bytes() == data, f"regenerate {path.name} with data.synthetic.write_samples()"
        assert "synthetic" in path.name
        frame = read_incoming(path).raw
        marked = frame["source"] if kind == "acled" else frame["source_office"]
        assert marked.str.contains("Synthetic").all()


def test_a_store_of_either_backend_keeps_the_source_record(event_store):
    incoming = read_incoming(pd.DataFrame(HAND_MADE).to_csv(index=False).encode(), "old.csv")
    store_import(prepare_import(incoming, event_store.read()), event_store, ANALYST)
    back = pd.read_csv(io.BytesIO(export_bytes(event_store.read(), "acled")), dtype=str, keep_default_na=False)
    back = unguard_formulas(back).sort_values("event_id_cnty").reset_index(drop=True)  # PostGIS orders by id
    pd.testing.assert_frame_equal(back, pd.DataFrame(HAND_MADE))


def test_the_apps_csv_gives_back_the_imported_acled_columns(tmp_path, dataset):

    store = open_store(tmp_path / "s.sqlite")
    incoming = read_incoming(pd.DataFrame(HAND_MADE).to_csv(index=False).encode(), "old.csv")
    store_import(prepare_import(incoming, store.read(), names=load_names(DATA_DIR)), store, ANALYST)
    imported = validate_events(store.read(), "store").kept
    shown = pd.concat([dataset.events, imported], ignore_index=True)
    back = unguard_formulas(read_incoming(view_csv(shown, store.read()), "view.csv").raw)
    assert list(back.columns[: len(HAND_MADE[0])]) == list(HAND_MADE[0])  # the imported file's own order first
    rows = back.set_index("event_id_cnty")
    for original in HAND_MADE:
        for column, cell in original.items():
            if column != "event_id_cnty":
                assert rows.loc[original["event_id_cnty"], column] == cell, column
    shipped = rows.loc["CM-MLI-0001"]
    assert (shipped["actor1"], shipped["admin1"], shipped["year"]) == ("MNLA", "Ménaka", "2012")
    assert "date_phrase" in back.columns  # our columns follow
