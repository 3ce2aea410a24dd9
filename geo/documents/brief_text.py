"""The brief's words: its summary lines, sources named (not raw URLs), and its print style."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from data.cells import cell_text
from data.view.changes import Changes, Holder
from data.view.filters import format_day
from geo.map.legend import ATTRIBUTION

ATTRIBUTION_TEXT = re.sub(r"<[^>]+>", "", ATTRIBUTION)
# A URL, with the balanced brackets Wikipedia titles use ("Battle_of_Aguelhok_(2012)").
_URL = re.compile(r"https?://(?:[^\s()<>\"']|\([^\s()<>\"']*\))+")


@dataclass(frozen=True)
class Source:
    """A source as a reader sees it: its name (publisher, title, date) and, apart, where to read it."""

    name: str
    url: str | None = None


def _one_source(part: str) -> Source:
    urls = _URL.findall(part)
    name = _URL.sub("", part)
    name = re.sub(r"\(\s*\)", "", name)  # the brackets a URL stood in
    name = re.sub(r"\s+", " ", name).strip(" ,;:")
    return Source(name or (urls[0] if urls else ""), urls[0] if urls else None)


def named_sources(source: object, title: object = None, url: object = None, day: object = None) -> list[Source]:
    """The sources in a ``source`` field, each named, with its link kept apart.

    Our town and territory files write several sources in one field, ``;``-separated, each with
    its URL in brackets; an event names its publisher in ``source``, with ``source_title`` and
    ``source_url`` beside it.

    Examples
    --------
    >>> sources = named_sources('Al Jazeera, 30 January 2013 (https://aljazeera.com/x); Wikipedia, "Kidal"')
    >>> [(s.name, s.url) for s in sources]
    [('Al Jazeera, 30 January 2013', 'https://aljazeera.com/x'), ('Wikipedia, "Kidal"', None)]
    """
    parts = [_one_source(part) for part in cell_text(source).split(";") if part.strip()]
    if not parts:
        parts = [Source("source not given")]
    first = parts[0]
    if cell_text(title):
        first = Source(f"{first.name}, “{cell_text(title)}”", first.url)
    if day is not None and not pd.isna(day):
        first = Source(f"{first.name}, {format_day(pd.Timestamp(day).date())}", first.url)
    link = cell_text(url)
    if link.startswith(("https://", "http://")):
        first = Source(first.name, link)
    return [first, *parts[1:]]


def _changed_line(changes: Changes) -> str:
    events = len(changes.new_events)
    counted = f"{events:,} new event{'s' * (events != 1)}"
    if not changes.control:
        return f"{counted}; no territory or town changed hands."
    places = ", ".join(f"{c.place} ({format_day(c.day)})" for c in changes.control)
    return f"{counted}; {len(changes.control)} change{'s' * (len(changes.control) != 1)} of control: {places}."


def _holders_line(holders: list[Holder]) -> str:
    if not holders:
        return "no town-status record holds on this day."
    return "; ".join(holder.label for holder in holders) + "."  # the map's town labels say the same


def _deaths_line(changes: Changes) -> str:
    now, before = changes.toll, changes.previous_toll
    unreported = f" ({now.unreported:,} of {now.events:,} events with no toll reported)" if now.unreported else ""
    return (
        f"at least {now.killed:,} in these {changes.period.days} days{unreported}, "
        f"against at least {before.killed:,} in the {changes.previous.days} days before."
    )


def summary_lines(changes: Changes, holders: list[Holder]) -> dict[str, str]:
    """The brief's three opening lines: what changed, who holds the key towns, deaths then and before."""
    return {"changed": _changed_line(changes), "holders": _holders_line(holders), "deaths": _deaths_line(changes)}
