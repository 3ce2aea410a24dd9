"""The brief: one self-contained HTML page (printed to PDF by ``geo.documents.render``) a briefer can send.

Title, as-of date, the filter sentence, the map image with its legend, "what changed since <date>",
and every event shown with its date, place (each with its precision), actors, toll, summary and
source. Every value from data goes through ``html_text``; the map image is embedded as a data URI,
so the file needs nothing else.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from data.view.changes import Changes, Period, Toll, what_changed
from data.view.filters import format_day
from data.vocabulary import PLACE_PRECISION
from geo.documents.standalone import ExportView
from geo.map.legend import ATTRIBUTION, legend_html
from geo.map.popups import actors_text, date_label, fatalities_label, html_text, source_html

BRIEF_CSS = """<style>
@page { size: A4; margin: 14mm 12mm; }
body { font: 10.5pt/1.4 system-ui, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1000px; }
h1 { font-size: 20pt; margin: 0 0 2px; } h2 { font-size: 14pt; margin: 18px 0 6px; border-bottom: 2px solid #333; }
h3 { font-size: 11.5pt; margin: 12px 0 4px; }
.cm-meta { font-size: 12pt; margin: 0; } .cm-sentence { margin: 2px 0 10px; color: #333; }
.cm-figure { margin: 0; break-inside: avoid; }
.cm-figure img { width: 100%; border: 1px solid #999; display: block; } .cm-no-map { padding: 40px; background: #eee; }
.cm-legend { font-size: 9pt; line-height: 1.6; margin-top: 4px; } .cm-legend svg { vertical-align: -3px; }
.cm-legend > div { display: inline-block; margin-right: 14px; white-space: nowrap; } .cm-legend hr { display: none; }
.cm-legend-title { font-weight: 700; }
.cm-swatch { display: inline-block; width: 16px; height: 10px; vertical-align: -1px; }
.cm-dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; table-layout: fixed; }
.cm-events col:nth-child(1) { width: 13%; } .cm-events col:nth-child(2) { width: 12%; }
.cm-events col:nth-child(3) { width: 13%; } .cm-events col:nth-child(4) { width: 13%; }
.cm-events col:nth-child(5) { width: 9%; } .cm-events col:nth-child(6) { width: 24%; }
.cm-events col:nth-child(7) { width: 16%; } td { overflow-wrap: break-word; hyphens: auto; }
th, td { border-bottom: 1px solid #ccc; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } tr { break-inside: avoid; }
.cm-precision { color: #555; font-style: italic; } .cm-none { color: #666; font-style: italic; }
footer { margin-top: 16px; font-size: 8pt; color: #555; }
@media print { a[href]::after { content: " (" attr(href) ")"; font-size: 8pt; word-break: break-all; } }
</style>"""


@dataclass(frozen=True)
class BriefContent:
    """What goes into a brief.

    Attributes
    ----------
    title, sentence : str
        The map's title and the filter sentence (``data.view.filters.describe``).
    as_of_text : str
        The as-of date as the page shows it.
    events : pandas.DataFrame
        The events shown on the map.
    changes : data.view.changes.Changes
        What changed since the briefer's date.
    map_png : bytes or None
        The map image (``geo.documents.render``); None leaves a note in its place.
    prepared : datetime.datetime
        When the brief was made (stated in it).
    """

    title: str
    as_of_text: str
    sentence: str
    events: pd.DataFrame
    changes: Changes
    map_png: bytes | None
    prepared: datetime


def brief_for(view: ExportView, since: date, map_png: bytes | None, prepared: datetime) -> BriefContent:
    """The brief of what the page shows, with what changed since ``since`` (before the as-of day)."""
    title, as_of_text, sentence = view.stamp
    changes = what_changed(*view.history, since=since, as_of=view.as_of)
    return BriefContent(title, as_of_text, sentence, view.events, changes, map_png, prepared)


def _figure(map_png: bytes | None) -> str:
    if map_png is None:
        image = '<div class="cm-no-map">The map image could not be made.</div>'
    else:
        data = base64.b64encode(map_png).decode("ascii")
        image = f'<img src="data:image/png;base64,{data}" alt="Map of the events and territory shown">'
    return f'<figure class="cm-figure">{image}<div class="cm-legend">{legend_html()}</div></figure>'


# A field longer than this is clipped in documents, with a note (a 100,000-character note would
# otherwise make the PDF time out and fill pages).
MAX_FIELD_CHARS = 2_000


def clipped_text(value: object, limit: int = MAX_FIELD_CHARS) -> str:
    """``value`` as escaped HTML, clipped to ``limit`` characters with a note saying how long it was."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    if len(text) <= limit:
        return html_text(text)
    note = f'<span class="cm-clipped"> … (clipped: {len(text):,} characters in all)</span>'
    return html_text(text[:limit]) + note


def _where(event: dict) -> str:
    place = clipped_text(event["location"]) + (f", {clipped_text(event['admin1'])}" if event.get("admin1") else "")
    precision = html_text(PLACE_PRECISION.get(int(event["geo_precision"]), ""))
    return f'{place} <span class="cm-precision">({precision})</span>'


def _when(event: dict) -> str:
    return html_text(date_label(event["event_date"], event.get("date_end"), int(event["time_precision"])))


def events_table(events: pd.DataFrame) -> str:
    """Every event, by date: when, where (with precision), what, who, toll, summary, source."""
    if events.empty:
        return '<p class="cm-none">No event.</p>'
    header = "".join(f"<th>{h}</th>" for h in ("When", "Where", "What", "Who", "Fatalities", "Summary", "Source"))
    rows = []
    for event in events.sort_values("event_date", kind="stable").to_dict("records"):
        cells = (
            _when(event),
            _where(event),
            f"{html_text(event['event_type'])}: {html_text(event['sub_event_type'])}",
            clipped_text(actors_text(event)),
            html_text(fatalities_label(event.get("fatalities"))),
            clipped_text(event["notes"]),
            source_html(event),
        )
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    columns = "<colgroup>" + "<col>" * 7 + "</colgroup>"
    return f'<table class="cm-events">{columns}<thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _toll_row(name: str, period: Period, toll: Toll) -> str:
    cells = (name, html_text(period.label()), f"{toll.killed:,}", f"{toll.events:,}", f"{toll.unreported:,}")
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def changes_html(changes: Changes) -> str:
    """The "what changed since <date>" section: new events, control changes, toll vs the period before."""
    control = "".join(
        f"<li><b>{html_text(format_day(c.day))}, {html_text(c.place)}</b>: {html_text(c.change)} "
        f'<span class="cm-precision">({html_text(c.source)})</span></li>'
        for c in changes.control
    )
    header = "".join(
        f"<th>{h}</th>" for h in ("", "Dates", "Killed (reported, at least)", "Events", "Events, toll not reported")
    )
    tolls = _toll_row("This period", changes.period, changes.toll) + _toll_row(
        "Period before", changes.previous, changes.previous_toll
    )
    return (
        f"<h2>What changed since {html_text(format_day(changes.since))}</h2>"
        f"<p>{html_text(changes.period.label())}, compared with the {changes.period.days} days before.</p>"
        f"<h3>New events ({len(changes.new_events):,})</h3>{events_table(changes.new_events)}"
        f"<h3>Control changes ({len(changes.control):,})</h3>"
        + (f"<ul>{control}</ul>" if control else '<p class="cm-none">No territory or town changed hands.</p>')
        + f"<h3>Fatalities</h3><table><thead><tr>{header}</tr></thead><tbody>{tolls}</tbody></table>"
        '<p class="cm-precision">Only reported tolls are added up: an event whose toll was not reported '
        "counts as unknown, not as zero.</p>"
    )


def brief_html(content: BriefContent) -> str:
    """The whole brief as one HTML document (A4 when printed)."""
    title = html_text(content.title)
    prepared = content.prepared.strftime("%d %b %Y %H:%M %Z").strip()
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}: brief</title>'
        f"{BRIEF_CSS}</head><body><header><h1>{title}</h1>"
        f'<p class="cm-meta"><b>As of {html_text(content.as_of_text)}</b> · prepared {html_text(prepared)}</p>'
        f'<p class="cm-sentence">{html_text(content.sentence)}</p></header>'
        f"{_figure(content.map_png)}{changes_html(content.changes)}"
        f"<h2>Events shown ({len(content.events):,})</h2>{events_table(content.events)}"
        f"<footer>Conflict Map. Summaries are in our own words; each event names its source. {ATTRIBUTION}.</footer>"
        "</body></html>"
    )
