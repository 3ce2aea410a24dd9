"""The filters, one object each: the field it sets, its URL key, its widget, its query and its phrase.

Modelled on datasette's ``Filter`` objects (``TemplatedFilter(key, display, sql_template,
human_template)``): one declaration drives the events mask (``data.view.filters``), the "Showing …"
sentence, the shareable link's parameter (``data.view.view_state``) and the sidebar widget
(``components.filters_sidebar``). Adding a filter is one :class:`Criterion` in ``CRITERIA``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.schema import EVENT_TYPES

# ACLED's value in ``civilian_targeting`` for an event that targeted civilians (else empty).
CIVILIAN_TARGETING = "Civilian targeting"
SUB_EVENT_TYPES = tuple(sub for subs in EVENT_TYPES.values() for sub in subs)


@dataclass(frozen=True)
class Criterion:
    """One filter of the events, apart from the date window.

    Attributes
    ----------
    field : str
        The ``EventCriteria`` field it sets.
    default : object
        Its unrestricted value.
    param : str
        Its URL parameter.
    kind : {"list", "count", "bound", "flag", "text"}
        Its value: names (a multiselect, a repeatable parameter), a whole number (``bound``: one
        that may be absent), a switch, words.
    label : str
        The sidebar widget's label.
    session : str
        The widget's session key, after the sidebar's own (``filters.<session>``).
    mask : callable or None
        ``mask(events, criteria)``: the events it keeps, given every criterion (a toll's minimum
        reads its maximum too); ``None`` when another criterion's mask applies it.
    phrase : callable or None
        ``phrase(criteria)``: its words in the sentence ("JNIM", "at least 5 killed"), empty when
        unrestricted; ``None`` when another criterion's phrase says it.
    rank : int
        Where its phrase stands in the sentence.
    fallback : str
        What a link shows instead of a bad value.
    allowed : tuple or None
        For names: the values it may take when the data does not say (``None``: the data's).
    reason : str
        For names: why a value outside them is dropped from a link.
    column : str or None
        For names from the data: the column whose values the widget offers (the actors, on either
        side and ranked by frequency, are offered by the page's cache).
    placeholder : str
        The widget's text when nothing is chosen.
    """

    field: str
    default: object
    param: str
    kind: str
    label: str
    session: str
    mask: Callable[[pd.DataFrame, object], np.ndarray] | None
    phrase: Callable[[object], str] | None
    rank: int = 0
    fallback: str = ""
    allowed: tuple | None = None
    reason: str = ""
    column: str | None = None
    placeholder: str = ""


def joined(names: tuple[str, ...]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names(field: str) -> Callable[[object], str]:
    return lambda criteria: joined(getattr(criteria, field)) if getattr(criteria, field) else ""


def _isin(*columns: str, field: str) -> Callable[[pd.DataFrame, object], np.ndarray]:
    def mask(events: pd.DataFrame, criteria: object) -> np.ndarray:
        chosen = getattr(criteria, field)
        return np.logical_or.reduce([events[column].isin(chosen).to_numpy() for column in columns])

    return mask


def _kinds(criteria) -> str:
    """``Battles``, ``Armed clash`` or ``Battles – Armed clash and Attack``; empty when unrestricted."""
    types, subs = criteria.event_types, criteria.sub_event_types
    if types and subs:
        return f"{joined(types)} – {joined(subs)}"
    return joined(types or subs) if types or subs else ""


def _toll_phrase(criteria) -> str:
    """``at least 5 killed``, ``at most 50 killed``, ``1–50 killed``, ``3 killed``; empty when unrestricted."""
    low, high = criteria.min_fatalities, criteria.max_fatalities
    if high is None:
        return f"at least {low:,} killed" if low > 0 else ""
    if low == high:
        return f"{low:,} killed"
    return f"{low:,}–{high:,} killed" if low > 0 else f"at most {high:,} killed"


def _toll_mask(events: pd.DataFrame, criteria) -> np.ndarray:
    """Reported tolls within the range; an unknown toll is never within a bound."""
    tolls = events["fatalities"].to_numpy(dtype="float64", na_value=np.nan)
    mask = tolls >= criteria.min_fatalities  # NaN compares False: unknown never meets a bound
    if criteria.max_fatalities is not None:
        mask &= tolls <= criteria.max_fatalities
    return mask


def _words_mask(events: pd.DataFrame, criteria) -> np.ndarray:
    haystack = events["notes"] + " " + events["source"] + " " + events["source_title"]
    mask = np.ones(len(events), dtype=bool)
    for word in criteria.text.split():
        mask &= haystack.str.contains(word, case=False, regex=False).to_numpy(dtype=bool)
    return mask


def _precise_mask(events: pd.DataFrame, _criteria) -> np.ndarray:
    return ((events["time_precision"] == 1) & (events["geo_precision"] == 1)).to_numpy(dtype=bool)


def _civilians_mask(events: pd.DataFrame, _criteria) -> np.ndarray:
    return (events["civilian_targeting"] == CIVILIAN_TARGETING).to_numpy(dtype=bool, na_value=False)


def _flag_phrase(field: str, words: str) -> Callable[[object], str]:
    return lambda criteria: words if getattr(criteria, field) else ""


# In the sidebar's order, which is also the link's.
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "event_types", (), "type", "list", "Event type", "types", _isin("event_type", field="event_types"), _kinds,
        rank=1, allowed=tuple(EVENT_TYPES), reason="not an ACLED event type", placeholder="All types",
    ),
    Criterion(
        "sub_event_types", (), "subtype", "list", "Sub-type", "subtypes",
        _isin("sub_event_type", field="sub_event_types"), None, allowed=SUB_EVENT_TYPES,
        reason="not an ACLED sub-event type", column="sub_event_type", placeholder="All sub-types",
    ),
    Criterion(
        "actors", (), "actor", "list", "Actor (either side)", "actors", _isin("actor1", "actor2", field="actors"),
        _names("actors"), rank=0, reason="not in the actor list", placeholder="All actors",
    ),
    Criterion(
        "regions", (), "region", "list", "Region", "regions", _isin("admin1", field="regions"), _names("regions"),
        rank=2, reason="not in the region list", column="admin1", placeholder="All regions",
    ),
    Criterion(
        "sources", (), "source", "list", "Reported by (source)", "sources", _isin("source", field="sources"),
        lambda criteria: f"reported by {joined(criteria.sources)}" if criteria.sources else "", rank=7,
        reason="not in the source list", column="source", placeholder="All sources",
    ),
    Criterion(
        "min_fatalities", 0, "killed", "count", "At least this many killed", "fatalities", _toll_mask, _toll_phrase,
        rank=3, fallback="no minimum death toll",
    ),
    Criterion(
        "max_fatalities", None, "killedmax", "bound", "At most this many killed", "fatalities_max", None, None,
        fallback="no maximum death toll", placeholder="No limit",
    ),
    Criterion(
        "civilian_targeting", False, "civ", "flag", "Civilians targeted only", "civilians", _civilians_mask,
        _flag_phrase("civilian_targeting", "civilians targeted"), rank=4, fallback="civilians targeted or not",
    ),
    Criterion(
        "text", "", "q", "text", "Words in the summary or source", "text", _words_mask,
        lambda criteria: f"mentioning “{criteria.text.strip()}”" if criteria.text.strip() else "", rank=5,
        fallback="no word search",
    ),
    Criterion(
        "precise_only", False, "precise", "flag", "Exact day and place only", "precise", _precise_mask,
        _flag_phrase("precise_only", "exact day and place only"), rank=6, fallback="all precisions shown",
    ),
)  # fmt: skip
BY_FIELD = {criterion.field: criterion for criterion in CRITERIA}


def restricts(criterion: Criterion, criteria) -> bool:
    """Whether ``criterion`` narrows the events (its value, or for a toll either bound, is set)."""
    if criterion.field == "min_fatalities":
        return criteria.min_fatalities > 0 or criteria.max_fatalities is not None
    if criterion.kind == "text":
        return bool(getattr(criteria, criterion.field).strip())
    return getattr(criteria, criterion.field) != criterion.default


def phrases(criteria) -> list[str]:
    """The words of every criterion that restricts, in the sentence's order."""
    ranked = sorted((c for c in CRITERIA if c.phrase is not None), key=lambda c: c.rank)
    return [words for words in (c.phrase(criteria) for c in ranked) if words]


def sub_types_of(types: tuple[str, ...] | list[str]) -> set[str]:
    """The ACLED sub-event types of the chosen event types."""
    return {sub for kind in types for sub in EVENT_TYPES[kind]}


@dataclass(frozen=True)
class Conflict:
    """A value that cannot match beside the others: which field, the value, why, and what is done."""

    field: str
    value: object
    reason: str
    instead: str


def conflicts(values: dict) -> list[Conflict]:
    """The values of ``values`` (criteria by field) that cannot match beside the rest.

    A maximum toll below the minimum, and a sub-type of none of the chosen types: the sidebar says
    so under its widget, a link with a notice, and both leave the value out.
    """
    found = []
    low, high = values.get("min_fatalities", 0), values.get("max_fatalities")
    if high is not None and high < low:
        found.append(Conflict("max_fatalities", high, f"below killed={low}", "no maximum death toll"))
    types = values.get("event_types")
    if types:
        offered = sub_types_of(types)
        found += [
            Conflict("sub_event_types", sub, "not a sub-type of the chosen event types", "ignored")
            for sub in values.get("sub_event_types", ())
            if sub not in offered
        ]
    return found


def without_conflicts(values: dict, found: list[Conflict]) -> dict:
    """``values`` with each conflicting value left out (a list keeps its other values)."""
    kept = dict(values)
    for conflict in found:
        current = kept.get(conflict.field)
        if isinstance(current, tuple):
            rest = tuple(value for value in current if value != conflict.value)
            if rest:
                kept[conflict.field] = rest
            else:
                kept.pop(conflict.field)
        else:
            kept.pop(conflict.field, None)
    return kept
