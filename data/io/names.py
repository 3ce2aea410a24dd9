"""Actors and places matched to one canonical name each, so a filter lists a name once.

ACLED writes long actor names with periods ("Military Forces of Mali (2021-)", "JNIM: Group for
Support of Islam and Muslims"); UCDP and older files drop accents ("Menaka") or use another
spelling ("Tombouctou" for the town of Timbuktu). Each name is folded to a key (case, accents,
punctuation and white space ignored) and looked up among the canonical names and their aliases:
``actors.csv`` and ``names.csv`` for actors, ``names.csv``, the gazetteer and the
shipped events for places. The imported row keeps
its original names in its source record (``data.io.formats.RECORD_COLUMN``); a name that matches
nothing is kept as it is and reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ACTORS_FILE = "actors.csv"
NAMES_FILE = "names.csv"  # field, name, aliases: actors, admin-1 regions and places not in the other files
GAZETTEER_FILES = ("gazetteer/supplement.csv", "gazetteer/conflict_places.csv")
# UCDP GED writes "Gao town", "Ménaka region": the word names the kind of place, not the place.
PLACE_KINDS = re.compile(r"\s+(?:town|village|city|region|province|district|area|cercle)$", re.IGNORECASE)
THEATRE_COUNTRIES = ("ML", "BF", "NE", "MR", "DZ")
ACTOR_FIELDS = ("actor1", "actor2")
LIST_FIELDS = ("assoc_actor_1", "assoc_actor_2")  # several actors joined by "; "
PLACE_FIELDS = ("admin1", "location")
# ACLED's period suffixes: "(2021-)", "(1991-2012)", "(2000-2008) Operation Barkhane" is not one.
PERIOD = re.compile(r"\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
PARENTHESES = re.compile(r"\s*\([^)]*\)")


def fold(name: str) -> str:
    """The matching key of a name: no accents, lower case, letters and digits separated by one space."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.lower()).split())


def _actor_keys(name: str) -> list[str]:
    """Keys to try for an incoming actor name, most exact first."""
    keys = [fold(name), fold(PERIOD.sub("", name))]
    head = name.split(":", 1)[0]
    keys += [fold(PERIOD.sub("", head)), fold(PARENTHESES.sub("", name)), fold(PARENTHESES.sub("", head))]
    return [key for key in dict.fromkeys(keys) if key]


@dataclass
class Names:
    """Canonical names by key, per field kind (``actor`` or ``admin1``/``location``)."""

    keys: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, kind: str, canonical: str, aliases=(), strip_parentheses: bool = False) -> None:
        """Make ``canonical`` (and ``aliases``; its name without parentheses if asked) find ``canonical``."""
        index = self.keys.setdefault(kind, {})
        names = [canonical, *aliases]
        if strip_parentheses:
            names.append(PARENTHESES.sub("", canonical))
        for name in names:
            key = fold(name)
            if key:
                index.setdefault(key, canonical)  # the first canonical name given a key keeps it

    def match(self, kind: str, name: str) -> str | None:
        """The canonical name for ``name``, or ``None`` when nothing matches."""
        index = self.keys.get(kind, {})
        keys = _actor_keys(name) if kind == "actor" else [fold(name), fold(PLACE_KINDS.sub("", name))]
        return next((index[key] for key in keys if key in index), None)


def load_names(data_dir: Path) -> Names:
    """Canonical names from the shipped actor and place files and the shipped events."""
    names = Names()
    actors_path = data_dir / ACTORS_FILE
    if actors_path.exists():
        actors = pd.read_csv(actors_path, dtype=str, keep_default_na=False)
        for actor, aliases in zip(actors["actor"], actors["aliases"], strict=True):
            names.add("actor", actor, [a for a in aliases.split("|") if a], strip_parentheses=True)
    names_path = data_dir / NAMES_FILE
    if names_path.exists():
        table = pd.read_csv(names_path, dtype=str, keep_default_na=False)
        for kind, name, aliases in zip(table["field"], table["name"], table["aliases"], strict=True):
            names.add(kind, name, [a for a in aliases.split("|") if a])
    for relative in GAZETTEER_FILES:
        if (data_dir / relative).exists():
            places = pd.read_csv(data_dir / relative, dtype=str, keep_default_na=False)
            for place, aliases in zip(places["name"], places["alternatenames"], strict=True):
                names.add("location", place, [a for a in aliases.split("|") if a])
    geonames = data_dir / "gazetteer" / "geonames.csv"
    if geonames.exists():  # the towns of the theatre's countries, by their GeoNames name (no alternates: they clash)
        towns = pd.read_csv(geonames, dtype=str, keep_default_na=False, usecols=["name", "country"])
        for place in towns.loc[towns["country"].isin(THEATRE_COUNTRIES), "name"]:
            names.add("location", place)
    events_path = data_dir / "events.csv"
    if events_path.exists():
        events = pd.read_csv(events_path, dtype=str, keep_default_na=False)
        for kind in PLACE_FIELDS:
            for place in sorted(set(events[kind]) - {""}):
                names.add(kind, place)
        for actor in sorted(set(events["actor1"]) | set(events["actor2"]) - {""}):
            names.add("actor", actor)
    return names


@dataclass
class Matched:
    """Rows with canonical names, and the names that matched nothing: ``{(field, name): rows}``."""

    rows: pd.DataFrame
    unmatched: Counter


def _kind(column: str) -> str:
    return "actor" if column in ACTOR_FIELDS or column in LIST_FIELDS else column


def _canonical_cell(cell: str, column: str, names: Names) -> tuple[str, list[str]]:
    """A cell's canonical text and its parts that matched nothing."""
    parts = [part.strip() for part in cell.split(";")] if column in LIST_FIELDS else [cell]
    found = [names.match(_kind(column), part) if part else "" for part in parts]
    missing = [part for part, match in zip(parts, found, strict=True) if part and match is None]
    return "; ".join(match or part for part, match in zip(parts, found, strict=True)), missing


def match_names(rows: pd.DataFrame, names: Names) -> Matched:
    """``rows`` with actor and place names replaced by their canonical names where one matches.

    Each distinct cell is looked up once, so a million rows with a few hundred names cost little.
    """
    out, unmatched = rows.copy(), Counter()
    for column in (*ACTOR_FIELDS, *LIST_FIELDS, *PLACE_FIELDS):
        if column not in out.columns:
            continue
        values = out[column].fillna("").astype(str)
        mapping = {}
        for cell, count in values.value_counts().items():
            mapping[cell], missing = _canonical_cell(cell, column, names)
            for part in missing:
                unmatched[(column, part)] += int(count)
        out[column] = values.map(mapping)
    return Matched(out, unmatched)


def unmatched_report(unmatched: Counter) -> list[dict]:
    """The unmatched names as ``[{"field", "name", "rows"}]``, most rows first."""
    ranked = sorted(unmatched.items(), key=lambda item: (-item[1], item[0]))
    return [{"field": column, "name": name, "rows": count} for (column, name), count in ranked]
