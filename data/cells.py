"""What a missing cell is, declared once: ``None``, NaN, ``pd.NA`` and ``NaT`` (never ``""`` or 0)."""

from __future__ import annotations

import pandas as pd


def is_missing(value: object) -> bool:
    """True when ``value`` holds no value: ``None``, a float NaN, ``pd.NA`` or ``NaT``."""
    return value is None or (
        not isinstance(value, str) and bool(pd.api.types.is_scalar(value)) and bool(pd.isna(value))
    )


def cell_text(value: object) -> str:
    """``value`` as text; a missing value is ``""``."""
    return "" if is_missing(value) else str(value)
