"""Tables of the README and docs/, generated from the code that declares them (run by cog).

``make docs`` rewrites them; ``tests/test_docs.py`` fails when a committed table differs from what
the code declares, so the documentation of settings and columns cannot drift.
"""

from __future__ import annotations

from pathlib import Path

from data.config import SETTINGS, STORE_SETTINGS
from data.schema import EVENT_COLUMNS, TERRITORY_COLUMNS, TOWN_STATUS_COLUMNS
from data.view.stories import STORY_COLUMNS

CHECKOUT = Path(__file__).resolve().parents[1]
COLUMNS = {
    "events": EVENT_COLUMNS,
    "territories": TERRITORY_COLUMNS,
    "town_status": TOWN_STATUS_COLUMNS,
    "stories": STORY_COLUMNS,
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|")


def shown_default(default: str) -> str:
    """A default as a reader's machine has it: the checkout and the home folder by name, not path."""
    return default.replace(str(CHECKOUT), "<checkout>").replace(str(Path.home()), "~")


def settings_table(settings=(*SETTINGS, *STORE_SETTINGS)) -> str:
    """The settings (default: every one, the app's then the store's and server's): variable, default, meaning."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | `{_cell(shown_default(s.default))}` | {_cell(s.help)} |" for s in settings]
    return "\n".join(rows) + "\n"


def columns_table(dataset: str) -> str:
    """The columns of one shipped dataset: name, kind, whether required, meaning."""
    rows = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for column in COLUMNS[dataset]:
        required = "yes" if column.required else ""
        rows.append(f"| `{column.name}` | {column.kind} | {required} | {_cell(column.description)} |")
    return "\n".join(rows) + "\n"
