"""What a place is to the story: where something happened, where it was said, who acted.

Pure functions over the text around a mention; ``geo.articles.places`` calls them.
"""

from __future__ import annotations

import re

from geo.gazetteer.gazetteer import Place

REPORTING_CUE = re.compile(
    r"\b(?:told|tells|said|says|saying|speaking|spoke|reported|reporting|statement|interview|"
    r"conference|briefing|wrote|announced|quoted|reporters|journalists|broadcast|television|radio|"
    r"message|ambassador|envoy|spokes(?:man|woman|person)|officials?|councillor|correspondent)\b"
    # ... but not across a reported clause: "told AFP that 70 were killed in Tchoma Bangou" is the event.
    r"(?:(?!\b(?:that|were|was|been|had|have|has)\b)[^.;!?]){0,50}"
    r"\b(?:in|from|at)\s+$",
    re.IGNORECASE,
)
# A capital standing for its government: "asked Paris for help", "between Bamako and the rebels".
GOVERNMENT_CUE = re.compile(
    r"\b(?:asked|asking|accus(?:ed|ing)|urged|urging|pressed|blamed|blaming|between|warned|with)\s+$", re.IGNORECASE
)
# An upper-case dateline opening the copy: "BAMAKO (AFP) -" or "NIAMEY, 3 May -".
DATELINE = re.compile(r"^\s*[A-ZÀ-Ý' -]{3,}(?:,[^\n]{0,30})?\s*(?:\(|—|–|-)")
AGENT_NOUNS = {
    "government",
    "defence",
    "defense",
    "ministry",
    "army",
    "forces",
    "troops",
    "president",
    "foreign",
    "military",
    "junta",
    "authorities",
    "embassy",
    "prime",
    "envoy",
    "officials",
    "soldiers",
    "navy",
    "air",
    "intelligence",
    "leader",
    "leaders",
    "mercenaries",
    "diplomats",
    "parliament",
}
ACTOR_VERBS = {
    "said",
    "says",
    "confirmed",
    "denied",
    "announced",
    "rejected",
    "sent",
    "deployed",
    "withdrew",
    "mediated",
    "condemned",
    "accused",
    "called",
    "urged",
    "warned",
    "has",
    "have",
    "had",
    "will",
    "would",
    "supported",
    "backed",
    "expelled",
    "agreed",
    "signed",
    "demanded",
    "asked",
    "pledged",
}


def _next_word(text: str, end: int) -> str:
    match = re.match(r"(?:['’]s)?\s+([^\W\d_]+)", text[end:])
    return match.group(1) if match else ""


def country_acts(text: str, start: int, end: int) -> bool:
    """Whether the country acts ("Russia's defence ministry", "France said") rather than locates."""
    possessive = re.match(r"['’]s\b", text[end:]) is not None
    word = _next_word(text, end)
    if possessive and (word.lower() in AGENT_NOUNS or word[:1].isupper()):
        return True
    return word.lower() in ACTOR_VERBS


def is_reporting_location(text: str, start: int) -> bool:
    """Whether a statement was made there ("told AFP in Paris"), or it opens the copy as a dateline."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n\n", 0, start)) + 1
    if REPORTING_CUE.search(text[sentence_start:start]):
        return True
    first_line_end = text.find("\n")
    in_first_line = first_line_end == -1 or start < first_line_end
    return in_first_line and text[start : start + 3].isupper() and DATELINE.match(text) is not None


def assign_role(text: str, start: int, end: int, place: Place, theatre: str, neighbours: set[str]) -> tuple[str, float]:
    """``(role, confidence)`` of a resolved mention.

    Regions are regions; countries are actors when they act, else background; towns are reporting
    locations after a reporting cue, and towns far from the theatre are taken for where a
    statement came from (never an event pin) with lower confidence.
    """
    if place.kind == "region":
        return "region", 0.9
    if place.kind == "country":
        return ("actor", 0.85) if country_acts(text, start, end) else ("country", 0.9)
    if is_reporting_location(text, start):
        return "reporting", 0.85
    if place.capital and (country_acts(text, start, end) or GOVERNMENT_CUE.search(text[max(0, start - 30) : start])):
        return "actor", 0.7
    if place.country not in neighbours:
        return "reporting", 0.5
    confidence = 0.9 if place.country == theatre else 0.75
    return "event", confidence - (0.15 if place.approximate else 0.0)
