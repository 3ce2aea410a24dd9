"""The brief: one self-contained HTML page (printed to PDF by ``geo.documents.render``) a briefer can send.

Title, as-of date and the filter sentence; a three-line summary (what changed, who holds the key
towns, deaths against the period before); the map picture with its legend; one line per change of
control with its source named; the tolls of both periods; and one table of the events shown, those
of the period marked new. The page is a Jinja template with autoescape on (``templates/brief.html.j2``,
rendered by ``geo.markup``, the app's one template environment): every value from data is escaped
by Jinja, never assembled into HTML by hand. The map image is embedded as a data URI, so the file
needs nothing else.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from markupsafe import Markup

from data.cells import cell_text
from data.view.changes import Changes, Toll, key_town_holders, what_changed
from data.view.filters import format_day
from data.vocabulary import PLACE_PRECISION
from geo.documents.brief_text import ATTRIBUTION_TEXT, named_sources, summary_lines
from geo.documents.render import ImageSize
from geo.documents.standalone import ExportView
from geo.map.legend import legend_html
from geo.map.popups import actors_text, date_label, fatalities_label
from geo.markup import render

# Printed across an A4 page's 186 mm, a 760-pixel-wide picture puts the map's 12 px labels at
# 8.3 pt (12 × 186 / 760 mm); drawn at twice that for print sharpness.
A4_TEXT_WIDTH_MM = 186  # 210 mm less the page's 12 mm margins
BRIEF_MAP = ImageSize("brief (A4 width)", 760, 540, 2.0)


@dataclass(frozen=True)
class BriefContent:
    """What goes into a brief.

    Attributes
    ----------
    title, as_of_text, sentence : str
        The map's title, the as-of date as the page shows it, and the filter sentence.
    events : pandas.DataFrame
        The events shown on the map.
    towns : pandas.DataFrame
        The town-status records that hold on the as-of day (who holds which town).
    changes : data.view.changes.Changes
        What changed since the briefer's date.
    map_png : bytes or None
        The map image (``geo.documents.render``, at ``BRIEF_MAP``); None leaves a note in its place.
    prepared : datetime.datetime
        When the brief was made (stated in it).
    """

    title: str
    as_of_text: str
    sentence: str
    events: pd.DataFrame
    towns: pd.DataFrame
    changes: Changes
    map_png: bytes | None
    prepared: datetime


def brief_for(view: ExportView, since: date, map_png: bytes | None, prepared: datetime) -> BriefContent:
    """The brief of what the page shows, with what changed since ``since`` (before the as-of day)."""
    title, as_of_text, sentence = view.stamp
    changes = what_changed(*view.history, since=since, as_of=view.as_of)
    return BriefContent(title, as_of_text, sentence, view.events, view.towns, changes, map_png, prepared)


def _killed(value: object) -> str:
    """The toll as the table prints it: the number, or "–" for not reported (the table's key says so)."""
    label = fatalities_label(value)
    return "–" if label == fatalities_label(None) else label


# A field longer than this is clipped in documents, with a note: a 100,000-character note would
# otherwise make the PDF time out and fill pages.
MAX_FIELD_CHARS = 2_000


def clipped(value: object, limit: int = MAX_FIELD_CHARS) -> str:
    """``value`` as text, cut at ``limit`` characters with a note saying how long it was (Jinja escapes it)."""
    text = cell_text(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]} … (clipped: {len(text):,} characters in all)"


def _event_rows(events: pd.DataFrame, changes: Changes) -> list[dict]:
    new = set(changes.new_events["event_id_cnty"])
    rows = []
    for event in events.sort_values("event_date", kind="stable").to_dict("records"):
        place = event["location"] + (f", {event['admin1']}" if event.get("admin1") else "")
        rows.append(
            {
                "new": event["event_id_cnty"] in new,
                "when": date_label(event["event_date"], event.get("date_end"), int(event["time_precision"])),
                "place": clipped(place),
                # Said only when approximate: "the town itself" on every row is noise on paper.
                "place_precision": PLACE_PRECISION.get(int(event["geo_precision"]), "")
                if int(event["geo_precision"]) >= 2
                else "",
                "what": f"{event['event_type']}: {event['sub_event_type']}",
                "who": clipped(actors_text(event)),
                "killed": _killed(event.get("fatalities")),
                "summary": clipped(event["notes"]),
                "source": named_sources(
                    event.get("source"), event.get("source_title"), event.get("source_url"), event.get("source_date")
                )[0],
            }
        )
    return rows


def _toll_row(name: str, dates: str, toll: Toll) -> dict:
    return {"name": name, "dates": dates, "killed": f"{toll.killed:,}", "events": f"{toll.events:,}",
            "unreported": f"{toll.unreported:,}"}  # fmt: skip


def brief_html(content: BriefContent) -> str:
    """The whole brief as one HTML document (A4 when printed)."""
    changes = content.changes
    map_src = None
    if content.map_png is not None:
        map_src = "data:image/png;base64," + base64.b64encode(content.map_png).decode("ascii")
    control = [
        {"day": format_day(c.day), "place": c.place, "change": c.change, "sources": named_sources(c.source)}
        for c in changes.control
    ]
    return render(
        "documents/brief.html.j2",
        title=content.title,
        as_of=content.as_of_text,
        prepared=content.prepared.strftime("%d %b %Y %H:%M %Z").strip(),
        sentence=content.sentence,
        period=changes.period.label(),
        since=format_day(changes.since),
        summary=summary_lines(changes, key_town_holders(content.towns)),
        map_src=map_src,
        legend=Markup(legend_html()),  # our own markup: no value from data in it
        control=control,
        tolls=[
            _toll_row("This period", changes.period.label(), changes.toll),
            _toll_row("Period before", changes.previous.label(), changes.previous_toll),
        ],
        events=_event_rows(content.events, changes),
        attribution=ATTRIBUTION_TEXT,
    )


def page_footer(content: BriefContent) -> str:
    """The line printed at the foot of every PDF page: title, as-of date, page n of N.

    Chromium fills the ``pageNumber`` and ``totalPages`` spans; the rest is escaped by Jinja.
    """
    return render("documents/brief_footer.html.j2", title=content.title, as_of=content.as_of_text)
