"""The event table under the map: the same filtered set, sortable and searchable; a row selects its event."""

from __future__ import annotations

import streamlit as st

from components.plain import markdown
from geo.map.table import TableRows

COLUMN_CONFIG = {
    "Date": st.column_config.DateColumn("Date", format="D MMM YYYY", help="First day the event may have happened"),
    "Dating": st.column_config.TextColumn("Dating", help="exact day, or ≈ and the days it may fall on"),
    "Place precision": st.column_config.TextColumn("Place precision", help="≈: the place is approximate"),
    "Fatalities": st.column_config.NumberColumn("Fatalities", format="%d", help="Empty: not reported (not zero)"),
    "Id": st.column_config.TextColumn("Id", width="small"),
}


def _rows_of(state: object) -> list[int] | None:
    """The selected rows, or ``None`` for a state that holds no row selection at all."""
    try:
        return [int(row) for row in state["selection"]["rows"]]  # type: ignore[index]
    except (KeyError, TypeError):
        return None


def _cell_rows_of(state: object) -> list[int]:
    try:
        return [int(cell[0]) for cell in state["selection"]["cells"]]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return []


def _chosen_rows(state: object, seen: list[int]) -> list[int]:
    """The rows the user chose: by the selection box, or by clicking any cell of a row.

    A cell click leaves the earlier row selection in place, so what changed since the table was
    drawn decides: a new box selection first, then a cell in another row.
    """
    rows = _rows_of(state)
    if rows is None:
        return seen
    if rows != seen:
        return rows
    cells = _cell_rows_of(state)
    return cells[:1] if cells and cells[:1] != seen else seen


def pending(key: str = "table") -> list[str] | None:
    """What the user did to the table's selection since it was drawn: ``None`` nothing, else the ids chosen.

    Read at the top of the run, so that the map drawn above the table already shows the choice.
    Session keys: ``{key}`` (the table's selection), ``{key}.ids`` (ids by row, as last drawn),
    ``{key}.seen`` (the rows selected when last drawn).
    """
    if key not in st.session_state:
        return None
    seen = st.session_state.get(f"{key}.seen", [])
    rows = _chosen_rows(st.session_state[key], seen)
    if rows == seen:
        return None
    ids = st.session_state.get(f"{key}.ids", [])
    return [ids[row] for row in rows if 0 <= row < len(ids)]


def _select_row(key: str, rows: list[int]) -> None:
    # A selection made elsewhere (map, URL, a cell click) is written into the table before it is
    # drawn, as a row selection with no cell, so the whole row shows selected.
    state = st.session_state.get(key)
    if state is None or _rows_of(state) != rows or _cell_rows_of(state):
        st.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    st.session_state[f"{key}.seen"] = rows


def show(table: TableRows, selected: str | None, key: str = "table") -> None:
    """Draw the rows (``geo.map.table.table_rows``) with ``selected`` highlighted; one row can be selected."""
    ids = table.ids
    rows = [ids.index(selected)] if selected in ids else []
    _select_row(key, rows)
    st.session_state[f"{key}.ids"] = ids
    note = table.note  # our words; the id and place below come from a link or the data
    if selected and not rows:
        note += f" · {markdown(selected)}, now selected, is not among these rows"
    elif rows:
        row = table.rows.iloc[rows[0]]
        note += f" · **Selected: {markdown(selected)}**, {markdown(row['Place'])}, {row['Date']:%-d %b %Y}"
    st.caption(
        f"{note}. Click a row (any cell) to show it on the map; sort by a column header; "
        "search with the magnifier above the table."
    )
    st.dataframe(
        table.rows,
        key=key,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        hide_index=True,
        column_config=COLUMN_CONFIG,
        placeholder="not reported",
        width="stretch",
        height=min(38 + 35 * max(len(table.rows), 1), 420),
    )
