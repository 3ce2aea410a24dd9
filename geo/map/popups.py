"""HTML for popups, tooltips and labels. Every value from data is escaped here, once.

folium puts popup and tooltip HTML inside JavaScript template literals, so besides ``<``, ``>``,
``&`` and quotes, the backtick, ``$`` and backslash are escaped too (a note containing `` ` `` or
``${`` would otherwise break out of the literal).

Bidirectional text is isolated: explicit direction controls in data (U+202A-U+202E, U+2066-U+2069,
U+200E/U+200F, U+061C) are removed, and a value holding right-to-left letters is wrapped in U+2068
FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, so it can never reverse our own label around it.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date

import pandas as pd

from data.view.filters import format_day
from data.vocabulary import PLACE_PRECISION

_LITERAL_SAFE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\U00010800-\U00010fff]|[\U0001e800-\U0001efff]")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def bidi_isolated(text: str) -> str:
    """``text`` without direction controls, isolated when it holds right-to-left letters."""
    text = BIDI_CONTROLS.sub("", text)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if RIGHT_TO_LEFT.search(text) else text


def html_text(value: object) -> str:
    """``value`` as text safe in HTML and in a JavaScript template literal; missing → empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(bidi_isolated(str(value)), quote=True).translate(_LITERAL_SAFE)


def _day(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value


def date_label(start: object, end: object, time_precision: int) -> str:
    """A date with its precision: ``14 Nov 2023``, ``21 – 22 Nov 2026 (approximate)``, ``Nov 2023 (month)``."""
    first, last = _day(start), _day(end) or _day(start)
    if time_precision >= 3:
        unit = "year" if first.year == last.year and (first.month, last.month) == (1, 12) else "month"
        shown = f"{first.year}" if unit == "year" else f"{first:%b %Y}"
        return f"{shown} ({unit}; exact day unknown)"
    if first == last:
        return format_day(first) + (" (approximate)" if time_precision == 2 else "")
    return f"{format_day(first)} – {format_day(last)} (between these days)"


def fatalities_label(value: object) -> str:
    """Reported deaths, or ``not reported`` (unknown is not zero)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "not reported"
    return f"{int(value):,}"


def actors_text(event: dict) -> str:
    """Who took part: ``actor1 with its allies vs actor2 with its allies``, or ``not reported``."""
    sides = []
    for main, associated in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")):
        names = [event.get(main) or "", event.get(associated) or ""]
        text = " with ".join(n for n in names if n)
        if text:
            sides.append(text)
    return " vs ".join(sides) or "not reported"


def source_html(event: dict) -> str:
    """The source as escaped HTML: publisher, “title”, date, and a link when the URL is http(s)."""
    parts = [html_text(event.get("source"))]
    if event.get("source_title"):
        parts.append(f"“{html_text(event['source_title'])}”")
    if _day(event.get("source_date")):
        parts.append(format_day(_day(event["source_date"])))
    text = ", ".join(p for p in parts if p)
    url = str(event.get("source_url") or "")
    if url.startswith(("https://", "http://")):
        text += f' <a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">link</a>'
    return text


def _when_html(event: dict) -> str:
    """The date with its precision; an approximate one is marked ``≈`` as in the table."""
    precision = int(event["time_precision"])
    label = html_text(date_label(event["event_date"], event.get("date_end"), precision))
    return f'<span class="cm-approx" title="date approximate">≈</span> {label}' if precision >= 2 else label


def event_popup_html(event: dict) -> str:
    """Popup body of one event: what, when (with precision), where (with precision), who, toll, source."""
    precision = int(event["geo_precision"])
    where = html_text(event["location"])
    if event.get("admin1"):
        where += f", {html_text(event['admin1'])}"
    rows = (
        ("When", _when_html(event)),
        ("Where", f"{where} <i>({html_text(PLACE_PRECISION.get(precision, ''))})</i>"),
        ("Who", html_text(actors_text(event))),
        ("Fatalities", html_text(fatalities_label(event.get("fatalities")) + _toll_range(event))),
        ("Source", source_html(event)),
    )
    table = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    title = f"{html_text(event['event_type'])}: {html_text(event['sub_event_type'])}"
    return (
        f'<div class="cm-popup"><b>{title}</b><table>{table}</table>'
        f"<p>{html_text(event['notes'])}</p>"
        f"<small>{_provenance(event)}Event id: {html_text(event['event_id_cnty'])}</small></div>"
    )


def _toll_range(event: dict) -> str:
    """`` (10–20 reported)`` when a source gave a range (UCDP GED low and high)."""
    low, high = _known(event.get("fatalities_low")), _known(event.get("fatalities_high"))
    return f" ({low}–{high} reported)" if low is not None and high is not None else ""


def _known(value: object) -> int | None:
    return None if value is None or value == "" or pd.isna(value) else int(value)


def _provenance(event: dict) -> str:
    """``Imported from acled: sahel.csv · `` for an imported event (escaped); the id comes last."""
    source = event.get("imported_from")
    return f"Imported from {html_text(source)} · " if isinstance(source, str) and source else ""


def event_tooltip_html(event: dict) -> str:
    """One-line hover text: date, place, type."""
    when = html_text(date_label(event["event_date"], event.get("date_end"), int(event["time_precision"])))
    return f"{when} · {html_text(event['location'])} · {html_text(event['sub_event_type'])}"


def status_tooltip_html(record: dict, label_column: str) -> str:
    """Hover text of a territory or town-status record: who, what, since when, source."""
    since = format_day(_day(record["valid_from"]))
    until = _day(record.get("valid_to"))
    period = f"since {since}" if until is None else f"{since} – {format_day(until)}"
    return (
        f"<b>{html_text(record[label_column])}</b>: {html_text(record['status'])} by "
        f"{html_text(record['actor'])}, {html_text(period)}<br>{html_text(record['notes'])}"
        f"<br><small>Source: {html_text(record['source'])}</small>"
    )
