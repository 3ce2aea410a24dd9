"""The README and docs/ document every setting and every column (generated, checked), and the two commands exist.

The numbers the pages state are checked in ``tests/test_docs_claims.py``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from cogapp import Cog

from data.config import SETTINGS, STORE_SETTINGS, load_settings
from data.schema import EVENT_COLUMNS, TERRITORY_COLUMNS, TOWN_STATUS_COLUMNS
from data.view.view_state import PARAMS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_MODEL = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
GENERATED = [ROOT / "README.md", *(ROOT / "docs" / name for name in ("data-model.md", "briefing.md", "store.md"))]


@pytest.mark.parametrize("setting", [*SETTINGS, *STORE_SETTINGS], ids=lambda s: s.name)
def test_readme_documents_every_setting(setting):
    assert f"| `{setting.name}` |" in README


@pytest.mark.parametrize("column", [*EVENT_COLUMNS, *TERRITORY_COLUMNS, *TOWN_STATUS_COLUMNS], ids=lambda c: c.name)
def test_data_model_documents_every_column(column):
    assert f"| `{column.name}` | {column.kind} |" in DATA_MODEL


@pytest.mark.parametrize("page", GENERATED, ids=lambda p: p.name)
def test_generated_tables_match_the_code(page):
    # cog --check exits 5 when a page's generated block differs from what its code writes now.
    assert Cog().main(["cog", "--check", "-I", str(ROOT), str(page)]) == 0, f"run `make docs`: {page.name} is stale"


def test_readme_commands_are_make_targets_and_ci_calls_the_test_one():
    makefile = (ROOT / "Makefile").read_text()
    for command in ("make run", "make test"):
        assert command in README
        assert re.search(rf"^{command.split()[1]}:", makefile, re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_states_the_default_publication_date():
    default = load_settings({}).published
    assert default == date(2026, 4, 29)
    assert "29 April 2026" in README


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CONFLICT_MAP_PUBLISHED": "29/04/2026"}, "CONFLICT_MAP_PUBLISHED='29/04/2026': expected an ISO date"),
        ({"CONFLICT_MAP_BASEMAP": "maps"}, "CONFLICT_MAP_BASEMAP='maps': expected one of auto, tiles, vector"),
        ({"CONFLICT_MAP_THEATRE": "MLI"}, "CONFLICT_MAP_THEATRE='MLI': expected a two-letter country code"),
        ({"CONFLICT_MAP_PROJECT": "../etc"}, "CONFLICT_MAP_PROJECT='../etc': expected lower-case letters, digits"),
        ({"CONFLICT_MAP_PROJECT": "Sahel"}, "CONFLICT_MAP_PROJECT='Sahel': expected lower-case letters, digits"),
    ],
)
def test_bad_settings_name_the_variable(env, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        load_settings(env)


STORES = Path.home() / ".local" / "share" / "conflict-map"


@pytest.mark.parametrize(
    ("env", "store"),
    [
        ({}, str(STORES / "northern-mali" / "events.sqlite")),
        ({"CONFLICT_MAP_PROJECT": "burkina-2025"}, str(STORES / "burkina-2025" / "events.sqlite")),
        # A store someone named is theirs, whatever the project.
        ({"CONFLICT_MAP_PROJECT": "sahel", "CONFLICT_MAP_STORE": "/srv/x.sqlite"}, "/srv/x.sqlite"),
        ({"CONFLICT_MAP_STORE": "postgresql://db/cm"}, "postgresql://db/cm"),
    ],
)
def test_the_default_store_is_one_file_per_project(env, store):
    assert load_settings(env).store == store


def test_settings_read_the_environment():
    settings = load_settings({"CONFLICT_MAP_PUBLISHED": "2026-05-06", "CONFLICT_MAP_BASEMAP": "Tiles"})
    assert settings.published == date(2026, 5, 6)
    assert settings.basemap == "tiles"


def test_sharing_page_documents_every_link_parameter():
    page = (ROOT / "docs" / "sharing.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1] for line in page.splitlines() if line.startswith("| `")]
    documented = {name.strip(" `") for row in rows for name in row.split(",")}
    assert documented == set(PARAMS)


# Paths the pages name that are not in a checkout, on purpose: files tests and benchmarks write,
# the operator's own secrets file, and a file inside an installed package.
NOT_IN_THE_CHECKOUT = ("test-artifacts/", ".streamlit/secrets.toml", "streamlit/web/")
NAMED_PATH = re.compile(
    r"`([A-Za-z0-9_./-]+/[A-Za-z0-9_.-]+\.(?:py|md|csv|json|j2|js|css|html|toml|txt|lock|sh|geojson))`"
)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted(ROOT.glob("*/**/*.md"))]


@pytest.mark.parametrize("page", [p for p in PAGES if not {".venv", "node_modules"} & set(p.parts)],
                         ids=lambda p: str(p.relative_to(ROOT)))  # fmt: skip
def test_every_file_a_page_names_exists(page):
    named = {m.group(1) for m in NAMED_PATH.finditer(page.read_text(encoding="utf-8"))}
    missing = sorted(p for p in named if not p.startswith(NOT_IN_THE_CHECKOUT) and not (ROOT / p).exists())
    assert missing == [], f"{page.relative_to(ROOT)} names files that do not exist"
