"""Possible duplicates: a draft that matches an event already in the record.

A draft matches an existing event when the two are of the same ACLED event type, their date
ranges overlap (each inclusive) and their places are within ``MATCH_KM`` of each other. Drafts at
country level (no place stated) or without a date are never matched: "somewhere in Mali, some
day" would match everything. Pure functions; the review panel shows what they find.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from data.cells import is_missing
from geo.gazetteer.gazetteer import Place
from geo.projection import distance_km

MATCH_KM = 30.0
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class Duplicate:
    """An event of the record that a draft may repeat."""

    event_id: str
    start: date
    end: date
    location: str
    summary: str
    km: float
    same_sentence: bool = False  # accepted before from this very sentence: accepting again updates it


def _summary(row: dict) -> str:
    text = " ".join(str(row.get("notes") or row.get("sub_event_type") or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def possible_duplicates(
    record: pd.DataFrame, place: Place | None, start: date | None, end: date | None, event_type: str, own_id: str = ""
) -> list[Duplicate]:
    """Events of ``record`` that a draft with this place, date range and type may repeat.

    Parameters
    ----------
    record : pandas.DataFrame
        The events already stored (``event_id_cnty``, ``event_date``, ``date_end``, ``event_type``,
        ``latitude``, ``longitude``, ``location``, ``notes``).
    place : Place or None
        The draft's place; ``None`` (country level) matches nothing.
    start, end : datetime.date or None
        The draft's first and last day (``end`` ``None``: one day); no ``start`` matches nothing.
    event_type : str
        The draft's ACLED event type.
    own_id : str
        The id the draft would be stored under: an event with it is flagged ``same_sentence``.

    Returns
    -------
    list of Duplicate
        Nearest first.
    """
    if place is None or start is None or record.empty:
        return []
    last = pd.Timestamp(end or start)
    first_days = record["event_date"]
    last_days = record["date_end"].fillna(first_days)
    mask = (record["event_type"] == event_type) & (first_days <= last) & (last_days >= pd.Timestamp(start))
    candidates = record[mask.fillna(False).to_numpy(dtype=bool)]
    if candidates.empty:
        return []
    km = distance_km(
        place.lon, place.lat, candidates["longitude"].to_numpy(float), candidates["latitude"].to_numpy(float)
    )
    found = []
    for row, distance in zip(candidates.to_dict("records"), km, strict=True):
        if not distance <= MATCH_KM:
            continue
        first = pd.Timestamp(row["event_date"]).date()
        final = row["date_end"] if pd.notna(row["date_end"]) else row["event_date"]
        event_id = str(row["event_id_cnty"])
        found.append(
            Duplicate(
                event_id,
                first,
                pd.Timestamp(final).date(),
                str(row.get("location") or ""),
                _summary(row),
                round(float(distance), 1),
                event_id == own_id,
            )
        )
    return sorted(found, key=lambda d: (d.km, d.event_id))


def as_day(value: object) -> date | None:
    """A table cell as a day: a date, a timestamp or an ISO string; ``None`` when empty."""
    if is_missing(value) or value == "":
        return None
    return pd.Timestamp(value).date()


def draft_duplicates(
    drafts: pd.DataFrame, choices: dict[str, Place], record: pd.DataFrame, own_ids: list[str] | None = None
) -> dict[int, list[Duplicate]]:
    """Possible duplicates of each draft row (by position), as the reviewer has edited it.

    ``choices`` maps a draft's place label to its place (``geo.articles.review.place_choices``);
    ``own_ids`` are the ids the drafts would be stored under, row by row. Rows without any match
    are left out.
    """
    found = {}
    for position, row in enumerate(drafts.to_dict("records")):
        own = own_ids[position] if own_ids else ""
        start, end = as_day(row.get("event_date")), as_day(row.get("date_end"))
        matches = possible_duplicates(record, choices.get(row.get("place")), start, end, row.get("event_type"), own)
        if matches:
            found[position] = matches
    return found
