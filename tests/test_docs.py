"""The README and docs/ document every setting and every column (generated, checked), and the two commands exist."""

from __future__ import annotations

import re
from datetime import date

import pytest
from cogapp import Cog

from data.config import SETTINGS, STORE_SETTINGS, load_settings
from data.schema import EVENT_COLUMNS, TERRITORY_COLUMNS, TOWN_STATUS_COLUMNS
from data.view.view_state import PARAMS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_MODEL = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
GENERATED = [ROOT / "README.md", ROOT / "docs" / "data-model.md", ROOT / "docs" / "briefing.md"]


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
    ],
)
def test_bad_settings_name_the_variable(env, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        load_settings(env)


def test_settings_read_the_environment():
    settings = load_settings({"CONFLICT_MAP_PUBLISHED": "2026-05-06", "CONFLICT_MAP_BASEMAP": "Tiles"})
    assert settings.published == date(2026, 5, 6)
    assert settings.basemap == "tiles"


def test_architecture_page_states_the_gazetteer_size(gazetteer):
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    places, names = re.search(r"\(([\d,]+) places under ([\d,]+) names", page).groups()
    assert (int(places.replace(",", "")), int(names.replace(",", ""))) == (len(gazetteer.places), len(gazetteer.keys))


def test_sharing_page_documents_every_link_parameter():
    page = (ROOT / "docs" / "sharing.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1] for line in page.splitlines() if line.startswith("| `")]
    documented = {name.strip(" `") for row in rows for name in row.split(",")}
    assert documented == set(PARAMS)
