"""Filters are data: a frozen value that selects events and describes itself in plain words.

Modelled on datasette's ``Filters``: the same object drives the query and the "Showing …" sentence
that a briefer reads out, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class EventFilter:
    """What the page shows.

    Attributes
    ----------
    start, end : datetime.date
        Inclusive date window; an event whose date range overlaps it is shown.
    as_of : datetime.date or None
        The day territory and town status are drawn for; ``None`` means ``end``.
    event_types, actors, regions : tuple of str
        Keep events of these ACLED types, with one of these actors (either side), in these admin-1
        regions; empty means no restriction.
    min_fatalities : int
        Keep events with at least this many reported deaths (0: no restriction; unknown counts
        as not meeting a positive minimum).
    text : str
        Case-insensitive words that must appear in the summary or the source.
    precise_only : bool
        Keep only events dated to the day and placed at the town (ACLED precision codes 1).
    """

    start: date
    end: date
    as_of: date | None = None
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    min_fatalities: int = 0
    text: str = ""
    precise_only: bool = False

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"start {self.start.isoformat()} is after end {self.end.isoformat()}")

    @property
    def as_of_day(self) -> date:
        """The as-of day in force: ``as_of`` when set apart, else the window's end."""
        return self.end if self.as_of is None else self.as_of


def window_mask(events: pd.DataFrame, selection: EventFilter) -> np.ndarray:
    """Boolean mask of the events whose ``[event_date, date_end]`` overlaps the window.

    Works on the columns' numpy arrays (no copy of the frame): ~2 ms for a million events.
    """
    start = np.datetime64(selection.start, "ns")
    end = np.datetime64(selection.end, "ns")
    firsts = events["event_date"].to_numpy("datetime64[ns]")
    lasts = (
        events["date_end"].fillna(events["event_date"]).to_numpy("datetime64[ns]")
        if events["date_end"].hasnans
        else events["date_end"].to_numpy("datetime64[ns]")
    )
    return (firsts <= end) & (lasts >= start)


def attribute_mask(events: pd.DataFrame, selection: EventFilter) -> np.ndarray:
    """Boolean mask of the events that pass every filter but the dates."""
    mask = np.ones(len(events), dtype=bool)
    if selection.event_types:
        mask &= events["event_type"].isin(selection.event_types).to_numpy()
    if selection.actors:
        sides = events["actor1"].isin(selection.actors) | events["actor2"].isin(selection.actors)
        mask &= sides.to_numpy()
    if selection.regions:
        mask &= events["admin1"].isin(selection.regions).to_numpy()
    if selection.min_fatalities > 0:
        mask &= (events["fatalities"].fillna(-1) >= selection.min_fatalities).to_numpy(dtype=bool)
    if selection.text.strip():
        haystack = events["notes"] + " " + events["source"] + " " + events["source_title"]
        for word in selection.text.split():
            mask &= haystack.str.contains(word, case=False, regex=False).to_numpy(dtype=bool)
    if selection.precise_only:
        mask &= ((events["time_precision"] == 1) & (events["geo_precision"] == 1)).to_numpy(dtype=bool)
    return mask


def apply_filter(events: pd.DataFrame, selection: EventFilter) -> pd.DataFrame:
    """Events whose ``[event_date, date_end]`` overlaps the filter's window.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events (``event_date`` and ``date_end`` as datetime64).
    selection : EventFilter
        The filter.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in the input order.
    """
    return events[window_mask(events, selection) & attribute_mask(events, selection)]


def valid_at(records: pd.DataFrame, day: date) -> pd.DataFrame:
    """Records (territory or town status) that hold on ``day``: ``valid_from <= day < valid_to``."""
    stamp = pd.Timestamp(day)
    ends = records["valid_to"]
    return records[(records["valid_from"] <= stamp) & (ends.isna() | (ends > stamp))]


def format_day(day: date) -> str:
    """A date as briefers write it: ``14 Nov 2023``."""
    return f"{day.day} {day:%b %Y}"


def _joined(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _criteria(selection: EventFilter) -> list[str]:
    parts = [_joined(group) for group in (selection.actors, selection.event_types, selection.regions) if group]
    if selection.min_fatalities > 0:
        parts.append(f"at least {selection.min_fatalities:,} killed")
    if selection.text.strip():
        parts.append(f"mentioning “{selection.text.strip()}”")
    if selection.precise_only:
        parts.append("exact day and place only")
    return parts


def describe(selection: EventFilter, shown: int, total: int) -> str:
    """The filter in one plain sentence.

    Examples
    --------
    ``Showing 12 of 30 events: 1 Jan 2012 – 14 Nov 2023``;
    ``Showing 2 of 30 events: JNIM, Battles, Gao and Kidal, 1 Jan 2024 – 29 Apr 2026``.
    """
    window = f"{format_day(selection.start)} – {format_day(selection.end)}"
    sentence = f"Showing {shown:,} of {total:,} events: {', '.join([*_criteria(selection), window])}"
    if selection.as_of is not None and selection.as_of != selection.end:
        sentence += f"; territory as of {format_day(selection.as_of)}"
    return sentence
