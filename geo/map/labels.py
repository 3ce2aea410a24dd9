"""Key-town labels ("Kidal · FLA since 28 Apr 2026"): one builder and one placement, live and exported.

The live map's ``TownLayer`` (``geo.map.towns``) rewrites its labels at each redraw of the time bar;
an exported map (the HTML file, the PNG, the brief's picture) has no time bar, so ``FixedLabels``
draws the labels of its as-of day once. Both run the same script (``templates/key_town_labels.js``):
the label's box and words, the base map's own name of the town set aside, and where each label goes
(in ``KEY_TOWNS`` order, the cheapest spot clear of the labels placed before it, the other key towns'
squares and the map's controls: right of its town, nudged up or down, left of it; none for a town
out of sight). The words are Python's (``data.view.changes.Holder.label``, the brief's wording too), sent as
JSON and written with ``textContent``, never as HTML.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import Template

from data.view.changes import KEY_TOWNS, key_town_holders
from data.view.filters import valid_at
from geo.map.elements import RenderedOnce, latlon, script_json
from geo.map.style import actor_colour

_TEMPLATES = Path(__file__).parent / "templates"
# Our script, inserted as it is into the live layer's script and the exports' (not a template).
LABEL_SCRIPT = (_TEMPLATES / "key_town_labels.js").read_text(encoding="utf-8")
# Above Leaflet's markers (600), the place names (610) and the town squares (620), under its
# tooltips (650) and popups (700): a key town's label is never under an event symbol.
HOLDER_PANE = ("cm-holders", 630)
# 12.5 px type: the brief's map picture (760 CSS px printed across 186 mm) prints it at 8.7 pt.
LABEL_CSS = """<style>
.cm-holder { background: none; border: none; }
/* A key town's holder: a white tab edged in the holder's colour, above the event symbols. */
.cm-holder-text { display: inline-block; white-space: nowrap; color: #111; font-size: 12.5px; line-height: 1.3;
  background: rgba(255,255,255,0.92); border-left: 5px solid transparent; border-radius: 3px;
  padding: 1px 6px 1px 4px; box-shadow: 0 0 2px rgba(0,0,0,0.45); }
/* Only a live label opens its town's history. */
.leaflet-interactive > .cm-holder-text { cursor: pointer; }
</style>"""


def key_town_labels(towns: pd.DataFrame, as_of: date | None = None) -> list[dict]:
    """One label per key town the record places, in ``KEY_TOWNS`` order, as the live map writes it on ``as_of``.

    Parameters
    ----------
    towns : pandas.DataFrame
        Town-status versions: every version, read on ``as_of``; or, without ``as_of``, those of one day.
    as_of : datetime.date, optional
        The day the labels say who holds each town.

    Returns
    -------
    list of dict
        ``town``, ``at`` ([lat, lon]), ``rank`` (its place in ``KEY_TOWNS``: a later label moves
        aside for an earlier one), ``label`` (``Kidal · FLA since 28 Apr 2026``; empty when nobody
        holds it that day: the label is its name alone), the holder's ``colour`` and ``status``.
    """
    on_day = towns if as_of is None else valid_at(towns, as_of)
    holders = {holder.town: holder for holder in key_town_holders(on_day)}
    labels = []
    for rank, town in enumerate(KEY_TOWNS):
        rows = towns[towns["town"] == town]
        if rows.empty:
            continue
        holder, first = holders.get(town), rows.iloc[0]
        labels.append({"town": town, "at": latlon(first["longitude"], first["latitude"]), "rank": rank,
                       "label": holder.label if holder else "",
                       "colour": actor_colour(holder.actor) if holder else "",
                       "status": holder.status if holder else ""})  # fmt: skip
    return labels


class FixedLabels(RenderedOnce):
    """The key towns' labels of one day on a map with no time bar (the exports), placed as on the live map.

    ``labels`` is :func:`key_town_labels`' list. They are placed once the map is drawn, and again after
    each zoom, pan or resize of the HTML file.
    """

    _template = Template((_TEMPLATES / "fixed_labels.js.j2").read_text(encoding="utf-8"))

    def __init__(self, labels: list[dict]) -> None:
        super().__init__()
        self._name = "FixedLabels"
        self.label_css, self.label_script = LABEL_CSS, LABEL_SCRIPT
        self.settings_json = script_json({"pane": HOLDER_PANE, "labels": labels})
