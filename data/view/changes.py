"""What changed since a date: new events, control changes, and the toll against the period before.

The brief's "what changed since <date>" section. A period runs from the day after ``since`` to the
as-of day, both included (a briefer who last reported on 22 April covers 23 April onwards); the
previous period is the same number of days just before it. An event belongs to the period its first
possible day (``event_date``) falls in, so no event is counted in two periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from data.view.filters import format_day
from data.vocabulary import CONTESTED_MARK, HELD_SINCE, TOWN_SEPARATOR


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last``, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def label(self) -> str:
        """``23 Apr 2026 – 29 Apr 2026 (7 days)``."""
        return f"{format_day(self.first)} – {format_day(self.last)} ({self.days} day{'s' * (self.days != 1)})"


@dataclass(frozen=True)
class Toll:
    """Deaths in a period: the sum of reported tolls; events with no reported toll counted apart.

    ``killed`` is a floor: an event whose toll was not reported adds nothing to it (unknown is not 0).
    """

    killed: int
    events: int
    unreported: int


@dataclass(frozen=True)
class ControlChange:
    """One change of who claims, holds or contests a territory or a town."""

    day: date
    place: str
    change: str
    source: str


@dataclass(frozen=True)
class Holder:
    """Who holds a town on a day, and since when."""

    town: str
    actor: str
    status: str
    since: date

    @property
    def holding(self) -> str:
        """``FLA since 28 Apr 2026``, or ``JNIM (contested) since 8 Aug 2023``."""
        return f"{holder_name(self.actor, self.status)} {HELD_SINCE} {format_day(self.since)}"

    @property
    def label(self) -> str:
        """``Kidal · FLA since 28 Apr 2026``: the map's town label and the brief's summary say it so."""
        return f"{self.town}{TOWN_SEPARATOR}{self.holding}"


def holder_name(actor: str, status: str) -> str:
    """Who holds a town, with the contested mark when the hold is contested: ``JNIM (contested)``."""
    return f"{actor} {CONTESTED_MARK}" if status == "contested" else actor


# The towns a brief's summary names first, in this order (every town whose control the record
# follows is on the map; these are the ones briefings on northern Mali lead with).
KEY_TOWNS = ("Kidal", "Gao", "Timbuktu", "Ménaka", "Tessalit")


def key_town_holders(towns_on_day: pd.DataFrame, key_towns: tuple[str, ...] = KEY_TOWNS) -> list[Holder]:
    """The holders of ``key_towns`` in town-status records that hold on one day, in ``key_towns`` order."""
    by_town = {row["town"]: row for row in towns_on_day.to_dict("records")}
    return [
        Holder(town, by_town[town]["actor"], by_town[town]["status"], by_town[town]["valid_from"].date())
        for town in key_towns
        if town in by_town
    ]


@dataclass(frozen=True)
class Changes:
    """Everything the "what changed" section reports."""

    since: date
    period: Period
    new_events: pd.DataFrame
    control: tuple[ControlChange, ...]
    toll: Toll
    previous_toll: Toll

    @property
    def previous(self) -> Period:
        """The period before, of the same length."""
        return self.period.previous()


def _days(column: pd.Series) -> pd.Series:
    return column.dt.normalize()


def _in_period(days: pd.Series, period: Period) -> pd.Series:
    return days.notna() & (days >= pd.Timestamp(period.first)) & (days <= pd.Timestamp(period.last))


def toll(events: pd.DataFrame, period: Period) -> Toll:
    """The reported deaths of the events that start in ``period``."""
    chosen = events[_in_period(_days(events["event_date"]), period)]
    reported = chosen["fatalities"].dropna()
    return Toll(killed=int(reported.sum()), events=len(chosen), unreported=len(chosen) - len(reported))


def _holding(record: dict) -> str:
    return f"{record['status']} by {record['actor']}"


def _sequence_changes(records: pd.DataFrame, place_column: str, period: Period) -> list[ControlChange]:
    """Changes of hands in ``period``, read from each place's records in date order.

    A record that starts the day the one before it ends is one change, ``held by A → held by B``;
    a first record is ``held by A``; a hold that ends with no successor is ``no longer held by A``.
    """
    changes = []
    for place, group in records.sort_values("valid_from", kind="stable").groupby(place_column, sort=True):
        rows = group.to_dict("records")
        starts = {row["valid_from"] for row in rows}
        for position, row in enumerate(rows):
            start, end = row["valid_from"].date(), row["valid_to"]
            if period.first <= start <= period.last:
                follows = position and rows[position - 1]["valid_to"] == row["valid_from"]
                before = rows[position - 1] if follows else None
                change = _holding(row) if before is None else f"{_holding(before)} → {_holding(row)}"
                changes.append(ControlChange(start, place, change, row["source"]))
            if not pd.isna(end) and end not in starts and period.first <= end.date() <= period.last:
                changes.append(ControlChange(end.date(), place, f"no longer {_holding(row)}", row["source"]))
    return changes


def territory_changes(territories: pd.DataFrame, period: Period) -> list[ControlChange]:
    """Territories that change hands in ``period`` (``valid_to`` is the first day a record no longer holds)."""
    return _sequence_changes(territories, "name", period)


def town_changes(towns: pd.DataFrame, period: Period) -> list[ControlChange]:
    """Towns whose holder changes in ``period``: ``held by A → B``, or a hold that ends with no successor."""
    return _sequence_changes(towns, "town", period)


def what_changed(
    events: pd.DataFrame, territories: pd.DataFrame, towns: pd.DataFrame, since: date, as_of: date
) -> Changes:
    """What changed after ``since`` up to ``as_of``.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events of every date (the date window is not applied: the previous period needs
        events before it), already narrowed by the other filters.
    territories, towns : pandas.DataFrame
        All territory and town-status records (with ``valid_from`` and ``valid_to``).
    since, as_of : datetime.date
        The period is the day after ``since`` to ``as_of``, both included.

    Raises
    ------
    ValueError
        When ``since`` is not before ``as_of``.
    """
    if since >= as_of:
        raise ValueError(f"'since' ({since.isoformat()}) must be before the as-of date ({as_of.isoformat()})")
    period = Period(since + timedelta(days=1), as_of)
    new = events[_in_period(_days(events["event_date"]), period)].sort_values("event_date", kind="stable")
    control = territory_changes(territories, period) + town_changes(towns, period)
    return Changes(
        since=since,
        period=period,
        new_events=new,
        control=tuple(sorted(control, key=lambda c: (c.day, c.place))),
        toll=toll(events, period),
        previous_toll=toll(events, period.previous()),
    )
