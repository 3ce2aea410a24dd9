"""Who holds each town, in the window-aware layer's file: status versions, key-town labels, histories.

The layer (``geo.map.timeline_layer``) draws the version valid on the as-of day; the label of a key
town ("Kidal · FLA since 28 Apr 2026") and a town's history of control are text here, written into
the page with ``textContent`` (``templates/towns.js.j2``), never as HTML. The labels are built and
placed by the script the exports' labels share (``geo.map.labels``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Template

from data.view.changes import KEY_TOWNS, Holder, holder_name
from data.view.filters import format_day
from data.vocabulary import HISTORY_COLUMNS, HISTORY_TITLE, NO_HOLDER
from geo.documents.brief_text import named_sources
from geo.map.elements import RenderedOnce, latlon, script_json
from geo.map.labels import HOLDER_PANE, LABEL_CSS, LABEL_SCRIPT
from geo.map.style import actor_colour, town_icon_svg
from geo.map.validity import status_fields, validity

_SCRIPT = (Path(__file__).parent / "templates" / "towns.js.j2").read_text(encoding="utf-8")
# A pane above Leaflet's markers (600) and under the key towns' labels (``HOLDER_PANE``), its
# tooltips (650) and popups (700): a town square is never under an event symbol.
TOWN_PANE = ("cm-towns", 620)


def _source_names(source: object) -> str:
    return "; ".join(source.name for source in named_sources(source))


def _history(rows: list[dict], indices: list[int]) -> list[list]:
    """``[from, holder, source names, version index]`` per change, a gap after a hold as "no holder"."""
    history = []
    for position, (row, index) in enumerate(zip(rows, indices, strict=True)):
        history.append([format_day(row["valid_from"].date()), holder_name(row["actor"], row["status"]),
                        _source_names(row.get("source")), index])  # fmt: skip
        end, following = row["valid_to"], rows[position + 1]["valid_from"] if position + 1 < len(rows) else None
        if not pd.isna(end) and end != following:
            history.append([format_day(end.date()), NO_HOLDER, "", -1])
    return history


def town_places(towns: pd.DataFrame) -> list[dict]:
    """One entry per town: name, [lat, lon], key town (labelled) or not, its rank, its history of control.

    A key town's rank is its place in ``KEY_TOWNS``: a label that would overlap one of a higher rank moves aside.

    A version's ``place`` (``town_versions``) is its town's index in this list.
    """
    places = []
    if towns.empty:
        return places
    indexed = towns.reset_index(drop=True)
    for town, group in indexed.sort_values("valid_from", kind="stable").groupby("town", sort=False):
        first = group.iloc[0]
        places.append({"town": str(town), "at": latlon(first["longitude"], first["latitude"]),
                       "key": town in KEY_TOWNS, "rank": KEY_TOWNS.index(town) if town in KEY_TOWNS else -1,
                       "history": _history(group.to_dict("records"), group.index.tolist())})  # fmt: skip
    return places


def town_versions(towns: pd.DataFrame, places: list[dict]) -> list[dict]:
    """Each town-status version: where, valid ``from``/``to`` (day numbers), symbol, tooltip fields, label."""
    place_of = {place["town"]: index for index, place in enumerate(places)}
    firsts, lasts = validity(towns)
    versions = []
    for record, first, last in zip(towns.to_dict("records"), firsts, lasts, strict=True):
        colour = actor_colour(record["actor"])
        holder = Holder(record["town"], record["actor"], record["status"], record["valid_from"].date())
        versions.append({"at": latlon(record["longitude"], record["latitude"]), "from": first, "to": last,
                         "svg": town_icon_svg(colour, record["status"]), "fields": status_fields(record, "town"),
                         "place": place_of[record["town"]], "label": holder.label, "colour": colour,
                         "status": record["status"]})  # fmt: skip
    return versions


def town_words() -> dict:
    """The history popup's words (``data.vocabulary``), for the page's script (a label's are in its version)."""
    return {"title": HISTORY_TITLE, "columns": list(HISTORY_COLUMNS)}


class TownLayer(RenderedOnce):
    """Town squares, key-town labels and history popups, drawn by the ``TimelineLayer`` on each redraw.

    Added to the base map after the ``TimelineLayer``, whose redraw calls it with the as-of day.
    """

    _template = Template(_SCRIPT)

    def __init__(self) -> None:
        super().__init__()
        self._name = "TownLayer"
        self.label_css, self.label_script = LABEL_CSS, LABEL_SCRIPT
        self.settings_json = script_json({"panes": [TOWN_PANE, HOLDER_PANE], "words": town_words()})
