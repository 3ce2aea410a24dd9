"""Article in, reviewed events out: paste or upload, check the drafts, accept them onto the map."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import cached, draft_checks, reveal
from components.plain import markdown
from data.access.roles import Writer
from data.config import Settings
from data.schema import EVENT_TYPES
from data.stores.events import EventStore
from data.validation.validate import validate_events
from data.vocabulary import DATING_ORDER
from geo.articles.extraction import Extraction, extract
from geo.articles.review import (
    COUNTRY_LEVEL,
    Provenance,
    accepted_event_rows,
    article_text,
    draft_rows,
    event_id,
    highlight_html,
    place_choices,
)
from geo.gazetteer.gazetteer import Gazetteer

LABEL = "Add events from an article"
SUB_EVENT_TYPES = sorted({sub for subs in EVENT_TYPES.values() for sub in subs})
LEGEND = (
    '<mark style="background:#ffe08a">place</mark> · <mark style="background:#b9e3ff">actor</mark> · '
    '<mark style="background:#c8f0c0">date</mark> (hover for what it was read as)'
)


def _inputs(key: str, default_published: date, writer: Writer) -> tuple[str, Provenance]:
    left, right = st.columns([3, 2])
    with left:
        pasted = st.text_area("Article text", key=f"{key}.text", height=220, placeholder="Paste a news article…")
        upload = st.file_uploader("…or upload one", type=["txt", "md", "html", "htm"], key=f"{key}.upload")
    with right:
        if f"{key}.published" not in st.session_state:
            st.session_state[f"{key}.published"] = default_published
        published = st.date_input(
            "Published on",
            key=f"{key}.published",
            format="YYYY-MM-DD",
            help="Relative dates in the text are resolved against this day.",
        )
        source = st.text_input("Publisher", key=f"{key}.source", placeholder="e.g. AFP")
        title = st.text_input("Title", key=f"{key}.title")
        url = st.text_input("Link", key=f"{key}.url")
        st.caption(f"Reviewed by {markdown(writer.name)} (signed in)")
    raw = upload.getvalue().decode("utf-8", errors="replace") if upload is not None else pasted
    text = article_text(raw, upload.name if upload is not None else "")
    return text, Provenance(source.strip(), title.strip(), url.strip(), published, writer.name)


def _editor(drafts: pd.DataFrame, choices: list[str], key: str, digest: str):
    column = st.column_config
    config = {
        "accept": column.CheckboxColumn("Accept", width="small"),
        "confidence": column.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
        "event_date": column.DateColumn("From"),
        "date_end": column.DateColumn("To"),
        "precision": column.SelectboxColumn("Dating", options=DATING_ORDER, help="Follows an edited date"),
        "place": column.SelectboxColumn("Place", options=[COUNTRY_LEVEL, *choices], width="medium"),
        "event_type": column.SelectboxColumn("Event type", options=list(EVENT_TYPES)),
        "sub_event_type": column.SelectboxColumn("Sub-event type", options=SUB_EVENT_TYPES),
        "fatalities": column.NumberColumn("Fatalities", min_value=0, step=1, help="Empty: not reported"),
        "sentence": column.TextColumn("From the sentence", width="large"),
        "date_phrase": column.TextColumn("Date words"),
    }
    disabled = ["confidence", "sentence", "date_phrase"]
    return st.data_editor(
        drafts,
        key=draft_checks.editor_key(key, digest, draft_checks.state(key, digest, drafts)),
        column_config=config,
        disabled=disabled,
        hide_index=True,
        width="stretch",
        on_change=draft_checks.merge_edits,
        args=(key, digest),
    )


def _save(edited, extraction: Extraction, gazetteer: Gazetteer, theatre: str, provenance: Provenance, store, writer):
    rows = accepted_event_rows(edited, place_choices(extraction), gazetteer.country(theatre), gazetteer, provenance)
    checked = validate_events(rows, "review")
    for rejection in checked.rejected:
        st.error(f"Not added: row {rejection.row - 1}, {markdown(rejection.field)}: {markdown(rejection.reason)}")
    kept = rows[rows["event_id_cnty"].isin(checked.kept["event_id_cnty"])]
    if not len(kept):
        return None
    result = store.write(kept, writer=writer)
    written = [i for i in kept["event_id_cnty"] if i not in result.refused]
    if written:  # the map flies to the first one, whatever the window and filters
        reveal.ask(written[0])
    return result


def show(
    gazetteer: Gazetteer,
    theatre: str,
    store: EventStore,
    default_published: date,
    writer: Writer,
    lookup=None,
    key: str = "review",
    record: pd.DataFrame | None = None,
) -> int:
    """The review flow; returns how many events the last accept stored (0 when none this run).

    Session keys: ``{key}.text``, ``.upload``, ``.published``, ``.source``, ``.title``, ``.url``,
    ``.drafts.<hash>`` and ``.editor.<hash>.<n>`` (per text and date, so a new date re-resolves
    the drafts; see ``components.draft_checks``), ``.ask.*`` (date questions), ``.duplicate.*``
    (show an existing event), ``.done`` (the text and the message of the last accept, shown while
    that text is under review). "Reviewed by" is ``writer``, the signed-in person; the store
    refuses the accept unless they are an analyst. ``record``: the events already stored, for the
    possible-duplicate check.
    """
    text, provenance = _inputs(key, default_published, writer)
    done = st.session_state.get(f"{key}.done")
    # Kept while the same text is under review: the map flying to the new event reruns the page at
    # once (its view report), which would otherwise take the confirmation away before it is read.
    if done and done[0] == text:
        st.success(done[1])
    if not text:
        return 0
    extraction = extract(text, provenance.published, gazetteer, theatre, lookup)
    st.markdown(LEGEND, unsafe_allow_html=True)
    with st.container(height=220):
        st.html(highlight_html(text, extraction))  # HTML with every text escaped; no Markdown pass
    if not extraction.events:
        st.info("No event found in this text.")
        return 0
    digest = draft_checks.digest(text, provenance.published)
    drafts = draft_checks.state(key, digest, draft_rows(extraction))["rows"]
    choices = place_choices(extraction)
    edited = _editor(drafts, sorted(choices), key, digest)
    asking = draft_checks.ask_dates(key, digest)
    if record is not None:
        own_ids = [event_id(provenance, sentence) for sentence in edited["sentence"]]
        draft_checks.show_duplicates(edited, choices, record, own_ids, key)
    if not st.button("Add accepted events to the map", key=f"{key}.accept", type="primary"):
        return 0
    if asking:
        st.error("Answer the date question above first: the draft's dating is not settled.")
        return 0
    return _accept(edited, extraction, gazetteer, theatre, provenance, store, writer, key, text)


def _accept(edited, extraction, gazetteer, theatre, provenance, store, writer, key, text) -> int:
    if not provenance.source:
        st.error("Name the publisher first: every event on the map says where it comes from.")
        return 0
    try:
        result = _save(edited, extraction, gazetteer, theatre, provenance, store, writer)
    except PermissionError as error:  # the store's own check, whatever the page showed
        st.error(markdown(error), icon=":material/block:")
        return 0
    if result is None:
        return 0
    st.session_state[f"{key}.done"] = (text, f"Added {result.added} event(s) to the map ({result.replaced} updated).")
    st.rerun()
    return result.added


# A fragment: typing into the panel's fields reruns the panel alone; an accept reruns the page (st.rerun).
@st.fragment
def panel(
    settings: Settings, published: date, writer: Writer, key: str = "review", record: pd.DataFrame | None = None
) -> int:
    """The "Add events from an article" panel: ``show`` inside an expander, built only while open.

    Closed, it loads nothing (the gazetteer takes about half a second the first time) and sends the
    page only its label. Session key ``{key}.open``: whether it is open. ``record``: the events on
    the map, for the possible-duplicate check. Returns what ``show`` returns.
    """
    expander = st.expander(LABEL, icon=":material/newspaper:", key=f"{key}.open", on_change="rerun")
    if not expander.open:
        return 0
    with expander:
        return show(
            cached.gazetteer(settings.theatre),
            settings.theatre,
            cached.event_store(settings.store),
            published,
            writer,
            lookup=cached.online_lookup(settings.online_geocoder, settings.cache_dir),
            key=key,
            record=record,
        )
