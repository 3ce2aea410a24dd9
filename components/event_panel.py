"""Details of the event clicked on the canvas layer, shown under the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.map.popups import date_label, fatalities_label

FIELDS = (
    ("Type", "event_type"), ("Sub-type", "sub_event_type"), ("Place", "location"), ("Region", "admin1"),
    ("Actor", "actor1"), ("Against", "actor2"), ("What happened", "notes"), ("Source", "source"),
    ("Source title", "source_title"), ("Link", "source_url"), ("Id", "event_id_cnty"),
)  # fmt: skip


def show(event: dict | None, key: str = "event_panel") -> None:
    """A table of the event's fields (plain text cells: nothing from data is rendered as markup)."""
    if event is None:
        return
    when = date_label(event["event_date"], event.get("date_end"), int(event["time_precision"]))
    rows = [("When", when), ("Fatalities", fatalities_label(event.get("fatalities")))]
    rows += [(label, str(event.get(name) or "")) for label, name in FIELDS]
    st.markdown("**Selected event**")
    st.dataframe(pd.DataFrame(rows, columns=["field", "value"]), hide_index=True, key=key, width="stretch")
