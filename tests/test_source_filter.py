"""The source (publisher) filter: one declaration in data.view.criteria, and here its behaviour everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from data.validation.validate import validate_events
from data.view.filters import EventFilter, attribute_mask, describe
from data.view.view_state import Choices, View, params_from_view, view_from_params
from tests.conftest import event_row, raw_table

EVENTS = validate_events(
    raw_table(
        event_row(event_id_cnty="A", source="RFI"),
        event_row(event_id_cnty="B", source="Le Monde"),
        event_row(event_id_cnty="C", source="RFI; AFP"),
    ),
    "sources.csv",
).kept
WINDOW = {"start": date(2023, 1, 1), "end": date(2023, 12, 31)}


@pytest.mark.parametrize(
    ("sources", "kept", "words"),
    [
        ((), ["A", "B", "C"], ""),
        (("RFI",), ["A"], "reported by RFI, "),
        (("RFI", "Le Monde"), ["A", "B"], "reported by RFI and Le Monde, "),
        (("AFP",), [], "reported by AFP, "),
    ],
)
def test_the_mask_and_the_sentence_follow_the_chosen_sources(sources, kept, words):
    selection = EventFilter(**WINDOW, sources=sources)
    assert list(EVENTS.loc[attribute_mask(EVENTS, selection), "event_id_cnty"]) == kept
    assert describe(selection, len(kept), 3) == f"Showing {len(kept)} of 3 events: {words}1 Jan 2023 – 31 Dec 2023"


def test_a_link_carries_the_sources_and_drops_one_the_data_lacks():
    assert params_from_view(View(sources=("RFI", "Le Monde"))) == {"source": ["RFI", "Le Monde"]}
    view, notices = view_from_params({"source": ["RFI", "Nobody"]}, Choices(names={"sources": {"RFI", "Le Monde"}}))
    assert view.sources == ("RFI",)
    assert [str(notice) for notice in notices] == ["source=Nobody: not in the source list; ignored."]


def test_the_sidebar_offers_the_data_s_sources_and_returns_the_choice():
    def page():
        import streamlit as st

        from components import filters_sidebar

        options = {"actors": [], "regions": [], "sub_event_types": [], "sources": ["Le Monde", "RFI"]}
        st.session_state["chosen"] = filters_sidebar.show(options, key="f")

    app = AppTest.from_function(page).run()
    widget = app.multiselect(key="f.sources")
    assert (widget.label, widget.options) == ("Reported by (source)", ["Le Monde", "RFI"])
    widget.select("RFI").run()
    assert app.session_state["chosen"]["sources"] == ("RFI",)
