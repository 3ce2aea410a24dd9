"""What one run shows: the rows the filters keep, those in the window, and the as-of records.

The page asks for it once per run (``shown``); the cached views downstream (the map's file, the
strip, the table) name the rows by ``Shown.criteria_key`` and ``Shown.window_key`` instead of
having the page assemble their cache keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.view.filters import EventFilter, attribute_mask, criteria_of, valid_at, window_mask


@dataclass(frozen=True, eq=False)
class Shown:
    """The selection's rows of one dataset.

    Attributes
    ----------
    selection : EventFilter
        The window and the filters.
    chosen_rows : numpy.ndarray
        Events passing every filter but the dates (the map's file holds these).
    in_window : numpy.ndarray
        Of those, the events whose dates overlap the window.
    territories, towns : pandas.DataFrame
        Territory and town-status records in force on the as-of day.
    """

    selection: EventFilter
    chosen_rows: np.ndarray
    in_window: np.ndarray
    territories: pd.DataFrame
    towns: pd.DataFrame

    @property
    def criteria_key(self) -> tuple:
        """Names ``chosen_rows`` for a cache: every criterion but the dates, in a fixed order."""
        return tuple(sorted(criteria_of(self.selection).items()))

    @property
    def window_key(self) -> tuple:
        """Names ``in_window`` for a cache: the criteria and the window's first and last day."""
        return (*self.criteria_key, self.selection.start, self.selection.end)


def shown(events: pd.DataFrame, territories: pd.DataFrame, towns: pd.DataFrame, selection: EventFilter) -> Shown:
    """The rows of ``events`` and the records of the as-of day that ``selection`` shows."""
    chosen_rows = attribute_mask(events, selection)
    in_window = window_mask(events, selection) & chosen_rows
    as_of = selection.as_of_day
    return Shown(selection, chosen_rows, in_window, valid_at(territories, as_of), valid_at(towns, as_of))
