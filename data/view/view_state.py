"""The whole view as URL parameters, and back: a pure, typed codec with no Streamlit.

A link must reproduce what its sender saw, and a bad link must never break the page: every value is
read by a small parser (never ``eval``, never unpickled), and a value that does not parse falls back
to its default with a ``Notice`` saying which parameter, why, and what is shown instead. Defaults
are left out of the URL, so links stay short.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from data.view.criteria import BY_FIELD, CRITERIA, conflicts, without_conflicts
from data.view.filters import EventCriteria
from data.view.url_values import (
    BadValue,
    Notice,
    parse_count,
    parse_date,
    parse_event_id,
    parse_flag,
    parse_mode,
    parse_number,
    parse_text,
    parse_zoom,
)


def url_param(name: str, parse, fallback: str, default: object = None):
    """A ``View`` field read from the URL parameter ``name`` by ``parse``; ``fallback`` is shown for a bad value."""
    return dataclasses.field(default=default, metadata={"param": name, "parse": parse, "fallback": fallback})


@dataclass(frozen=True)
class View(EventCriteria):
    """What a viewer sees: the sidebar filters (``EventCriteria``) and the rest; ``None``, empty: the default.

    Attributes
    ----------
    start, end : datetime.date or None
        The timeline window; ``None``: the record's first (last) day.
    as_of : datetime.date or None
        The as-of date when set apart from the window's end.
    published : datetime.date or None
        The seed article's publication date; ``None``: the ``CONFLICT_MAP_PUBLISHED`` setting.
    event_id : str or None
        The selected event.
    center : (float, float) or None
        Map centre as (lon, lat); ``None``: the base map's own.
    zoom : int or None
        Map zoom; ``None``: the base map's own.
    present : bool
        Briefing (presentation) mode rather than exploring.
    """

    start: date | None = url_param("from", parse_date, "showing from the first event")
    end: date | None = url_param("to", parse_date, "showing up to the last event")
    as_of: date | None = url_param("asof", parse_date, "the as-of date is the window's end")
    published: date | None = url_param("published", parse_date, "using the default publication date")
    event_id: str | None = url_param("event", parse_event_id, "no event selected")
    center: tuple[float, float] | None = dataclasses.field(default=None, metadata={"params": ("lat", "lon")})
    zoom: int | None = url_param("zoom", parse_zoom, "using the default zoom")
    present: bool = url_param("mode", parse_mode, "exploring", default=False)


@dataclass(frozen=True)
class Choices:
    """What the data offers; a value outside it is reported and dropped. ``None``, absent: anything goes.

    ``names`` holds, by criterion field (``actors``, ``regions``, …), the names the data has.
    """

    first_day: date | None = None
    last_day: date | None = None
    names: Mapping[str, Collection[str]] = dataclasses.field(default_factory=dict)
    event_ids: Collection[str] | None = None


_PARSERS = {"count": parse_count, "bound": parse_count, "flag": parse_flag, "text": parse_text}
# param -> (View field, parser, what is shown instead when the value is bad): the View's own fields
# declare theirs (``_param``), the filters' come from their declarations (``data.view.criteria``).
_OWN = [f for f in dataclasses.fields(View) if f.name not in BY_FIELD]
_WINDOW = ("start", "end", "as_of")  # the window's parameters lead the link, before the filters
_SCALAR_FIELDS = {
    f.name: (f.metadata["param"], f.metadata["parse"], f.metadata["fallback"]) for f in _OWN if "param" in f.metadata
}
SCALARS = {
    **{_SCALAR_FIELDS[name][0]: (name, *_SCALAR_FIELDS[name][1:]) for name in _WINDOW},
    **{c.param: (c.field, _PARSERS[c.kind], c.fallback) for c in CRITERIA if c.kind != "list"},
    **{param: (name, parse, why) for name, (param, parse, why) in _SCALAR_FIELDS.items() if name not in _WINDOW},
}
# param -> (View field, the values it may take when the data does not say, why another is dropped)
LISTS = {c.param: (c.field, c.allowed, c.reason) for c in CRITERIA if c.kind == "list"}
_LATER = [p for f in _OWN if f.name not in _WINDOW for p in (f.metadata.get("params") or (f.metadata["param"],))]
PARAMS = (*SCALARS, *LISTS, *(p for f in _OWN for p in f.metadata.get("params", ())))
ORDER = (*(_SCALAR_FIELDS[name][0] for name in _WINDOW), *(c.param for c in CRITERIA), *_LATER)
DEFAULT = View()


def _values(params: Mapping[str, list[str] | str], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else [str(value) for value in raw]


def _scalars(params: Mapping, notices: list[Notice]) -> dict:
    values = {}
    for name, (field, parse, fallback) in SCALARS.items():
        given = _values(params, name)
        if len(given) > 1:
            notices.append(Notice(name, given[-1], f"given {len(given)} times", "using the last"))
        try:
            if given:
                values[field] = parse(given[-1])
        except BadValue as bad:
            notices.append(Notice(name, given[-1], str(bad), fallback))
    return values


def _lists(params: Mapping, choices: Choices, notices: list[Notice]) -> dict:
    values = {}
    for name, (field, fixed, reason) in LISTS.items():
        allowed = fixed if fixed is not None else choices.names.get(field)
        kept = []
        for value in dict.fromkeys(_values(params, name)):
            if allowed is not None and value not in allowed:
                notices.append(Notice(name, value, reason, "ignored"))
            else:
                kept.append(value)
        if kept:
            values[field] = tuple(kept)
    return values


def _center(params: Mapping, notices: list[Notice]) -> dict:
    given = {name: _values(params, name) for name in ("lat", "lon")}
    if not any(given.values()):
        return {}
    coordinates = {}
    for name, limit in (("lat", 90), ("lon", 180)):
        other = "lon" if name == "lat" else "lat"
        if not given[name]:
            notices.append(Notice(other, given[other][-1], f"given without {name}", "using the default centre"))
            return {}
        try:
            coordinates[name] = parse_number(given[name][-1], -limit, limit)
        except BadValue as bad:
            notices.append(Notice(name, given[name][-1], str(bad), "using the default centre"))
            return {}
    return {"center": (coordinates["lon"], coordinates["lat"])}


def _clamp_dates(values: dict, choices: Choices, notices: list[Notice]) -> None:
    """Dates outside the record move to its nearest end; an inverted window becomes the whole record."""
    first, last = choices.first_day, choices.last_day
    for name, field in (("from", "start"), ("to", "end"), ("asof", "as_of")):
        day = values.get(field)
        if day is not None and first is not None and day < first:
            notices.append(Notice(name, day.isoformat(), "before the record's first day", f"using {first}"))
            values[field] = first
        elif day is not None and last is not None and day > last:
            notices.append(Notice(name, day.isoformat(), "after the record's last day", f"using {last}"))
            values[field] = last
    start, end = values.get("start", first), values.get("end", last)
    if start is not None and end is not None and start > end:
        notices.append(Notice("from", start.isoformat(), f"after to={end}", "showing the whole record"))
        values.pop("start", None)
        values.pop("end", None)


def _reconcile(values: dict, notices: list[Notice]) -> dict:
    """Drop what cannot match beside the rest (``data.view.criteria.conflicts``), each with a notice."""
    found = conflicts(values)
    notices += [Notice(BY_FIELD[c.field].param, str(c.value), c.reason, c.instead) for c in found]
    return without_conflicts(values, found)


def view_from_params(
    params: Mapping[str, list[str] | str], choices: Choices | None = None
) -> tuple[View, list[Notice]]:
    """Read a view from URL parameters; never raises.

    Parameters
    ----------
    params : mapping of str to str or list of str
        The query parameters (a repeated key gives a list). Unknown keys are ignored.
    choices : Choices, optional
        The record's date bounds, actors, regions and event ids; values outside them are dropped
        (dates move to the nearest bound). Without it only the form of each value is checked.

    Returns
    -------
    (View, list of Notice)
        The view, and one notice for each value that was not used as given.
    """
    choices = choices or Choices()
    notices: list[Notice] = []
    values = {**_scalars(params, notices), **_lists(params, choices, notices), **_center(params, notices)}
    _clamp_dates(values, choices, notices)
    values = _reconcile(values, notices)
    event_id = values.get("event_id")
    if event_id is not None and choices.event_ids is not None and event_id not in choices.event_ids:
        notices.append(Notice("event", event_id, "no such event in the data", "no event selected"))
        del values["event_id"]
    return View(**values), notices


def _coordinate(value: float) -> str:
    """Four decimals (about 11 m), trailing zeros dropped: short links."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def params_from_view(view: View) -> dict[str, str | list[str]]:
    """The URL parameters of a view, defaults left out, in a fixed order (a list means a repeated key)."""
    params: dict[str, str | list[str]] = {}
    for name, (field, _, _) in LISTS.items():
        if getattr(view, field):
            params[name] = list(getattr(view, field))
    for name, (field, _, _) in SCALARS.items():
        value = getattr(view, field)
        if value == getattr(DEFAULT, field):
            continue
        if isinstance(value, date):
            params[name] = value.isoformat()
        elif isinstance(value, bool):
            params[name] = ("present" if value else "explore") if name == "mode" else str(int(value))
        else:
            params[name] = str(value)
    if view.center is not None:
        params["lat"], params["lon"] = _coordinate(view.center[1]), _coordinate(view.center[0])
    return {name: params[name] for name in ORDER if name in params}
