"""The review panel's checks on the page (AppTest): possible duplicates and date questions.

A grid edit cannot be typed into a data editor under AppTest, so the date edit is handed to
``draft_checks.merge_changes``, the function the editor's ``on_change`` calls with the grid's
edited cells; everything after it (the question, the answer, the stored record) runs as on the page.
"""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from data.vocabulary import EXACT_DAY

ARTICLE = "Jihadists attacked an army post in Boni on Sunday, killing at least 12 soldiers."
PUBLISHED = date(2026, 4, 29)  # Sunday = 26 April 2026


def review_page(edit: dict | None, store_path: str):
    """The review panel with a record holding one battle at Boni on 26 April 2026."""
    from datetime import date

    import pandas as pd
    import streamlit as st

    from components import article_review, draft_checks
    from data.access.roles import Role, Writer
    from data.stores.events import open_store
    from geo.articles.extraction import extract
    from geo.articles.review import draft_rows
    from geo.gazetteer.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    boni = gazetteer.candidates("Boni")[0]
    record = pd.DataFrame(
        [
            {
                "event_id_cnty": "CM-OLD-1",
                "event_date": pd.Timestamp("2026-04-26"),
                "date_end": pd.Timestamp("2026-04-26"),
                "event_type": "Battles",
                "latitude": boni.lat,
                "longitude": boni.lon,
                "location": "Boni",
                "notes": "**Militants** attack the Boni post [x](https://evil.example)",
            }
        ]
    )
    text, published = st.session_state.get("r.text", ""), st.session_state.get("r.published", date(2026, 4, 29))
    if edit and text and "edited" not in st.session_state:  # the grid edit, once (see the module docstring)
        st.session_state["edited"] = True
        digest = draft_checks.digest(text, published)
        draft_checks.state("r", digest, draft_rows(extract(text, published, gazetteer, "ML")))
        draft_checks.merge_changes("r", digest, edit)
    store = open_store(store_path)
    article_review.show(gazetteer, "ML", store, date(2026, 4, 29), Writer("a", Role.ANALYST), key="r", record=record)


def page(tmp_path, edit: dict | None = None) -> AppTest:
    kwargs = {"edit": edit, "store_path": str(tmp_path / "events.sqlite")}
    at = AppTest.from_function(review_page, kwargs=kwargs, default_timeout=60)
    at.session_state["r.text"] = ARTICLE
    at.session_state["r.source"] = "Test wire"
    return at.run()


def test_a_draft_matching_an_event_in_the_record_is_flagged_and_names_it(tmp_path):
    at = page(tmp_path)
    assert not at.exception, at.exception
    (warning,) = at.warning
    assert "Possible duplicate" in warning.value
    assert "draft 1 may repeat" in warning.value
    (line,) = [t.value for t in at.text if "CM-OLD-1" in t.value]
    assert line == "CM-OLD-1 · 26 Apr 2026 · Boni (0 km) · **Militants** attack the Boni post [x](https://evil.example)"


def test_show_on_the_map_selects_the_existing_event(tmp_path):
    at = page(tmp_path)
    at.button(key="r.duplicate.0.CM-OLD-1").click().run()
    assert not at.exception, at.exception
    assert at.session_state["selection.event_id"] == "CM-OLD-1"


def test_no_flag_once_the_reviewer_moves_the_draft_to_another_day(tmp_path):
    at = page(tmp_path, edit={0: {"event_date": "2026-04-28", "date_end": "2026-04-28"}})
    assert not at.exception, at.exception
    assert not at.warning
    assert not at.radio  # one day moved to one day: nothing to ask


def test_an_ambiguous_date_edit_asks_and_the_answer_sets_dating_and_words(tmp_path):
    # The start moved two days earlier, the end left on Sunday: moved, or lasting three days?
    at = page(tmp_path, edit={0: {"event_date": "2026-04-24"}})
    assert not at.exception, at.exception
    (question,) = at.radio
    assert "moved the start to 24 Apr 2026" in question.label.replace("\\", "")
    assert [o.replace("\\", "") for o in question.options] == [
        "24 Apr 2026 (exact day)",
        "24–26 Apr 2026 (within days)",
    ]
    at.button(key="r.accept").click().run()
    assert [e.value for e in at.error] == ["Answer the date question above first: the draft's dating is not settled."]
    question.set_value(question.options[0]).run()
    assert not at.radio
    at.button(key="r.accept").click().run()
    assert not at.exception, at.exception
    from data.stores.events import open_store

    (stored,) = open_store(str(tmp_path / "events.sqlite")).read().to_dict("records")
    assert (str(stored["event_date"])[:10], str(stored["date_end"])[:10]) == ("2026-04-24", "2026-04-24")
    assert int(stored["time_precision"]) == 1
    assert stored["date_phrase"] == "24 Apr 2026, set in review"
    assert EXACT_DAY == "exact day"
