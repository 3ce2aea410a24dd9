"""The page with an upload: a 20,000-row ACLED export imports, its bad rows are listed, the map follows."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from data.synthetic import synthetic_acled_export
from tests.conftest import ROOT
from tests.page import maps, shown


@pytest.fixture
def page(tmp_path, monkeypatch):
    """The page over a store of its own (the import must not leak into other tests)."""
    monkeypatch.setenv("CONFLICT_MAP_STORE", str(tmp_path / "import.sqlite"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    assert "import.file" not in [uploader.key for uploader in at.get("file_uploader")]  # closed: not built
    at.session_state["import.open"] = True  # what a click on "Import events" sets
    at.run()
    return at


def header(at: AppTest) -> str:
    return shown(next(m.value for m in at.markdown if m.value.startswith("**As of")))


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="import.file").upload(name, content, "text/csv").run()
    at.button(key="import.run").click().run()
    assert not at.exception, at.exception
    return at


def test_a_large_acled_file_imports_reports_each_bad_row_and_joins_the_map(page, dataset):
    frame, faults = synthetic_acled_export(20_000)
    content = frame.to_csv(index=False).encode()
    shipped = len(dataset.events)
    upload(page, "acled_sahel.csv", content)
    accepted = 20_000 - len(faults)
    assert shown(page.success[0].value).startswith(f"acled_sahel.csv (ACLED): {accepted:,} of 20,000 rows stored")
    listed = next(d.value for d in page.dataframe if list(d.value.columns) == ["row", "field", "reason"])
    assert set(zip(listed["row"], listed["field"], strict=True)) == set(faults.items())
    assert any(button.key == "import.rejected_csv" for button in page.get("download_button"))
    # The page reran on the new store: the map and the header count the imported events.
    total = shipped + accepted
    assert f"Showing {total:,} of {total:,} events" in header(page)
    assert any(f"Download the {total:,} events in view" in c.value for c in page.caption)
    # Importing the same file again updates the same ids: nothing doubles.
    upload(page, "acled_sahel.csv", content)
    assert f"{accepted:,} of them already stored and updated" in shown(page.success[0].value)
    assert f"Showing {total:,} of {total:,} events" in header(page)


def test_check_only_stores_nothing_and_an_unreadable_file_says_why(page, dataset):
    frame, _ = synthetic_acled_export(600, fault_every=100)
    page.checkbox(key="import.dry").check().run()
    upload(page, "check.csv", frame.to_csv(index=False).encode())
    assert "would be stored (check only)" in shown(page.success[0].value)
    assert f"Showing {len(dataset.events)} of {len(dataset.events)} events" in header(page)
    upload(page, "notes.csv", b"a,b\n1,2\n")
    assert (
        shown(page.error[0].value)
        == "Nothing imported from notes.csv: notes.csv: columns match neither ACLED, UCDP GED nor our schema"
    )


def test_turning_the_comparison_on_does_not_remount_the_main_map(page):
    main = maps(page)[0].proto
    page.toggle(key="compare.on").set_value(True).run()
    assert not page.exception
    drawn = maps(page)
    assert len(drawn) == 2  # the main map and the comparison's own small map
    assert drawn[0].proto.id == main.id
    assert json.loads(drawn[0].proto.json_args)["script"] == json.loads(main.json_args)["script"]


def test_downloads_offer_the_events_the_map_shows(page, dataset):
    page.multiselect(key="filters.types").set_value(["Battles"]).run()
    assert not page.exception
    shown = int((dataset.events["event_type"] == "Battles").sum())
    assert f"Showing {shown} of {len(dataset.events)} events" in header(page)
    assert any(c.value.startswith(f"Download the {shown:,} events in view") for c in page.caption)
    labels = [b.label for b in page.get("download_button") if b.key.startswith("downloads.")]
    assert labels == ["Events (CSV)", "Events (GeoJSON)", "Events (GeoPackage)", "Territory (GeoJSON)"]


def test_downloads_are_named_after_the_view():
    from datetime import date

    from components.data_export import file_name
    from data.view.filters import EventFilter

    view = EventFilter(
        start=date(2024, 1, 1), end=date(2026, 4, 29), actors=("JNIM",), event_types=("Battles",), regions=("Gao",)
    )
    assert file_name(view, "csv") == "events_jnim-battles-gao_2024-01-01_2026-04-29.csv"
    assert file_name(view, "gpkg") == "events_jnim-battles-gao_2024-01-01_2026-04-29.gpkg"


def test_try_the_import_with_the_shipped_acled_sample(page, dataset):
    page.button(key="import.sample.acled").click().run()
    assert not page.exception, page.exception
    assert shown(page.success[0].value).startswith("acled_sample_synthetic.csv (ACLED): 297 of 300 rows stored")
    # ACLED's long actor names were matched: the filter list has the shipped short names once.
    actors = page.multiselect(key="filters.actors").options
    assert "JNIM" in actors
    assert not [actor for actor in actors if actor.startswith("JNIM:") or "(2021-)" in actor]


def test_an_import_is_listed_and_removed_after_a_confirmation(page, dataset):
    page.button(key="import.sample.ucdp").click().run()
    assert not page.exception, page.exception
    assert shown(page.success[0].value).startswith("ucdp_ged_sample_synthetic.csv (UCDP): 300 of 300 rows stored")
    total = len(dataset.events) + 300
    assert f"Showing {total:,} of {total:,} events" in header(page)
    assert page.button(key="import.remove").disabled  # not before the confirmation
    page.checkbox(key="import.sure").check().run()
    page.button(key="import.remove").click().run()
    assert not page.exception, page.exception
    assert any("300 event(s) deleted, 0 restored" in s.value for s in page.success)
    shipped = len(dataset.events)
    assert f"Showing {shipped:,} of {shipped:,} events" in header(page)
