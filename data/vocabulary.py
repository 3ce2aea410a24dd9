"""Our words for precision and dating, declared once: popups, table, brief, charts and legend use these.

ACLED's precision codes say how exactly a place (``geo_precision``) or a date (``time_precision``)
is known; the same code must read the same everywhere it is shown.
"""

from __future__ import annotations

# The mark of an approximate value, in the table and the charts.
APPROXIMATE = "≈"
# ACLED geo_precision: how exactly the place is known.
PLACE_PRECISION = {1: "the town itself", 2: "near the town or part of a region", 3: "region or country only"}
# How an event's dating is grouped in the charts (ACLED time_precision 1; 2, or a range; 3).
EXACT_DAY, WITHIN_DAYS, MONTH_OR_LONGER = "exact day", "within days", "month or longer"
DATING_ORDER = [EXACT_DAY, WITHIN_DAYS, MONTH_OR_LONGER]
DATING_LABELS = {
    EXACT_DAY: EXACT_DAY,
    WITHIN_DAYS: f"{APPROXIMATE} within days",
    MONTH_OR_LONGER: f"{APPROXIMATE} month or longer",
}
# Who holds a town, on the map's town labels, in the legend and in the brief:
# "Kidal · FLA since 28 Apr 2026", "Timbuktu · JNIM (contested) since 8 Aug 2023".
TOWN_SEPARATOR = " · "
HELD_SINCE = "since"
CONTESTED_MARK = "(contested)"
NO_HOLDER = "no holder on record"
# A town's history of control (its popup on the map): one row per change.
HISTORY_TITLE = "Who held {town}"
HISTORY_COLUMNS = ("From", "Holder", "Source")
# The legend's words for the key towns' labels, and when the window shows nothing.
LABEL_SAMPLE = "Town · holder since day"
LABEL_MEANING = "who holds a key town on the as-of day"
NOTHING_SHOWN = "Nothing on the map in this window and view"
