"""HTML for popups and tooltips, from our templates (``templates/*.html.j2``, through ``geo.markup``).

Every value from data fills a ``{{ }}`` slot of a template and is escaped there by ``html_text``
(which also defuses the backtick, ``$`` and backslash: folium puts popup and tooltip HTML inside
JavaScript template literals). ``html_text`` is re-exported here for the modules that escape a
single value.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from data.cells import is_missing
from data.view.filters import format_day
from data.vocabulary import PLACE_PRECISION
from geo.markup import html_text, render

__all__ = ["actors_text", "date_label", "event_popup_html", "event_tooltip_html", "fatalities_label", "html_text",
           "status_tooltip_html"]  # fmt: skip


def _day(value: object) -> date | None:
    if is_missing(value):
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
    if is_missing(value):
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


def _source_parts(event: dict) -> dict:
    """The source's words (publisher, “title”, date) and its address when it is http(s)."""
    parts = [str(event.get("source") or "")]
    if event.get("source_title"):
        parts.append(f"“{event['source_title']}”")
    if _day(event.get("source_date")):
        parts.append(format_day(_day(event["source_date"])))
    url = str(event.get("source_url") or "")
    return {"text": ", ".join(p for p in parts if p), "url": url if url.startswith(("https://", "http://")) else ""}


def event_popup_html(event: dict) -> str:
    """Popup body of one event: what, when (with precision), where (with precision), who, toll, source."""
    time_precision, geo_precision = int(event["time_precision"]), int(event["geo_precision"])
    imported_from = event.get("imported_from")
    return render(
        "map/popup.html.j2",
        event_type=event["event_type"],
        sub_event_type=event["sub_event_type"],
        approximate=time_precision >= 2,  # marked ``≈``, as in the table
        when=date_label(event["event_date"], event.get("date_end"), time_precision),
        where=event["location"] + (f", {event['admin1']}" if event.get("admin1") else ""),
        place_precision=PLACE_PRECISION.get(geo_precision, ""),
        who=actors_text(event),
        killed=fatalities_label(event.get("fatalities")) + _toll_range(event),
        event_source=_source_parts(event),
        notes=event["notes"],
        imported_from=imported_from if isinstance(imported_from, str) else "",
        event_id=event["event_id_cnty"],
    )


def _toll_range(event: dict) -> str:
    """`` (10–20 reported)`` when a source gave a range (UCDP GED low and high)."""
    low, high = _known(event.get("fatalities_low")), _known(event.get("fatalities_high"))
    return f" ({low}–{high} reported)" if low is not None and high is not None else ""


def _known(value: object) -> int | None:
    return None if value is None or value == "" or pd.isna(value) else int(value)


def event_tooltip_html(event: dict) -> str:
    """One-line hover text: date, place, type."""
    when = date_label(event["event_date"], event.get("date_end"), int(event["time_precision"]))
    return render("map/event_tooltip.html.j2", when=when, location=event["location"],
                  sub_event_type=event["sub_event_type"])  # fmt: skip


def status_tooltip_html(record: dict, label_column: str) -> str:
    """Hover text of a territory or town-status record: who, what, since when, source."""
    since = format_day(_day(record["valid_from"]))
    until = _day(record.get("valid_to"))
    period = f"since {since}" if until is None else f"{since} – {format_day(until)}"
    fields = {name: record[name] for name in ("status", "actor", "notes", "source")}
    return render("map/status_tooltip.html.j2", name=record[label_column], period=period, **fields)
