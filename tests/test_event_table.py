"""components.event_table: which row the user chose, by its selection box or by any cell."""

from __future__ import annotations

import pytest

from components.event_table import _chosen_rows


def state(rows=(), cells=()):
    return {"selection": {"rows": list(rows), "columns": [], "cells": [list(c) for c in cells]}}


@pytest.mark.parametrize(
    ("selection", "seen", "chosen"),
    [
        (state(), [], []),  # nothing done
        (state(rows=[2]), [], [2]),  # the selection box
        (state(cells=[(4, "Place")]), [], [4]),  # a cell: its row
        (state(rows=[2], cells=[(4, "Date")]), [2], [4]),  # a cell in another row moves it
        (state(rows=[2], cells=[(2, "Date")]), [2], [2]),  # a cell in the selected row: no change
        (state(rows=[], cells=[]), [2], []),  # the box unticked: nothing selected
        (state(rows=[6], cells=[(4, "Date")]), [2], [6]),  # a new box selection wins over an old cell
        ({"selection": {}}, [1], [1]),  # a state without the lists changes nothing
        (None, [1], [1]),
    ],
)
def test_chosen_rows(selection, seen, chosen):
    assert _chosen_rows(selection, seen) == chosen
