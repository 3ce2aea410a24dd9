"""The sidebar filters: type, sub-type, actor, region, toll range, civilians, words, precision; from the data."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data.schema import EVENT_TYPES

# The session key (``{key}.<name>``) of the widget that sets each ``EventCriteria`` field.
SESSION_KEYS = {
    "event_types": "types",
    "sub_event_types": "subtypes",
    "actors": "actors",
    "regions": "regions",
    "min_fatalities": "fatalities",
    "max_fatalities": "fatalities_max",
    "civilian_targeting": "civilians",
    "text": "text",
    "precise_only": "precise",
}


def _hides_text(hidden: int, in_view: int, on: bool) -> str:
    verb = "hides" if on else "would hide"
    return f"Exact day and place only: {verb} {hidden:,} of {in_view:,} events"


def sub_types_offered(in_data: list[str], types: list[str]) -> list[str]:
    """The data's sub-event types, narrowed to those of the chosen types (all of them when none is chosen)."""
    if not types:
        return list(in_data)
    of_types = {sub for kind in types for sub in EVENT_TYPES[kind]}
    return [sub for sub in in_data if sub in of_types]


def _sub_types(in_data: list[str], types: list[str], key: str) -> list[str]:
    offered = sub_types_offered(in_data, types)
    chosen = st.session_state.get(key)
    if chosen:  # a sub-type of a type no longer chosen leaves the list (before the widget is drawn)
        st.session_state[key] = [sub for sub in chosen if sub in offered]
    return st.multiselect("Sub-type", offered, key=key, placeholder="All sub-types")


def _toll(key: str) -> tuple[int, int | None]:
    """The death-toll range as ``(min, max or None)``; a maximum below the minimum is set aside, with a note."""
    low_column, high_column = st.columns(2)
    low = low_column.number_input("At least this many killed", min_value=0, step=1, key=f"{key}.fatalities")
    high = high_column.number_input(
        "At most this many killed", min_value=0, value=None, step=1, placeholder="No limit", key=f"{key}.fatalities_max"
    )
    low = int(low or 0)
    if high is not None and int(high) < low:
        st.caption(f"At most {int(high):,} killed is below at least {low:,}: no maximum applied.")
        high = None
    return low, None if high is None else int(high)


def seed(criteria: dict, key: str = "filters") -> None:
    """Set the widgets to ``EventCriteria`` fields before they are drawn (a shared link); defaults are skipped."""
    for name, value in criteria.items():
        if value or (name == "max_fatalities" and value is not None):  # a maximum of 0 is a choice
            st.session_state[f"{key}.{SESSION_KEYS[name]}"] = list(value) if isinstance(value, tuple) else value


def show(
    options: dict[str, list[str]], key: str = "filters", hides: Callable[[dict], tuple[int, int]] | None = None
) -> dict:
    """Draw the filters and return them as ``EventFilter`` fields (empty means no restriction).

    ``options`` holds the values present in the data (``actors``, ``regions``, ``sub_event_types``).
    ``hides``, given the fields, counts ``(hidden, in_view)`` for the precision switch, shown under it.
    Session keys: ``{key}.types``, ``.subtypes``, ``.actors``, ``.regions``, ``.fatalities``,
    ``.fatalities_max``, ``.civilians``, ``.text``, ``.precise``.
    """
    with st.sidebar.expander("Filter events", expanded=False, icon=":material/filter_list:"):
        types = st.multiselect("Event type", list(EVENT_TYPES), key=f"{key}.types", placeholder="All types")
        sub_types = _sub_types(options.get("sub_event_types", []), types, f"{key}.subtypes")
        actors = st.multiselect("Actor (either side)", options["actors"], key=f"{key}.actors", placeholder="All actors")
        regions = st.multiselect("Region", options["regions"], key=f"{key}.regions", placeholder="All regions")
        low, high = _toll(key)
        civilians = st.toggle("Civilians targeted only", key=f"{key}.civilians")
        text = st.text_input("Words in the summary or source", key=f"{key}.text")
        precise = st.toggle("Exact day and place only", key=f"{key}.precise")
        fields = {
            "event_types": tuple(types),
            "sub_event_types": tuple(sub_types),
            "actors": tuple(actors),
            "regions": tuple(regions),
            "min_fatalities": low,
            "max_fatalities": high,
            "civilian_targeting": bool(civilians),
            "text": text.strip(),
            "precise_only": bool(precise),
        }
        if hides is not None:
            st.caption(_hides_text(*hides(fields), on=bool(precise)), help="Approximate dates or places")
    return fields
