"""Turning an extraction into reviewable rows, and reviewed rows into event records.

Pure functions: the review component shows ``draft_rows`` in an editable table and hands the
edited table to ``accepted_event_rows``, whose output goes through the same validation as any file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import pandas as pd

from data.cells import is_missing
from data.schema import EVENT_COLUMNS, column_names
from data.vocabulary import WITHIN_DAYS
from geo.articles.extraction import Extraction
from geo.articles.redating import FROM_EXTRACTOR, time_precision
from geo.gazetteer.gazetteer import Gazetteer, Place
from geo.markup import render

COUNTRY_LEVEL = "(place not stated)"
# ACLED's name for attackers a report does not identify.
UNIDENTIFIED = "Unidentified Armed Group"
_MARK_STYLES = {"place": "#ffe08a", "actor": "#b9e3ff", "date": "#c8f0c0"}


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        if tag in ("p", "br", "div", "h1", "h2", "h3", "li"):
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def article_text(raw: str, filename: str = "") -> str:
    """Plain text of an uploaded article: HTML loses its tags and scripts; txt and md stay as they are."""
    if filename.lower().endswith((".html", ".htm")) or raw.lstrip().lower().startswith(("<!doctype", "<html")):
        parser = _TextOnly()
        parser.feed(raw)
        text = "".join(parser.parts)
        return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()
    return raw.strip()


def highlight_html(text: str, extraction: Extraction) -> str:
    """The article with places, actors and dates marked; all text escaped."""
    spans = [
        (
            m.start,
            m.end,
            "place",
            (f"{m.role}: {m.place.name}" if m.place else "place not found: not mapped")
            + (f" ({m.reason})" if m.reason else ""),
        )
        for m in extraction.places
    ]
    spans += [(m.start, m.end, "actor", m.actor) for m in extraction.actors]
    spans += [
        (m.start, m.end, "date", m.resolved.start.isoformat() + (" (still to come)" if m.kind == "future" else ""))
        for m in extraction.dates
    ]
    parts, cursor = [], 0
    for start, end, kind, label in sorted(spans):
        if start < cursor:
            continue  # overlapping mentions: the first one wins
        parts.append(_part(text[cursor:start]))
        parts.append(_part(text[start:end], _MARK_STYLES[kind], label))
        cursor = end
    parts.append(_part(text[cursor:]))
    return render("articles/highlight.html.j2", parts=parts)


def _part(text: str, colour: str = "", label: str = "") -> dict:
    """A stretch of the article for the highlight template: its lines, and its mark if it has one."""
    return {"lines": text.split("\n"), "colour": colour, "label": label}


def place_label(place: Place) -> str:
    """How a gazetteer place appears in the review table's place list: ``Kidal (ML, point)``."""
    return f"{place.name} ({place.country}, {place.kind})"


def place_choices(extraction: Extraction) -> dict[str, Place]:
    """Every place a reviewer may pick: each mention's candidates, by label."""
    choices: dict[str, Place] = {}
    for mention in extraction.places:
        for candidate in [mention.place, *mention.candidates] if mention.place else []:
            choices.setdefault(place_label(candidate), candidate)
    return choices


@dataclass(frozen=True)
class Provenance:
    """Where accepted events come from and who accepted them."""

    source: str
    title: str
    url: str
    published: date
    reviewer: str


# The sentence comes third: a reviewer reads it before anything else.
DRAFT_COLUMNS = (
    "accept", "confidence", "sentence", "event_date", "date_end", "precision", "place", "event_type",
    "sub_event_type", "actor1", "actor2", "fatalities", "date_phrase",
)  # fmt: skip


def draft_rows(extraction: Extraction, accept_from: float = 0.7) -> pd.DataFrame:
    """One editable row per event candidate; candidates at or above ``accept_from`` start accepted."""
    rows = []
    for event in extraction.events:
        when = event.date.resolved if event.date else None
        rows.append(
            {
                "accept": event.confidence >= accept_from,
                "confidence": event.confidence,
                "event_date": when.start if when else None,
                "date_end": when.end if when else None,
                "precision": FROM_EXTRACTOR.get(when.precision, WITHIN_DAYS) if when else "",
                "place": place_label(event.place.place) if event.place else COUNTRY_LEVEL,
                "event_type": event.event_type,
                "sub_event_type": event.sub_event_type,
                "actor1": event.actors[0] if event.actors else UNIDENTIFIED,
                "actor2": event.actors[1] if len(event.actors) > 1 else "",
                "fatalities": event.fatalities,
                "sentence": event.sentence,
                "date_phrase": event.date.phrase if event.date else "",
            }
        )
    return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS))


def _text(value: object) -> str:
    if is_missing(value):
        return ""
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def _location(place: Place | None, theatre: Place, country_names: dict[str, str]) -> dict[str, str]:
    if place is None:
        place, name, precision = theatre, f"{theatre.name} (place not reported)", 3
    else:
        name, precision = place.name, 1 if place.kind == "point" and not place.approximate else 2
        precision = 3 if place.kind != "point" else precision
    admin1 = place.admin1 if place.kind == "point" else ""
    return {
        "location": name,
        "latitude": f"{place.lat:.5f}",
        "longitude": f"{place.lon:.5f}",
        "geo_precision": str(precision),
        "admin1": admin1,
        "country": country_names.get(place.country, place.country),
    }


def event_id(provenance: Provenance, sentence: str) -> str:
    """A stable id: the same sentence of the same report always gets the same id (no duplicates)."""
    digest = hashlib.sha1(f"{provenance.source}|{provenance.title}|{sentence}".encode()).hexdigest()
    return f"CM-ART-{digest[:10]}"


def accepted_event_rows(
    edited: pd.DataFrame, choices: dict[str, Place], theatre: Place, gazetteer: Gazetteer, provenance: Provenance
) -> pd.DataFrame:
    """Event records (strings, every schema column) for the accepted rows of the review table."""
    country_names = {p.country: p.name for p in gazetteer.places if p.kind == "country"}
    records = []
    for row in edited[edited["accept"].fillna(False).astype(bool)].to_dict("records"):
        record = dict.fromkeys(column_names(EVENT_COLUMNS), "")
        record.update(_location(choices.get(row["place"]), theatre, country_names))
        record.update(
            {
                "event_id_cnty": event_id(provenance, row["sentence"]),
                "event_date": _text(row["event_date"]),
                "date_end": _text(row["date_end"]),
                "date_phrase": _text(row["date_phrase"]),
                "time_precision": str(time_precision(_text(row["precision"]))),
                "event_type": _text(row["event_type"]),
                "sub_event_type": _text(row["sub_event_type"]),
                "actor1": _text(row["actor1"]),
                "actor2": _text(row["actor2"]),
                "fatalities": _text(row["fatalities"]).removesuffix(".0"),
                "notes": _text(row["sentence"]),
                "source": provenance.source,
                "source_title": provenance.title,
                "source_date": provenance.published.isoformat(),
                "source_url": provenance.url,
                "source_excerpt": _text(row["sentence"]),
                "reviewed_by": provenance.reviewer,
            }
        )
        records.append(record)
    return pd.DataFrame(records, columns=column_names(EVENT_COLUMNS), dtype=str)
