"""Actor mentions: a small sourced dictionary of the theatre's actors and their aliases.

The dictionary is ``data/datasets/actors.csv`` (actor, ACLED actor type, aliases, source); add a row or an
alias there to teach the extractor a new name.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from data.config import DATA_DIR


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its ACLED type and every name it goes by."""

    name: str
    acled_type: str
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text: the words used, where, and who they refer to."""

    mention: str
    start: int
    end: int
    actor: str
    acled_type: str


@functools.lru_cache(maxsize=2)
def load_actors(path: Path = DATA_DIR / "actors.csv") -> tuple[Actor, ...]:
    """Read the actor dictionary."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        Actor(row["actor"], row["acled_type"], tuple(a for a in row["aliases"].split("|") if a), row["source"])
        for row in rows
    )


@functools.lru_cache(maxsize=2)
def _pattern(actors: tuple[Actor, ...]) -> tuple[re.Pattern, dict[str, Actor]]:
    by_alias: dict[str, Actor] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            by_alias.setdefault(alias.casefold(), actor)
    # Longest alias first, so "Russia's Africa Corps" wins over "Africa Corps".
    alternatives = sorted(by_alias, key=len, reverse=True)
    # Any run of white space (news copy wraps lines mid-name) matches a space in an alias.
    escaped = (re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    regex = r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])"
    return re.compile(regex, re.IGNORECASE), by_alias


def _case_ok(found: str, actor: Actor) -> bool:
    # Acronyms ("FLA", "CSP") only in capitals: "csp" or "Fla" in prose is something else.
    names = [n for n in (actor.name, *actor.aliases) if n.casefold() == found.casefold()]
    return any(not name.isupper() or found == name for name in names)


@functools.lru_cache(maxsize=2)
def load_periods(path: Path = DATA_DIR / "actor_periods.csv") -> tuple[tuple[str, str, str], ...]:
    """``(actor, until, earlier actor)`` rows: a generic name meant the earlier actor up to ``until``."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple((row["actor"], row["until"], row["earlier_actor"]) for row in csv.DictReader(handle))


def actor_in_period(actor: str, when) -> str:
    """The actor a generic name ("Russian mercenaries", "Tuareg rebels") meant at the date ``when``.

    Rows chain back in time: "Tuareg rebels" in 2013 is the MNLA (FLA -> CSP-DPA -> CMA -> MNLA).
    """
    if when is None:
        return actor
    day = when.isoformat()
    changed = True
    while changed:
        changed = False
        for name, until, earlier in load_periods():
            if name == actor and day <= until:
                actor, changed = earlier, True
    return actor


def find_actors(text: str, actors: tuple[Actor, ...] | None = None, published=None) -> list[ActorMention]:
    """Every actor mention in ``text``, in order, longest alias first where they overlap.

    With ``published``, a generic alias names the actor of that time (``data/datasets/actor_periods.csv``):
    "Russian mercenaries" in 2024 is the Wagner Group, after mid-2025 the Africa Corps. A group's own
    name ("Africa Corps", "CMA") is kept as written.

    Examples
    --------
    >>> [m.actor for m in find_actors("Al-Qaeda-linked militants and Tuareg rebels attacked.")]
    ['JNIM', 'FLA']
    """
    pattern, by_alias = _pattern(actors or load_actors())
    mentions = []
    for match in pattern.finditer(text):
        found = " ".join(match.group(0).split())
        actor = by_alias[found.casefold()]
        if _case_ok(found, actor):
            own_name = found.casefold() == actor.name.casefold() or found.isupper()
            name = actor.name if own_name else actor_in_period(actor.name, published)
            kind = next((a.acled_type for a in load_actors() if a.name == name), actor.acled_type)
            mentions.append(ActorMention(found, match.start(), match.end(), name, kind))
    return mentions
