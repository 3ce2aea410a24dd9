"""The sidebar filters: type, sub-type, actor, region, toll range, civilians, words, precision; from the data."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from data.view.aggregate import precise_only_hides
from data.view.criteria import CRITERIA, Criterion, conflicts, sub_types_of
from data.view.filters import EventCriteria, EventFilter, attribute_mask

# The session key (``{key}.<name>``) of the widget that sets each ``EventCriteria`` field.
SESSION_KEYS = {criterion.field: criterion.session for criterion in CRITERIA}


def _hides_text(hidden: int, in_view: int, on: bool) -> str:
    verb = "hides" if on else "would hide"
    return f"Exact day and place only: {verb} {hidden:,} of {in_view:,} events"


def sub_types_offered(in_data: list[str], types: list[str]) -> list[str]:
    """The data's sub-event types, narrowed to those of the chosen types (all of them when none is chosen)."""
    if not types:
        return list(in_data)
    of_types = sub_types_of(types)
    return [sub for sub in in_data if sub in of_types]


def _names(criterion: Criterion, offered: list[str], chosen: dict, key: str) -> tuple[str, ...]:
    if criterion.field == "sub_event_types":  # only those of the chosen types are offered
        offered = sub_types_offered(offered, list(chosen.get("event_types", ())))
        picked = st.session_state.get(key)
        if picked:  # a sub-type of a type no longer chosen leaves the list (before the widget is drawn)
            st.session_state[key] = [sub for sub in picked if sub in offered]
    return tuple(st.multiselect(criterion.label, offered, key=key, placeholder=criterion.placeholder))


def _count(criterion: Criterion, place, key: str) -> int | None:
    if criterion.kind == "count":
        return int(place.number_input(criterion.label, min_value=0, step=1, key=key) or 0)
    value = place.number_input(
        criterion.label, min_value=0, value=None, step=1, placeholder=criterion.placeholder, key=key
    )
    return None if value is None else int(value)


def _widget(criterion: Criterion, options: dict, chosen: dict, columns: dict, key: str):
    """Draw one criterion's widget and return its value."""
    key = f"{key}.{criterion.session}"
    if criterion.kind == "list":
        offered = list(criterion.allowed) if criterion.field == "event_types" else options.get(criterion.field, [])
        return _names(criterion, offered, chosen, key)
    if criterion.kind in ("count", "bound"):  # the toll's two bounds share a row
        if not columns:
            columns.update(zip(("count", "bound"), st.columns(2), strict=True))
        return _count(criterion, columns[criterion.kind], key)
    if criterion.kind == "flag":
        return bool(st.toggle(criterion.label, key=key))
    return st.text_input(criterion.label, key=key).strip()


def _set_aside(fields: dict) -> dict:
    """A maximum toll below the minimum is set aside, with a note (``data.view.criteria.conflicts``)."""
    for conflict in conflicts(fields):
        if conflict.field == "max_fatalities":
            low = fields["min_fatalities"]
            st.caption(f"At most {conflict.value:,} killed is below at least {low:,}: no maximum applied.")
            fields = {**fields, "max_fatalities": None}
    return fields


def seed(criteria: dict, key: str = "filters") -> None:
    """Set the widgets to ``EventCriteria`` fields before they are drawn (a shared link); defaults are skipped."""
    for name, value in criteria.items():
        if value or (name == "max_fatalities" and value is not None):  # a maximum of 0 is a choice
            st.session_state[f"{key}.{SESSION_KEYS[name]}"] = list(value) if isinstance(value, tuple) else value


def _in_session(key: str) -> dict:
    """The criteria the widgets hold now, as ``EventCriteria`` fields (those set only)."""
    fields = {}
    for criterion in CRITERIA:
        value = st.session_state.get(f"{key}.{criterion.session}")
        if value is not None:
            fields[criterion.field] = tuple(value) if isinstance(value, list) else value
    return fields


def hides(events: pd.DataFrame, key: str = "filters") -> bool:
    """Whether the filters as the widgets hold them hide any of ``events`` (read before they are drawn)."""
    try:
        criteria = EventCriteria(**_in_session(key))
    except (TypeError, ValueError):  # a maximum toll below the minimum, set aside when drawn
        return True
    return not bool(attribute_mask(events, criteria).all())


def clear(key: str = "filters") -> None:
    """Every filter back to no restriction; call before the widgets are drawn."""
    for criterion in CRITERIA:
        st.session_state.pop(f"{key}.{criterion.session}", None)


def show(
    options: dict[str, list[str]], key: str = "filters", counted_in: tuple[pd.DataFrame, EventFilter] | None = None
) -> dict:
    """Draw the filters and return them as ``EventFilter`` fields (empty means no restriction).

    One widget per ``data.view.criteria.CRITERIA`` entry, in its order. ``options`` holds the values
    present in the data, by field (``actors``, ``regions``, ``sub_event_types``, …). With
    ``counted_in`` (the events and the window), the precision switch says how many it hides.
    Session keys: ``{key}.<session>`` of each criterion (``SESSION_KEYS``).
    """
    with st.sidebar.expander("Filter events", expanded=False, icon=":material/filter_list:"):
        fields: dict = {}
        columns: dict = {}
        for criterion in CRITERIA:
            fields[criterion.field] = _widget(criterion, options, fields, columns, key)
            if criterion.kind == "bound":
                fields = _set_aside(fields)
        if counted_in is not None:
            events, window = counted_in
            counts = precise_only_hides(events, replace(window, **fields))
            st.caption(_hides_text(*counts, on=bool(fields["precise_only"])), help="Approximate dates or places")
    return fields
