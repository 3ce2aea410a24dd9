"""Shared fixtures: the shipped data loaded once, small frames built in code."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data.access.roles import Role, Writer
from data.config import DATA_DIR
from geo.gazetteer.gazetteer import load_gazetteer
from geo.pipeline import load_dataset

ROOT = Path(__file__).resolve().parents[1]
ANALYST = Writer("test analyst", Role.ANALYST)  # who the store tests write as
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed article's publication date used throughout the tests (a Wednesday).
PUBLISHED = date(2026, 4, 29)

# Tests never probe the network for tiles: the vector basemap is the offline world.
os.environ.setdefault("CONFLICT_MAP_BASEMAP", "vector")
# Tests never write to the user's own event store or cache.
_SCRATCH = Path(tempfile.mkdtemp(prefix="conflict-map-tests-"))
os.environ["CONFLICT_MAP_STORE"] = str(_SCRATCH / "events.sqlite")
os.environ["CONFLICT_MAP_CACHE_DIR"] = str(_SCRATCH / "cache")


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer(DATA_DIR, "ML")


@pytest.fixture(scope="session")
def postgis_server():
    from tests.postgis import running_postgis

    with running_postgis() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgis"])
def event_store(request, tmp_path):
    """Each store test runs against both backends: the SQLite file and a fresh PostGIS database."""
    from data.stores.events import open_store

    if request.param == "sqlite":
        return open_store(tmp_path / "store" / "events.sqlite")
    from tests.postgis import fresh_database

    server = request.getfixturevalue("postgis_server")
    return open_store(fresh_database(server, f"t{abs(hash(request.node.nodeid)) % 10**8}"))


@pytest.fixture(scope="session")
def dataset():
    return load_dataset(DATA_DIR, PUBLISHED)


def event_row(**overrides) -> dict:
    """One valid raw event row (strings, as read from a CSV), with overrides."""
    row = {
        "event_id_cnty": "T1",
        "event_date": "2023-11-14",
        "date_end": "",
        "date_phrase": "",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Government regains territory",
        "actor1": "Military Forces of Mali (FAMa)",
        "assoc_actor_1": "Wagner Group",
        "actor2": "CSP-PSD",
        "assoc_actor_2": "",
        "civilian_targeting": "",
        "country": "Mali",
        "admin1": "Kidal",
        "location": "Kidal",
        "latitude": "18.44345",
        "longitude": "1.40921",
        "geo_precision": "1",
        "fatalities": "",
        "notes": "The army enters Kidal.",
        "source": "Test",
        "source_title": "",
        "source_date": "",
        "source_url": "",
    }
    row.update(overrides)
    return row


def raw_table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), dtype=str)


@pytest.fixture
def app():
    """The page under AppTest after its first run (see ``tests.page``)."""
    from tests.page import open_page

    return open_page()
