"""Column schemas of the datasets: ACLED-compatible events, territory and town status.

Each schema is a tuple of :class:`Column` rows, the one place that names a column, its type, whether
it is required and what it means. Validation, the store and the data-model tables of docs/ are all
generated from these rows (scripts/doc_tables.py; tests/test_docs.py checks they are current).
"""

from __future__ import annotations

from dataclasses import dataclass

# ACLED event types and their sub-event types (ACLED codebook, 2023 edition).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

TERRITORY_STATUSES = ("claimed", "controlled", "contested")
# The one coordinate reference system of every stored and drawn geometry: WGS84 (lon, lat).
CRS = "EPSG:4326"
# An event id: what a link, a map click and a file name can all carry unchanged.
EVENT_ID_PATTERN = r"[A-Za-z0-9_.:\-]{1,64}"
EVENT_ID_RULE = "letters, digits and _.:- only, up to 64"
# A CSV's header is line 1, so its first data row is line 2: the number a spreadsheet shows.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its name, value kind, whether required, and meaning."""

    name: str
    kind: str  # "str", "date", "int", "float", "choice"
    required: bool
    description: str
    choices: tuple = ()
    low: float | None = None
    high: float | None = None


def _code(name: str, description: str) -> Column:
    """An ACLED precision code: required, 1 (exact) to 3 (vague)."""
    return Column(name, "int", True, description, low=1, high=3)


def _deaths(name: str, description: str) -> Column:
    """A death toll: optional (unknown is not zero), never negative."""
    return Column(name, "int", False, description, low=0)


LATITUDE = Column("latitude", "float", True, "WGS84 latitude in degrees.", low=-90, high=90)
LONGITUDE = Column("longitude", "float", True, "WGS84 longitude in degrees.", low=-180, high=180)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id_cnty", "str", True, f"Stable event id, unique in the store (ACLED style: MLI1234); {EVENT_ID_RULE}."
    ),
    Column("event_date", "date", True, "First day the event may have happened (ISO date)."),
    Column("date_end", "date", False, 'Last day, when the date is a range ("over the weekend").'),
    Column("date_phrase", "str", False, 'The words the date was resolved from ("on Tuesday").'),
    _code("time_precision", "ACLED code: 1 exact day, 2 within a week, 3 month or more."),
    Column("event_type", "choice", True, "ACLED event type.", tuple(EVENT_TYPES)),
    Column("sub_event_type", "str", True, "ACLED sub-event type, one of those of the event type."),
    Column("actor1", "str", True, "Main actor."),
    Column("assoc_actor_1", "str", False, 'Actors acting with actor1, separated by "; ".'),
    Column("actor2", "str", False, "The other side, if any."),
    Column("assoc_actor_2", "str", False, "Actors acting with actor2."),
    Column(
        "civilian_targeting",
        "choice",
        False,
        '"Civilian targeting" when civilians were targeted.',
        ("", "Civilian targeting"),
    ),
    Column("country", "str", True, "Country where the event happened."),
    Column("admin1", "str", False, "First-level region (empty when not known)."),
    Column("location", "str", True, 'Place name, or what is honestly known ("Mali (place not reported)").'),
    LATITUDE,
    LONGITUDE,
    _code("geo_precision", "ACLED code: 1 the town, 2 near it or part of a region, 3 region or country only."),
    _deaths("fatalities", "Reported deaths; empty when not reported (unknown is not zero)."),
    _deaths("fatalities_low", "Lowest reported deaths (UCDP GED `low`); empty when not given."),
    _deaths("fatalities_high", "Highest reported deaths (UCDP GED `high`); empty when not given."),
    Column("notes", "str", True, "What happened, in our own words."),
    Column("source", "str", True, "Publisher(s) of the report."),
    Column("source_title", "str", False, "Title of the report or reference."),
    Column("source_date", "date", False, "Publication date of the report."),
    Column("source_url", "str", False, "Where the report can be read."),
    Column("source_excerpt", "str", False, "The sentence of the report the event was drafted from."),
    Column("reviewed_by", "str", False, "Who accepted the drafted event in the app."),
    Column(
        "imported_from",
        "str",
        False,
        "Import that brought the row: format and file (acled: sahel.csv); empty for shipped and app events.",
    ),
)

TERRITORY_COLUMNS: tuple[Column, ...] = (
    Column("territory_id", "str", True, "Stable id of the record."),
    Column("name", "str", True, 'Name of the territory ("Azawad").'),
    Column("status", "choice", True, "claimed, controlled or contested.", TERRITORY_STATUSES),
    Column("actor", "str", True, "Who claims or controls it."),
    Column("valid_from", "date", True, "First day the record holds."),
    Column("valid_to", "date", False, "First day it no longer holds; empty while it still does."),
    Column("regions", "str", True, 'ISO 3166-2 codes of the admin-1 regions it covers, joined by "+".'),
    Column("notes", "str", True, "What the record means, in our own words."),
    Column("source", "str", True, "Where the dates and extent come from."),
)

TOWN_STATUS_COLUMNS: tuple[Column, ...] = (
    Column("town", "str", True, "Town name (as in the gazetteer)."),
    LATITUDE,
    LONGITUDE,
    Column("status", "choice", True, "controlled or contested.", TERRITORY_STATUSES),
    Column("actor", "str", True, "Who holds the town."),
    Column("valid_from", "date", True, "First day the record holds."),
    Column(
        "date_phrase",
        "str",
        False,
        'Relative start ("Tuesday") resolved against the publication date when valid_from is empty.',
    ),
    Column("valid_to", "date", False, "First day it no longer holds; empty: until the town's next record starts."),
    Column("notes", "str", True, "What happened, in our own words."),
    Column("source", "str", True, "Where the dates come from."),
)


def column_names(columns: tuple[Column, ...]) -> list[str]:
    """Names of a schema's columns, in order."""
    return [column.name for column in columns]
