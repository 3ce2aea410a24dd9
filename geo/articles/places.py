"""Toponyms in text: gazetteer matches with spans, the resolved place, candidates and a role.

Rules (``docs/article-review.md``, "Places"): longest n-gram first over accent- and case-folded
names; the mention must be capitalised; possessive 's is stripped; names inside organisation names
("Azawad Liberation Front") are not places; the role says what the place is to the story.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from data.config import DATA_DIR
from geo.articles.name_context import (
    GEOGRAPHIC_HEADS,
    MONTHS_AND_DAYS,
    PLURAL_REGION_SUFFIX,
    REGION_PREFIX,
    REGION_SUFFIX,
    inside_longer_name,
    part_of_a_name,
)
from geo.articles.roles import DATELINE, assign_role, is_reporting_location
from geo.articles.tokens import Token, capitalised, joined, tokenize
from geo.gazetteer.gazetteer import Gazetteer, Place
from geo.gazetteer.geocode import neighbours_of, rank_candidates

MAX_WORDS = 4
LEXICON_DIR = DATA_DIR / "lexicon"


def read_word_list(name: str) -> frozenset[str]:
    """A word list from ``data/datasets/lexicon/`` (one word a line, ``#`` comments)."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


ORG_HEADS = read_word_list("organisation_heads.txt")
# Lower-case words allowed inside a name ("Front for the Liberation of Macina", "Ansar al-Din").
CONNECTORS = {"of", "for", "the", "de", "du", "des", "la", "le", "al", "and"}
COMMON_WORDS = read_word_list("common_words.txt")


@dataclass
class PlaceMention:
    """A toponym mention, resolved (``place``) or not, with its role and alternatives."""

    mention: str
    start: int
    end: int
    role: str
    place: Place | None
    confidence: float
    candidates: list[Place] = field(default_factory=list)
    reason: str = ""


def _is_org_head(token: Token) -> bool:
    word = token.text.lower()
    return capitalised(token) and (word in ORG_HEADS or word.removesuffix("s") in ORG_HEADS)


def person_names(text: str, tokens: list[Token], gazetteer: Gazetteer) -> set[str]:
    """Place-like words used as the surname of a full name anywhere in the text.

    News copy names a person in full once ("Ibrahim Boubacar Keita") and by surname elsewhere,
    headline included ("Keita visits Ogossagou"): every such use is the person, not a place.
    """
    names = set()
    for index in range(1, len(tokens)):
        # "Tongo Tongo" repeats a word: a place name, not a first name and a surname; "Lake Chad" names water.
        if tokens[index - 1].text == tokens[index].text or _match_at(text, tokens, index - 1, gazetteer) > 1:
            continue
        if tokens[index - 1].text.lower() in GEOGRAPHIC_HEADS:
            continue
        if _match_at(text, tokens, index, gazetteer) == 1 and inside_longer_name(text, tokens, index):
            names.add(tokens[index].text)
    return names


def _connects(text: str, tokens: list[Token], index: int) -> bool:
    """Whether lower-case connectors from ``index`` lead on to a capitalised word of the same name.

    "Movement for the Salvation of Azawad": "for the" joins "Movement" to "Salvation".
    """
    while index < len(tokens) and tokens[index].text in CONNECTORS:
        if index + 1 == len(tokens) or not joined(text, tokens[index], tokens[index + 1]):
            return False
        index += 1
    return index < len(tokens) and capitalised(tokens[index])


def organisation_spans(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Spans of capitalised runs that name an organisation ("Gao Regional Council")."""
    spans, index = [], 0
    while index < len(tokens):
        if not capitalised(tokens[index]):
            index += 1
            continue
        end = index
        while end + 1 < len(tokens) and joined(text, tokens[end], tokens[end + 1]):
            if capitalised(tokens[end + 1]) or _connects(text, tokens, end + 1):
                end += 1
            else:
                break
        run = tokens[index : end + 1]
        if len(run) > 1 and any(_is_org_head(t) for t in run):
            spans.append((run[0].start, run[-1].end))
        index = end + 1
    return spans


def _match_at(text: str, tokens: list[Token], index: int, gazetteer: Gazetteer) -> int:
    """Number of tokens (longest first) from ``index`` that form a gazetteer name, or 0."""
    for size in range(min(MAX_WORDS, len(tokens) - index), 0, -1):
        words = tokens[index : index + size]
        if not all(joined(text, a, b) for a, b in itertools.pairwise(words)):
            continue
        if not all(capitalised(w) or w.text.lower() in CONNECTORS for w in words):
            continue
        name = text[words[0].start : words[-1].end]
        if size == 1 and name.lower() in COMMON_WORDS:
            continue
        if name in gazetteer:
            return size
    return 0


def _unresolved(text: str, start: int, end: int, lookup, theatre: str, neighbours: set[str]) -> PlaceMention:
    name = " ".join(text[start:end].split())
    if name.split()[0].lower() in GEOGRAPHIC_HEADS:
        return PlaceMention(name, start, end, "region", None, 0.0, reason="water or relief: an area")
    if REGION_PREFIX.search(text[max(0, start - 30) : start]):
        return PlaceMention(name, start, end, "region", None, 0.0, reason="an area named after its seat")
    suffix = REGION_SUFFIX.match(text[end:])
    if suffix:
        # "in Oudalan province": an area we cannot draw; say so rather than pin it as an event.
        end += suffix.end()
        return PlaceMention(" ".join(text[start:end].split()), start, end, "region", None, 0.0)
    place = lookup(name, theatre) if lookup else None
    if place is None:
        role = "reporting" if is_reporting_location(text, start) else "event"
        return PlaceMention(name, start, end, role, None, 0.0)
    role, confidence = assign_role(text, start, end, place, theatre, neighbours)
    return PlaceMention(name, start, end, role, place, round(confidence - 0.3, 2), [place])


def _resolve(name: str, gazetteer: Gazetteer, theatre: str) -> tuple[Place, list[Place], float]:
    ranked = rank_candidates(gazetteer.candidates(name), name, theatre)
    best = ranked[0]
    countries = {p.country for p in ranked if p.kind == best.kind}
    # Same name in several countries: the ranking chose, but say it was a choice.
    ambiguity = 0.0 if len(countries) == 1 else (0.1 if best.country == theatre else 0.3)
    return best, ranked[:5], ambiguity


LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|around|towards|from|"
    r"(?:towns?|villages?|city|cities|localities|hamlets|communes?|district|camp|outskirts|suburbs?) of)\s+"
    # "near Niger's Banibangou": a country's possessive between the locative and the name
    r"(?:[A-ZÀ-Ý][\w-]+['’]s\s+)?$",
    re.IGNORECASE,
)


# A list of names after a place: ", Bakorat and Wirsnat" (the list must end with "and" + a name).
_LIST_NEXT = re.compile(r"^(?:,\s+(?:and\s+)?|\s+and\s+)$")
_LIST_REST = re.compile(
    r"^[\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]*)?(?:,\s+[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?)*,?\s+and\s+[A-ZÀ-Ý]"
)


def _continues_list(text: str, token: Token, previous: PlaceMention | None) -> bool:
    """Whether ``token`` is the next name of a list that began with the place ``previous``."""
    if previous is None or not _LIST_NEXT.match(text[previous.end : token.start]):
        return False
    gap = text[previous.end : token.start]
    return "and" in gap or _LIST_REST.match(text[token.start :]) is not None


def _unresolved_at(text: str, tokens: list[Token], index: int, previous: PlaceMention | None = None) -> int:
    """Tokens from ``index`` forming a capitalised name that is a place the gazetteer lacks, or 0.

    A name after a locative ("near Zorgho", "the villages of Intazayene"), the next name of a list
    that began with a place ("Intazayene, Bakorat and Wirsnat"), an area named with its suffix
    ("the Centre-Nord region") or water and relief ("Lake Chad").
    """
    token = tokens[index]
    if not capitalised(token) or token.text.lower() in COMMON_WORDS | MONTHS_AND_DAYS:
        return 0
    size = _name_length(text, tokens, index)
    after = text[tokens[index + size - 1].end :]
    suffix = REGION_SUFFIX.match(after)
    if suffix and suffix.group(2).islower():
        return size
    if token.text.lower() in GEOGRAPHIC_HEADS and size > 1:
        return size
    if _continues_list(text, token, previous):
        return size
    if not LOCATIVE.search(text[max(0, token.start - 40) : token.start]):
        return 0
    return size


def _name_length(text: str, tokens: list[Token], index: int) -> int:
    """How many capitalised tokens run from ``index``, each ``joined`` to the one before."""
    size = 1
    while (
        index + size < len(tokens)
        and capitalised(tokens[index + size])
        and joined(text, tokens[index + size - 1], tokens[index + size])
    ):
        size += 1
    return size


def find_places(
    text: str, gazetteer: Gazetteer, theatre: str = "ML", lookup: Callable[[str, str], Place | None] | None = None
) -> list[PlaceMention]:
    """Every toponym mention in ``text`` with its resolved place and role.

    Parameters
    ----------
    text : str
        Article text.
    gazetteer : Gazetteer
        The offline gazetteer.
    theatre : str
        ISO2 code of the article's focus country: preferred for ambiguous names.
    lookup : callable, optional
        ``lookup(name, theatre) -> Place | None`` for names the gazetteer lacks (the online
        geocoder when it is on). Without one, or when it finds nothing, such a name is reported
        unresolved (``place`` is ``None``), never guessed.

    Returns
    -------
    list of PlaceMention
        In text order. Names inside organisation names are left out.
    """
    tokens = tokenize(text)
    organisations = organisation_spans(text, tokens)
    neighbours = neighbours_of(theatre)
    people = person_names(text, tokens, gazetteer)
    mentions, index = [], 0
    while index < len(tokens):
        size = _match_at(text, tokens, index, gazetteer)
        if size and (tokens[index].text in people or part_of_a_name(text, tokens, index, size)):
            index += size
            continue
        if not size:
            size = _unresolved_at(text, tokens, index, mentions[-1] if mentions else None)
            if size and any(a <= tokens[index].start < b for a, b in organisations):
                index += size
                continue
            if size:
                mentions.append(
                    _unresolved(text, tokens[index].start, tokens[index + size - 1].end, lookup, theatre, neighbours)
                )
            index += max(size, 1)
            continue
        start, end = tokens[index].start, tokens[index + size - 1].end
        index += size
        if any(a <= start and end <= b for a, b in organisations):
            continue
        mentions.append(_resolved_mention(text, start, end, gazetteer, theatre, neighbours))
    return refine_roles(text, _districts(text, mentions))


# "the Hamdallaye ACI 2000 neighbourhood of Bamako", "the Faladié district of Bamako": the city.
_DISTRICT = re.compile(
    r"((?:[A-ZÀ-Ý][\w'’-]*|\d+)(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|\d+)){0,3})\s+"
    r"(?:neighbou?rhood|district|quarter|suburb|area)\s+of\s+$"
)


def _districts(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A district named before its city is a mention of the city (not a same-name village elsewhere)."""
    result = list(mentions)
    for city in mentions:
        if city.place is None or city.place.kind != "point":
            continue
        match = _DISTRICT.search(text[max(0, city.start - 80) : city.start])
        if not match:
            continue
        start = max(0, city.start - 80) + match.start(1)
        end = start + len(match.group(1))
        result = [m for m in result if not (m.start < end and start < m.end)]
        name = " ".join(match.group(1).split())
        reason = f"district of {city.place.name}: the event is in the city"
        district = PlaceMention(name, start, end, city.role, city.place, city.confidence, city.candidates, reason)
        result.append(district)
    return sorted(result, key=lambda m: m.start)


def refine_roles(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Let the dependency parse decide each town's and country's role, with the reason in words.

    Without the parser (``geo.articles.structure.parse`` gives ``None``) the word rules stand.
    """
    from geo.articles.structure import country_role, in_reported_clause, parse, town_role

    doc = parse(text)
    first_line_end = text.find("\n") if "\n" in text else len(text)
    decided = []
    for mention in mentions:
        found = None
        kind = mention.place.kind if mention.place else "point"
        dateline = mention.start < first_line_end and mention.mention.isupper() and DATELINE.match(text)
        if dateline:
            mention.reason = "dateline: where the copy was filed"
        elif doc is not None and mention.role != "region" and kind != "region":
            if kind == "country":
                found = country_role(doc, mention.start, mention.end)
            else:
                found = town_role(doc, mention.start, mention.end, bool(mention.place and mention.place.capital))
        if (
            not found
            and doc is not None
            and mention.role == "reporting"
            and is_reporting_location(text, mention.start)
            and in_reported_clause(doc, mention.start, mention.end)
        ):
            found = "event", "inside what is reported: the scene, not where it was said"
        if found:
            mention.role, mention.reason = found
        elif not mention.reason:
            mention.reason = DEFAULT_REASONS.get(mention.role, "")
        decided.append(mention)
    # A distance anchor, a place described or where people fled ("fled towards Ménaka") that is an
    # event place elsewhere in the article stays an event place.
    events = {m.place.name for m in decided if m.role == "event" and m.place}
    for mention in decided:
        weak = mention.reason.startswith(("distance", "subject of", "where '"))
        if mention.role == "context" and weak and mention.place and mention.place.name in events:
            mention.role, mention.reason = "event", "described or a distance anchor, and an event place elsewhere"
    return decided


DEFAULT_REASONS = {
    "event": "a town in the theatre, no reporting or context word governs it",
    "reporting": "after a word of saying, or far from the theatre",
    "actor": "stands for a government that acts",
    "country": "a country named as background",
    "region": "an area",
    "context": "context",
}


def _resolved_mention(text: str, start: int, end: int, gazetteer: Gazetteer, theatre: str, neighbours) -> PlaceMention:
    name = " ".join(text[start:end].split())
    place, candidates, ambiguity = _resolve(name, gazetteer, theatre)
    suffix = REGION_SUFFIX.match(text[end:])
    if suffix:
        # "the Mopti region": the area, drawn as its polygon when the gazetteer has one.
        place = next((c for c in candidates if c.kind == "region" and c.country == place.country), place)
        if place.kind != "region" and place.country != theatre:
            place = None  # "Soum province" in a Burkina article is not the town of Soum in Senegal
        end += suffix.end()
        return PlaceMention(" ".join(text[start:end].split()), start, end, "region", place, 0.85, candidates)
    plural_suffix = re.match(r"\s+(?:regions|provinces|districts|cercles|departments|communes)\b", text[end:])
    if (
        REGION_PREFIX.search(text[max(0, start - 30) : start])
        or PLURAL_REGION_SUFFIX.match(text[end:])
        or plural_suffix
    ):
        # "the rural commune of Sangha", "the Barsalogho and Arbinda communes": the area around the town.
        reason = "an area named after its seat"
        return PlaceMention(name, start, end, "region", place, 0.8, candidates, reason)
    role, confidence = assign_role(text, start, end, place, theatre, neighbours)
    return PlaceMention(name, start, end, role, place, round(confidence - ambiguity, 2), candidates)
