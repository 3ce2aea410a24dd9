"""Settings, declared once: name, default and meaning (the README's settings table is generated from here).

Every setting is read from an environment variable of the same name; ``load_settings`` is pure so it
can be tested with a dict. tests/test_docs.py checks that the generated table is current.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from data.dates import parse_iso

DATA_DIR = Path(__file__).resolve().parent / "datasets"


@dataclass(frozen=True)
class Setting:
    """One setting: environment variable name, default value (as text) and help."""

    name: str
    default: str
    help: str


# The default store's folder is named after the project; only our own default is filled in, never a
# value someone set.
PROJECT_FOLDER = "<project>"
PROJECT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CONFLICT_MAP_PUBLISHED",
        "2026-04-29",
        'Publication date of the seed article; its relative dates ("over the weekend", "on '
        'Tuesday") are resolved against it. ISO date.',
    ),
    Setting(
        "CONFLICT_MAP_BASEMAP",
        "auto",
        "auto: OpenStreetMap tiles when the tile server answers, else the shipped vector basemap; "
        "tiles or vector force one.",
    ),
    Setting(
        "CONFLICT_MAP_THEATRE",
        "ML",
        "ISO 3166-1 alpha-2 code of the theatre country, preferred when a place name is ambiguous.",
    ),
    Setting(
        "CONFLICT_MAP_PROJECT",
        "northern-mali",
        "Name of this project (lower-case letters, digits, hyphens): the default store is its own file, "
        "so two projects on one machine never mix their events.",
    ),
    Setting(
        "CONFLICT_MAP_STORE",
        str(Path.home() / ".local" / "share" / "conflict-map" / PROJECT_FOLDER / "events.sqlite"),
        "Where events accepted in the app are kept: a SQLite file path (created on first write) or a "
        "postgresql:// URL of a PostGIS database shared by a team (schema created automatically). "
        "The default is one file per CONFLICT_MAP_PROJECT.",
    ),
    Setting(
        "CONFLICT_MAP_ONLINE_GEOCODER",
        "off",
        "off, or nominatim: look up places the offline gazetteer lacks on OpenStreetMap Nominatim "
        "(1 request/s, answers cached beside the event store). Needs internet.",
    ),
    Setting(
        "CONFLICT_MAP_CACHE_DIR",
        str(Path.home() / ".cache" / "conflict-map"),
        "Where derived copies live: validated large events files (Parquet) and online geocoder answers.",
    ),
    Setting(
        "CONFLICT_MAP_DATA_DIR",
        str(DATA_DIR),
        "Folder holding events.csv, territories.csv and town_status.csv.",
    ),
    Setting(
        "CONFLICT_MAP_AUTH",
        "none",
        "Who may write (import, accept, edit, remove). none: one user on this machine writes, and only "
        "while the app listens on loopback; local: sign in with an account of CONFLICT_MAP_ACCOUNTS; "
        "oidc: Streamlit's st.login with the [auth] provider of .streamlit/secrets.toml. Everyone may look.",
    ),
    Setting(
        "CONFLICT_MAP_ACCOUNTS",
        str(Path.home() / ".config" / "conflict-map" / "accounts.toml"),
        "Local accounts (CONFLICT_MAP_AUTH=local): a TOML file of names, roles and Argon2 password hashes, "
        "written by python -m data.access.accounts add NAME --role analyst.",
    ),
    Setting(
        "CONFLICT_MAP_ANALYSTS",
        "",
        "Signed-in e-mail addresses that are analysts (CONFLICT_MAP_AUTH=oidc), comma-separated; "
        "everyone else who signs in is a viewer.",
    ),
    Setting(
        "CONFLICT_MAP_DEVELOPMENT",
        "off",
        "on: show full error details (tracebacks) in the page, for development; off: visitors see a "
        "short message and the traceback goes to the server's log only.",
    ),
)

# The store's and the server's own settings, read where they are used (the README's table lists them too;
# docs/store.md explains them).
STORE_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CONFLICT_MAP_FIRST_EVENT_DATE",
        "1989-01-01",
        "Earliest plausible event date (UCDP's first year): a row dated before it is rejected with a reason. ISO date.",
    ),
    Setting(
        "CONFLICT_MAP_LAST_EVENT_DATE",
        "",
        "Latest plausible event date; empty means one year after today. ISO date.",
    ),
    Setting(
        "CONFLICT_MAP_MAX_RENDERS",
        "2",
        "At most this many server-side Chromium renders (PNG, PDF) at once; later ones queue with a message.",
    ),
    Setting(
        "CONFLICT_MAP_GENERATED_CAP_MB",
        "200",
        "Size cap of static/generated (generated map files): the least recently used files go first.",
    ),
)

BASEMAP_MODES = ("auto", "tiles", "vector")
ONLINE_GEOCODERS = ("off", "nominatim")
AUTH_MODES = ("none", "local", "oidc")
SWITCHES = {"on": True, "off": False}


@dataclass(frozen=True)
class Settings:
    """The settings in force, typed."""

    published: date
    basemap: str
    theatre: str
    data_dir: Path
    store: str
    online_geocoder: str = "off"
    cache_dir: Path = Path.home() / ".cache" / "conflict-map"
    auth: str = "none"
    accounts: Path = Path.home() / ".config" / "conflict-map" / "accounts.toml"
    analysts: frozenset[str] = frozenset()
    development: bool = False


def load_settings(env: dict[str, str]) -> Settings:
    """Read the settings from an environment mapping, falling back to the declared defaults.

    Parameters
    ----------
    env : dict
        Usually ``os.environ``.

    Raises
    ------
    ValueError
        Naming the variable and the bad value, e.g. ``CONFLICT_MAP_BASEMAP='maps': expected one of
        auto, tiles, vector``.
    """
    raw = {s.name: env.get(s.name, "").strip() or s.default for s in SETTINGS}
    try:
        published = parse_iso(raw["CONFLICT_MAP_PUBLISHED"])
    except ValueError:
        value = raw["CONFLICT_MAP_PUBLISHED"]
        raise ValueError(f"CONFLICT_MAP_PUBLISHED={value!r}: expected an ISO date (YYYY-MM-DD)") from None
    basemap = raw["CONFLICT_MAP_BASEMAP"].lower()
    if basemap not in BASEMAP_MODES:
        value = raw["CONFLICT_MAP_BASEMAP"]
        raise ValueError(f"CONFLICT_MAP_BASEMAP={value!r}: expected one of {', '.join(BASEMAP_MODES)}")
    theatre = raw["CONFLICT_MAP_THEATRE"].upper()
    if len(theatre) != 2 or not theatre.isalpha():
        raise ValueError(f"CONFLICT_MAP_THEATRE={theatre!r}: expected a two-letter country code")
    online = raw["CONFLICT_MAP_ONLINE_GEOCODER"].lower()
    if online not in ONLINE_GEOCODERS:
        value = raw["CONFLICT_MAP_ONLINE_GEOCODER"]
        raise ValueError(f"CONFLICT_MAP_ONLINE_GEOCODER={value!r}: expected one of {', '.join(ONLINE_GEOCODERS)}")
    auth = raw["CONFLICT_MAP_AUTH"].lower()
    if auth not in AUTH_MODES:
        raise ValueError(f"CONFLICT_MAP_AUTH={raw['CONFLICT_MAP_AUTH']!r}: expected one of {', '.join(AUTH_MODES)}")
    development = SWITCHES.get(raw["CONFLICT_MAP_DEVELOPMENT"].lower())
    if development is None:
        raise ValueError(f"CONFLICT_MAP_DEVELOPMENT={raw['CONFLICT_MAP_DEVELOPMENT']!r}: expected on or off")
    analysts = frozenset(part.strip().lower() for part in raw["CONFLICT_MAP_ANALYSTS"].split(",") if part.strip())
    data_dir, store = Path(raw["CONFLICT_MAP_DATA_DIR"]), _store_location(raw)
    return Settings(
        published, basemap, theatre, data_dir, store, online, Path(raw["CONFLICT_MAP_CACHE_DIR"]),
        auth, Path(raw["CONFLICT_MAP_ACCOUNTS"]), analysts, development,
    )  # fmt: skip


def _store_location(raw: dict[str, str]) -> str:
    """``CONFLICT_MAP_STORE`` as set, or the default file of ``CONFLICT_MAP_PROJECT``."""
    project = raw["CONFLICT_MAP_PROJECT"]
    if not PROJECT_NAME.fullmatch(project):
        raise ValueError(
            f"CONFLICT_MAP_PROJECT={project!r}: expected lower-case letters, digits and hyphens (at most 63)"
        )
    default = next(s.default for s in SETTINGS if s.name == "CONFLICT_MAP_STORE")
    store = raw["CONFLICT_MAP_STORE"]
    return str(Path(default.replace(PROJECT_FOLDER, project))) if store == default else store


def _store_setting(env: dict[str, str], name: str) -> str:
    default = next(s.default for s in STORE_SETTINGS if s.name == name)
    return env.get(name, "").strip() or default


def event_date_bounds(env: dict[str, str], today: date | None = None) -> tuple[date, date]:
    """The plausible event dates (``CONFLICT_MAP_FIRST_EVENT_DATE`` .. ``CONFLICT_MAP_LAST_EVENT_DATE``).

    Raises
    ------
    ValueError
        Naming the variable and the bad value.
    """
    today = today or date.today()
    bounds = []
    for name in ("CONFLICT_MAP_FIRST_EVENT_DATE", "CONFLICT_MAP_LAST_EVENT_DATE"):
        text = _store_setting(env, name)
        if not text:
            bounds.append(today + timedelta(days=365))
            continue
        try:
            bounds.append(parse_iso(text))
        except ValueError:
            raise ValueError(f"{name}={text!r}: expected an ISO date (YYYY-MM-DD)") from None
    return bounds[0], bounds[1]


def positive_int_setting(env: dict[str, str], name: str) -> int:
    """A whole-number store setting (``CONFLICT_MAP_MAX_RENDERS``, ``CONFLICT_MAP_GENERATED_CAP_MB``)."""
    text = _store_setting(env, name)
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name}={text!r}: expected a whole number of at least 1")
    return int(text)
