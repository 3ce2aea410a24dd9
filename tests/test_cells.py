"""One meaning of "missing" for every output: None, NaN, pd.NA and NaT are; "", 0 and False are not."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from data.cells import cell_text, is_missing


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, pd.NA, pd.NaT, np.float64("nan")])
def test_missing_values(value):
    assert is_missing(value)
    assert cell_text(value) == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("", ""),
        (0, "0"),
        (0.0, "0.0"),
        (False, "False"),
        ("nan", "nan"),
        (date(2024, 1, 2), "2024-01-02"),
        (pd.Timestamp("2024-01-02"), "2024-01-02 00:00:00"),
        (np.int64(7), "7"),
        ((1, 2), "(1, 2)"),
    ],
)
def test_present_values(value, text):
    assert not is_missing(value)
    assert cell_text(value) == text
