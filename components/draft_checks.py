"""The review table's checks: a date edit re-dates its draft (or asks), and possible duplicates.

Session state, per article and publication date (``digest``): ``{key}.drafts.{digest}`` holds the
drafts as last merged (``rows``), the editor's generation (``version``: a new one shows merged
values) and the open date questions by row (``questions``). Everything from data is shown as
plain text or through ``components.plain.markdown``.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from components import reveal
from components.plain import markdown
from geo.articles.duplicates import Duplicate, as_day, draft_duplicates
from geo.articles.redating import DateQuestion, Dating, redate, span_text
from geo.gazetteer.gazetteer import Place

DATE_COLUMNS = ("event_date", "date_end")
SHOWN_DUPLICATES = 3


def state(key: str, digest: str, drafts: pd.DataFrame) -> dict:
    """The drafts of this article and date as merged so far (created from ``drafts`` the first time)."""
    name = f"{key}.drafts.{digest}"
    if name not in st.session_state:
        st.session_state[name] = {"rows": drafts.copy(), "version": 0, "questions": {}}
    return st.session_state[name]


def editor_key(key: str, digest: str, drafts: dict) -> str:
    """The editor's session key: a new generation after each merge."""
    return f"{key}.editor.{digest}.{drafts['version']}"


def _put(rows: pd.DataFrame, position: int, dating: Dating) -> None:
    rows.at[position, "event_date"], rows.at[position, "date_end"] = dating.start, dating.end
    rows.at[position, "precision"], rows.at[position, "date_phrase"] = dating.dating, dating.phrase


def _cell(column: str, value):
    return as_day(value) if column in DATE_COLUMNS else value


def digest(text: str, published: date) -> str:
    """Names the drafts of one text at one publication date (a new date re-resolves them)."""
    return hashlib.sha1(f"{text}|{published}".encode()).hexdigest()[:12]


def merge_edits(key: str, digest: str) -> None:
    """The editor's ``on_change``: hands the grid's edited cells to ``merge_changes``."""
    drafts = state(key, digest, pd.DataFrame())
    merge_changes(key, digest, st.session_state[editor_key(key, digest, drafts)].get("edited_rows", {}))


def merge_changes(key: str, digest: str, changes: dict) -> None:
    """Apply edited cells (``{row: {column: value}}``): a changed date re-dates its row or opens a question.

    Edits that touch no date stay in the editor; once a date changes, every edit is merged into
    ``rows`` and a new editor generation shows the result.
    """
    drafts = state(key, digest, pd.DataFrame())
    rows = drafts["rows"].copy()
    redated = False
    for position, cells in ((int(p), c) for p, c in changes.items()):
        before = tuple(as_day(rows.at[position, c]) for c in DATE_COLUMNS)
        for column, value in cells.items():
            rows.at[position, column] = _cell(column, value)
        after = tuple(as_day(rows.at[position, c]) for c in DATE_COLUMNS)
        if after == before:
            continue
        redated = True
        answer = redate(before, after)
        drafts["questions"].pop(position, None)
        if isinstance(answer, DateQuestion):
            drafts["questions"][position] = answer
            rows.at[position, "precision"], rows.at[position, "date_phrase"] = "", "(asked below)"
        elif isinstance(answer, Dating):
            _put(rows, position, answer)
    if redated:
        drafts["rows"], drafts["version"] = rows, drafts["version"] + 1


def _label(dating: Dating) -> str:
    return markdown(f"{span_text(dating.start, dating.end)} ({dating.dating})")


def _answer(key: str, digest: str, position: int, radio_key: str) -> None:
    drafts = state(key, digest, pd.DataFrame())
    question = drafts["questions"].pop(position)
    chosen = [_label(a) for a in question.answers].index(st.session_state[radio_key])
    rows = drafts["rows"].copy()
    _put(rows, position, question.answers[chosen])
    drafts["rows"], drafts["version"] = rows, drafts["version"] + 1


def ask_dates(key: str, digest: str) -> bool:
    """One question per ambiguous date edit; ``True`` while any is unanswered."""
    drafts = state(key, digest, pd.DataFrame())
    for position, question in sorted(drafts["questions"].items()):
        radio_key = f"{key}.ask.{digest}.{position}.{drafts['version']}"
        st.radio(
            markdown(f"Draft {position + 1}: {question.question}"),
            [_label(a) for a in question.answers],
            index=None,
            key=radio_key,
            on_change=_answer,
            args=(key, digest, position, radio_key),
        )
    return bool(drafts["questions"])


def _duplicate_line(duplicate: Duplicate) -> str:
    when = span_text(duplicate.start, duplicate.end)
    return f"{duplicate.event_id} · {when} · {duplicate.location} ({duplicate.km:g} km) · {duplicate.summary}"


def show_duplicates(
    edited: pd.DataFrame, choices: dict[str, Place], record: pd.DataFrame, own_ids: list[str], key: str
) -> None:
    """Flag each draft that may repeat an event of ``record``, with a button that selects it on the map."""
    for position, matches in draft_duplicates(edited, choices, record, own_ids).items():
        own = any(d.same_sentence for d in matches)
        note = "was added from this sentence before (accepting again updates it)" if own else "may repeat"
        st.warning(
            markdown(f"Possible duplicate: draft {position + 1} {note} an event already in the record"),
            icon=":material/content_copy:",
        )
        for duplicate in matches[:SHOWN_DUPLICATES]:
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.text(_duplicate_line(duplicate))
            if button.button("Show on the map", key=f"{key}.duplicate.{position}.{duplicate.event_id}"):
                reveal.ask(duplicate.event_id)  # selected and shown; the address bar's event= follows
                st.rerun(scope="app")
