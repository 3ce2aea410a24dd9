"""Values the pages state that come from the shipped data or from running our own functions.

Each takes the pytest ``fixture`` lookup (``fixture("dataset")``) when it needs the shipped record, and
is called only by the row's test (never at import), so collecting the suite stays cheap.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pandas as pd
import shapely

from data.config import DATA_DIR
from data.synthetic import synthetic_acled_export
from data.view.changes import key_town_holders
from data.view.filters import EventFilter, apply_filter, describe, valid_at
from geo.map.basemap import load_basemap
from geo.map.territory import area_km2
from tests.conftest import PUBLISHED
from tests.doc_claims import WORDS, day_text, found, hundreds


@cache
def synthetic_faults(rows: int) -> dict[int, str]:
    """Row number → faulty field of the generated ACLED file the import tests use."""
    return synthetic_acled_export(rows)[1]


def first_fault(rows: int, field: str) -> int:
    return min(row for row, fault in synthetic_faults(rows).items() if fault == field)


def country_at(lon: float, lat: float) -> str:
    """The basemap country (Natural Earth) a point falls in."""
    countries = load_basemap().countries
    return next(r.name for r in countries.itertuples() if shapely.contains_xy(r.geometry, lon, lat))


def kidal_records(territories: pd.DataFrame) -> pd.DataFrame:
    return territories[territories["regions"] == "ML-8"].sort_values("valid_from")


def claimed_from(territories: pd.DataFrame, actor: str) -> str:
    claims = territories[(territories["status"] == "claimed") & (territories["actor"] == actor)]
    return day_text(claims["valid_from"].min())


def kidal_area() -> float:
    """The Kidal region's outline in km², measured as the comparison measures it."""
    from geo.map.compare import area_view

    return area_km2(area_view(load_basemap().admin1, "Kidal")[0])


def header_sentence(end: date, **filters):
    """The header's sentence for a window from the record's first day and ``filters``."""

    def value(fixture):
        events = fixture("dataset").events
        selection = EventFilter(date(2012, 1, 17), end, **filters)
        return describe(selection, len(apply_filter(events, selection)), len(events))

    return value


def compare_sentence(fixture) -> str:
    """The comparison's sentence for the Kidal region on its default dates (the as-of day, years before)."""
    from geo.map.compare import area_view, change_sentence, territory_change

    years = int(found("components/compare_dates.py", r"_years_before\(as_of, (\d+)\)"))
    day_a = PUBLISHED.replace(year=PUBLISHED.year - years)
    clip = area_view(load_basemap().admin1, "Kidal")[0]
    change = territory_change(fixture("dataset").territories, day_a, PUBLISHED, clip=clip)
    return change_sentence(change, day_a, PUBLISHED, "Kidal")


def azawad_km2(fixture) -> str:
    territories = fixture("dataset").territories
    return hundreds(area_km2(territories[territories["regions"] == "ML-6+ML-7+ML-8"].geometry.iloc[0]))


def kidal_label(fixture) -> str:
    """The key-town label of Kidal on the publication day: ``Kidal · FLA since 28 Apr 2026``."""
    holders = key_town_holders(valid_at(fixture("dataset").towns, PUBLISHED))
    return next(holder.label for holder in holders if holder.town == "Kidal")


def default_story(fixture):
    from data.view.stories import load_stories

    return next(story for story in load_stories(fixture("dataset").events) if story.name.lower() == "mali")


def conflict_places() -> tuple[int, int, int, int]:
    """How many places the conflict-place list adds: in all, in Mali, Burkina Faso and Niger."""
    places = pd.read_csv(DATA_DIR / "gazetteer" / "conflict_places.csv", dtype=str)
    counts = places["country"].value_counts()
    return len(places), counts["ML"], counts["BF"], counts["NE"]


def code_range(codes: dict[str, str], distinct: bool = False) -> tuple[str, str, str]:
    """``1``, ``5``, ``1/2/2/3/3``: a UCDP code's first and last value and what each becomes."""
    keys = sorted(codes, key=int)
    mapped = [codes[key] for key in keys]
    return keys[0], keys[-1], "/".join(dict.fromkeys(mapped) if distinct else mapped)


def sample_import() -> tuple[int, str]:
    """Rows of the shipped ACLED sample and (in words) how many of them an import rejects."""
    from data.io.read import read_incoming
    from data.io.run import prepare_import

    path = DATA_DIR / "samples" / "acled_sample_synthetic.csv"
    result = prepare_import(read_incoming(path), pd.DataFrame(columns=["event_id_cnty", "imported_from"]))
    return result.rows, WORDS[len(result.rejected)]


def sample_rows(name: str) -> int:
    return len(pd.read_csv(DATA_DIR / "samples" / name, dtype=str))


def kidal_dates(territories: pd.DataFrame) -> tuple:
    """The Kidal region's records: the first one's year and holder, then the next three's first days."""
    records = kidal_records(territories)
    first, *later = records.to_dict("records")
    return (first["valid_from"].year, first["actor"], *(day_text(r["valid_from"]) for r in later))


def bad_latitude_message() -> str:
    """What validation says of a latitude of 95 on the fourth data row."""
    from data.validation.validate import validate_events
    from tests.conftest import event_row

    rows = [event_row(event_id_cnty=f"T{n}") for n in range(3)] + [event_row(event_id_cnty="T9", latitude="95")]
    return str(validate_events(pd.DataFrame(rows), "events.csv").rejected[0])


def refused_toll_range() -> str:
    try:
        EventFilter(date(2024, 1, 1), date(2024, 12, 31), min_fatalities=5, max_fatalities=4)
    except ValueError as error:
        return str(error)
    raise AssertionError("a toll range that cannot match was accepted")


def violence_codes() -> tuple[str, str]:
    """UCDP's ``type_of_violence`` codes mapped to Battles (``1–2``) and to the other type (``3``)."""
    from data.io.formats import UCDP_TYPES

    battles = sorted((code for code, (kind, _) in UCDP_TYPES.items() if kind == "Battles"), key=int)
    other = [code for code, (kind, _) in UCDP_TYPES.items() if kind == "Violence against civilians"]
    return f"{battles[0]}–{battles[-1]}", "".join(other)


def auth_limits() -> tuple[int, int]:
    from components.auth import LOCKOUT_SECONDS, MAX_FAILURES

    assert LOCKOUT_SECONDS == 60, "the page says 'in a minute'"
    return MAX_FAILURES, LOCKOUT_SECONDS


def coordinate_decimals() -> int:
    """How many decimals the link writes a centre with."""
    from data.view.view_state import _coordinate

    return len(_coordinate(1 / 3).split(".")[1])


def leaflet_panes() -> tuple[int, int]:
    """Leaflet's own tooltip and popup panes (its stylesheet, as served)."""
    css = "static/vendor/leaflet/leaflet.css"
    return tuple(int(found(css, rf"\.leaflet-{pane}-pane\s+\{{ z-index: (\d+);")) for pane in ("tooltip", "popup"))


def bar_speeds() -> list[float]:
    """The time bar's speed choices, steps a second."""
    speeds = found("components/timebar_frontend/timebar.html", r'data-part="speed">(.*?)</select>')
    return [float(s) for s in re.findall(r"<option[^>]*>([\d.]+)</option>", speeds)]


def precise_hides(fixture) -> tuple[int, int]:
    """What "exact day and place only" hides over the whole record, to the publication day."""
    from data.view.aggregate import precise_only_hides

    events = fixture("dataset").events
    return precise_only_hides(events, EventFilter(events["event_date"].min().date(), PUBLISHED))


def claim_days(fixture) -> tuple[str, str]:
    """The first days of the Azawad claim: the MNLA's, then the FLA's."""
    return tuple(claimed_from(fixture("dataset").territories, actor) for actor in ("MNLA", "FLA"))


def source_count(fixture) -> str:
    """How many publishers the picture's source line counts for the whole record."""
    from geo.documents.furniture import source_line

    return source_line(fixture("dataset").events).split()[1]


def import_example(rows: int) -> tuple[int, int, int]:
    """Faults, rows and accepted rows of the generated ACLED file of ``rows`` rows."""
    faults = len(synthetic_faults(rows))
    return faults, rows, rows - faults
