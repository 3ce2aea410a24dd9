"""The README documents every setting and every column, and its two commands exist."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from data.config import SETTINGS, load_settings
from data.schema import EVENT_COLUMNS, TERRITORY_COLUMNS, TOWN_STATUS_COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Who may write and the deployment settings are documented in their own page (docs/security.md).
SECURITY = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_readme_documents_every_setting(setting):
    assert f"| `{setting.name}` |" in README or f"| `{setting.name}` |" in SECURITY


@pytest.mark.parametrize("setting", [s for s in SETTINGS if f"| `{s.name}` |" in SECURITY], ids=lambda s: s.name)
def test_the_security_page_states_each_of_its_settings_as_declared(setting):
    default = setting.default.replace(str(Path.home()), "~") or "(empty)"
    assert f"| `{setting.name}` | `{default}` | {setting.help} |" in SECURITY


@pytest.mark.parametrize("column", [*EVENT_COLUMNS, *TERRITORY_COLUMNS, *TOWN_STATUS_COLUMNS], ids=lambda c: c.name)
def test_readme_documents_every_column(column):
    assert f"| `{column.name}` | {column.kind} |" in README


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
