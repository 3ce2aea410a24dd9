"""Whether a place-like word is really part of a longer proper name, from the words around it."""

from __future__ import annotations

import calendar
import re

from geo.articles.tokens import Token, capitalised, joined

MONTHS_AND_DAYS = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.day_name))
REGION_SUFFIX = re.compile(
    r"^(\s+)(region|zone|province|district|circle|cercle|department|d[ée]partement|commune|prefecture)\b", re.IGNORECASE
)
# "the commune of Sangha", "the department of Tillia": the area, named after its seat.
REGION_PREFIX = re.compile(
    r"\b(?i:the|a)\s+(?i:rural\s+|urban\s+)?(?i:region|province|district|cercle|circle|department|commune|prefecture)"
    r"\s+of\s+$"
)
# "the Barsalogho and Arbinda communes": an area suffix in the plural after a list of names.
PLURAL_REGION_SUFFIX = re.compile(
    r"^(?:,\s*[A-ZÀ-Ý][\w'’-]*)*,?\s+and\s+[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?\s+"
    r"(?:regions|provinces|districts|cercles|departments|communes|prefectures)\b"
)
# Names of water and relief: "Lake Chad", "the Niger River", "Mount Hombori".
GEOGRAPHIC_HEADS = frozenset({"lake", "river", "mount", "mountains", "gulf", "cape", "plateau", "valley"})


def inside_longer_name(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a match is the tail of a longer proper name ("Ibrahim Boubacar Keita").

    A capitalised word joined to it from the left (not a sentence's first word) makes it part of a
    person's or an organisation's name, not a place.
    """
    if index == 0:
        return False
    before = tokens[index - 1]
    if not capitalised(before) or not joined(text, before, tokens[index]):
        return False
    sentence_start = index == 1 or text[tokens[index - 2].end : before.start].strip()[-1:] in (
        ".",
        "!",
        "?",
        ":",
        '"',
        "“",
    )
    return not sentence_start and not _in_title_case_line(text, before.start)


def _starts_longer_name(text: str, tokens: list[Token], after: int) -> bool:
    """Whether a match is the head of a longer proper name ("Vladimir Putin", "the Niger River").

    A capitalised word right after it on the same line makes it a first name or part of another
    name, unless that word is a day, a month or an area suffix ("Gao Tuesday", "Kidal Region"), or
    the line is a title-case headline ("Jihadists Storm Djibo Army Base").
    """
    if after >= len(tokens):
        return False
    following = tokens[after]
    if not capitalised(following) or "\n" in text[tokens[after - 1].end : following.start]:
        return False
    if not joined(text, tokens[after - 1], following) or following.text.lower() in MONTHS_AND_DAYS:
        return False
    return not REGION_SUFFIX.match(" " + following.text) and not _in_title_case_line(text, following.start)


def part_of_a_name(text: str, tokens: list[Token], index: int, size: int) -> bool:
    """Whether the match of ``size`` tokens at ``index`` is a piece of a longer proper name."""
    return inside_longer_name(text, tokens, index) or _starts_longer_name(text, tokens, index + size)


def _in_title_case_line(text: str, position: int) -> bool:
    """Whether ``position`` is in a headline written in title case: no full stop, most words capitalised."""
    line = text[text.rfind("\n", 0, position) + 1 : (text.find("\n", position) + 1 or len(text) + 1) - 1].strip()
    words = [word for word in line.split() if len(word) > 3]
    capitals = sum(word[:1].isupper() for word in words)
    return not line.endswith((".", "!", "?")) and len(words) >= 3 and capitals >= 0.75 * len(words)
