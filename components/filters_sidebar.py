"""The sidebar's filters: type, actor, region, toll, words, precision; choices from the data itself."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data.schema import EVENT_TYPES


def _hides_text(hidden: int, in_view: int, on: bool) -> str:
    verb = "hides" if on else "would hide"
    return f"Exact day and place only: {verb} {hidden:,} of {in_view:,} events"


def show(
    options: dict[str, list[str]], key: str = "filters", hides: Callable[[dict], tuple[int, int]] | None = None
) -> dict:
    """Draw the filters and return them as ``EventFilter`` fields (empty means no restriction).

    ``options`` holds the values present in the data (``actors``, ``regions``). ``hides``, given the
    fields, counts ``(hidden, in_view)`` for the precision switch, shown under it. Session keys:
    ``{key}.types``, ``.actors``, ``.regions``, ``.fatalities``, ``.text``, ``.precise``.
    """
    with st.sidebar.expander("Filter events", expanded=False, icon=":material/filter_list:"):
        types = st.multiselect("Event type", list(EVENT_TYPES), key=f"{key}.types", placeholder="All types")
        actors = st.multiselect("Actor (either side)", options["actors"], key=f"{key}.actors", placeholder="All actors")
        regions = st.multiselect("Region", options["regions"], key=f"{key}.regions", placeholder="All regions")
        fatalities = st.number_input("At least this many killed", min_value=0, step=1, key=f"{key}.fatalities")
        text = st.text_input("Words in the summary or source", key=f"{key}.text")
        precise = st.toggle("Exact day and place only", key=f"{key}.precise")
        fields = {
            "event_types": tuple(types),
            "actors": tuple(actors),
            "regions": tuple(regions),
            "min_fatalities": int(fatalities or 0),
            "text": text.strip(),
            "precise_only": bool(precise),
        }
        if hides is not None:
            st.caption(_hides_text(*hides(fields), on=bool(precise)), help="Approximate dates or places")
    return fields
