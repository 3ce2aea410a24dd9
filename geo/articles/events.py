"""Draft events from an article: one candidate per sentence that reports something happening.

Each candidate carries the sentence it came from, the best honest place (a town; else the region
or country, flagged ``geo_precision`` 3), the date with its precision, the actors, an ACLED type
guess, a stated death toll, and a confidence. A person reviews every candidate before it is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.articles.actors import ActorMention
from geo.articles.dates import DateMention
from geo.articles.places import PlaceMention

BATTLES, REMOTE, CIVILIANS, STRATEGIC = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)
_RETREAT = r"\b(?:retreat|withdr[ae]w|withdrawal|pulled out|pull out|pull back)\w*\b"
_COMBAT = r"\b(?:attack|offensive|fighting|firepower|forced)"
_VICTIMS = r"\bcivilians? (?:were |was )?killed|\bvillagers\b.*\bkilled|\bkilled\b.*\b(?:civilians|villagers)"
_IED = r"\bcar bomb|\bIEDs?\b|\broadside bomb|\blandmines?\b|\bexplosive device"
# (pattern, event type, sub-event type), most specific first; the first match decides.
TRIGGERS = (
    (r"\b(?:drone|air)\s*strikes?\b|\bairstrikes?\b", REMOTE, "Air/drone strike"),
    (r"\bsuicide (?:bomb|attack|car)", REMOTE, "Suicide bomb"),
    (_IED, REMOTE, "Remote explosive/landmine/IED"),
    (r"\bshell(?:ed|ing)\b|\bmortars?\b|\brockets?\b|\bartillery\b", REMOTE, "Shelling/artillery/missile attack"),
    (r"\bkidnapp|\babduct|\bhostages?\b", CIVILIANS, "Abduction/forced disappearance"),
    (r"\bmassacre|\bexecuted\b|" + _VICTIMS, CIVILIANS, "Attack"),
    (r"\b(?:retook|recaptured|regained|retake|recapture)\b", BATTLES, "Government regains territory"),
    (_RETREAT + ".*" + _COMBAT + "|" + _COMBAT + r"\w*\b.*" + _RETREAT, BATTLES, "Non-state actor overtakes territory"),
    (r"\b(?:seized|captured|overran|took control|fell to|overrun)\b", BATTLES, "Non-state actor overtakes territory"),
    (r"\b(?:clash|fighting|fought|attack|ambush|offensive|assault|battle|killed)\w*", BATTLES, "Armed clash"),
    (_RETREAT + r"|\bleft the\b|\bhanded over\b", STRATEGIC, "Non-violent transfer of territory"),
    (r"\bprotest\w*|\bdemonstrat\w*|\bmarched\b", "Protests", "Peaceful protest"),
    (r"\briot\w*", "Riots", "Violent demonstration"),
    (r"\barrest\w*|\bdetained\b", STRATEGIC, "Arrests"),
    (r"\bagreement\b|\baccord\b|\bceasefire\b|\bsigned\b", STRATEGIC, "Agreement"),
    (r"\b(?:founded|formed|dissolved|merged)\b", STRATEGIC, "Change to group/activity"),
)
_TRIGGERS = tuple((re.compile(p, re.IGNORECASE), t, s) for p, t, s in TRIGGERS)
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {word: number for number, word in enumerate(_SMALL_NUMBERS.split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "a hundred": 100, "hundred": 100})
_COUNT = r"(\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_TOLLS = (
    re.compile(
        _COUNT + r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|have been|had been|are|being)?\s*"
        r"(?:killed|dead|died|slain|massacred|executed)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bkill(?:ed|ing)\s+(?:at least\s+|more than\s+|some\s+|about\s+)?" + _COUNT + r"\b", re.IGNORECASE),
    re.compile(r"\bdeath toll\s+(?:of|rose to|reached|stood at|to)\s+" + _COUNT, re.IGNORECASE),
)
_ONE_DEATH = re.compile(r"\b(?:a|the|one|an)\s+(?:[\w'-]+\s+){0,4}?(?:was|has been)\s+killed\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence ends at . ! or ? (and a closing quote) before white space; lines wrap inside it.
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"”’']?(?=\s|$)|$)", re.DOTALL)
_QUOTES = "\"“'‘"


@dataclass
class EventCandidate:
    """A draft event: everything a reviewer needs to accept, edit or reject it."""

    sentence: str
    start: int
    end: int
    event_type: str
    sub_event_type: str
    actors: list[str]
    date: DateMention | None
    place: PlaceMention | None
    fatalities: int | None
    confidence: float
    notes: list[str] = field(default_factory=list)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences; a blank line also ends one (headlines and captions stand alone)."""
    spans, offset = [], 0
    for paragraph in _PARAGRAPH.split(text):
        start = text.index(paragraph, offset)
        spans += [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(paragraph)]
        offset = start + len(paragraph)
    return spans


def classify(sentence: str) -> tuple[str, str, int] | None:
    """``(event_type, sub_event_type, position of the trigger)`` the wording points to, if any."""
    for pattern, event_type, sub_event_type in _TRIGGERS:
        match = pattern.search(sentence)
        if match:
            return event_type, sub_event_type, match.start()
    return None


def stated_fatalities(sentence: str) -> int | None:
    """A death toll stated in the sentence ("at least 64 people were killed"), else ``None``."""
    for pattern in _TOLLS:
        match = pattern.search(sentence)
        if match:
            word = match.group(1).lower().replace(",", "")
            return int(word) if word.isdigit() else NUMBER_WORDS.get(word)
    return 1 if _ONE_DEATH.search(sentence) else None


def _inside(start: int, end: int, items: list) -> list:
    return [item for item in items if start <= item.start < end]


def _nearest(items: list, position: int):
    return min(items, key=lambda item: abs(item.start - position)) if items else None


def _event_place(places: list[PlaceMention], position: int) -> PlaceMention | None:
    """The town nearest the trigger where something happened; else a named region; else none."""
    for role in ("event", "region"):
        found = _nearest([m for m in places if m.role == role and m.place is not None], position)
        if found:
            return found
    return None


def _confidence(has_town: bool, own_date: DateMention | None, actors: list[str], quoted: bool) -> float:
    # A day-level date of its own counts fully; "in 2012" or "since 2022" hardly dates an event.
    dated = 0.0 if own_date is None else (0.2 if own_date.resolved.precision in ("day", "range", "week") else 0.05)
    score = 0.4 + 0.25 * has_town + dated + 0.15 * bool(actors) - 0.2 * quoted
    return round(min(score, 0.95), 2)


def _notes(own_date: bool, any_date: bool, has_place: bool, quoted: bool) -> list[str]:
    notes = []
    if not own_date:
        notes.append("date carried from an earlier sentence" if any_date else "no date stated")
    if not has_place:
        notes.append("no place stated: country level")
    if quoted:
        notes.append("quoted statement")
    return notes


def _attacker_first(doc, mentions: list[ActorMention]) -> list[str]:
    """Actor names in text order, except that the side the parse shows attacking comes first."""
    from geo.articles.structure import actor_side

    sides = {m.actor: actor_side(doc, m.start, m.end) if doc is not None else None for m in mentions}
    names = list(dict.fromkeys(m.actor for m in mentions))
    rank = {"attacker": 0, None: 1, "target": 2}
    return sorted(names, key=lambda name: rank[sides[name]])


def _toll_of(sentence_tolls: list, fallback: int | None) -> int | None:
    """The sentence's deaths from the parsed tolls (the lowest stated figure), else the word rule."""
    deaths = [t for t in sentence_tolls if t.category in ("killed", "neutralised")]
    if not deaths:
        return fallback if not sentence_tolls else None
    figures = [t.low if t.low is not None else t.high for t in deaths]
    return max((f for f in figures if f is not None), default=None)


def extract_events(
    text: str,
    places: list[PlaceMention],
    actors: list[ActorMention],
    dates: list[DateMention],
    tolls: list | None = None,
) -> list[EventCandidate]:
    """One candidate per sentence that reports an event.

    The date is the phrase nearest the trigger word; a sentence without one takes the latest date
    phrase before it (news copy keeps its time frame) and says so. The place is the town nearest
    the trigger, else the region the sentence names, else none (country level).
    """
    from geo.articles.structure import is_statement, parse

    doc = parse(text)
    candidates, last_date = [], None
    for start, end in sentences(text):
        sentence = text[start:end]
        in_sentence = _inside(start, end, dates)
        # Dates of what is still to come date no event; a statement's date is only a fallback.
        own_dates = [d for d in in_sentence if d.kind != "future"]
        statements = [d for d in own_dates if doc is not None and is_statement(doc, d.start, d.end)]
        event_dates = [d for d in own_dates if d not in statements]
        kind, fatalities = classify(sentence), stated_fatalities(sentence)
        if tolls:
            fatalities = _toll_of(_inside(start, end, tolls), fatalities)
        trigger = start + (kind[2] if kind else 0)
        when = _nearest(event_dates, trigger) or _nearest(statements, trigger) or last_date
        statement_fallback = when is not None and when in statements
        last_date = (event_dates or own_dates or [last_date])[-1]
        if kind is None and fatalities is None:
            continue
        if in_sentence and not own_dates:
            continue  # "a summit is to be held on Sunday": not an event
        kind = kind or (BATTLES, "Armed clash", 0)
        place = _event_place(_inside(start, end, places), trigger)
        who = _attacker_first(doc, _inside(start, end, actors))
        quoted = sentence.lstrip()[:1] in _QUOTES
        town = place is not None and place.role == "event"
        candidates.append(
            EventCandidate(
                " ".join(sentence.split()),
                start,
                end,
                kind[0],
                kind[1],
                who,
                when,
                place,
                fatalities,
                _confidence(town, _nearest(own_dates, trigger), who, quoted),
                _notes(bool(own_dates), when is not None, place is not None, quoted)
                + (["statement date (fallback): the event's own date is not stated"] if statement_fallback else []),
            )
        )
    return candidates
