"""Tolls: how many were killed, wounded, missing or taken, as a low and high figure (UCDP style).

Numbers are read in digits and words ("Forty-two", "more than eighty", "about 150", "dozens",
"between 20 and 30"); the dependency parse says what a number counts: the verb it is the object or
subject of ("killed 77", "27 soldiers died"), or the word beside it ("47 dead", "56 bodies").
Years, ages, distances and vehicles are never tolls. Without the parser no toll is read here (the
events keep their word-rule toll).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.articles.structure import parse

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_UNITS = _UNIT_WORDS.split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORDS = {word: value for value, word in enumerate(_UNITS)} | _TENS | {"a dozen": 12, "dozen": 12, "a hundred": 100}
WORDS |= {"hundred": 100, "a thousand": 1000, "thousand": 1000}
_WORD = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + "|".join(_UNITS[1:10])
    + r"))?|"
    + "|".join(sorted((w for w in WORDS if w not in _TENS), key=len, reverse=True))
    + ")"
)
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD})"
_HEDGE = (
    r"(?:at least|more than|over|some|about|around|nearly|almost|roughly|approximately|an estimated|"
    r"up to|as many as|at most|fewer than|less than)"
)
QUANTITY = re.compile(
    rf"\b(?:(?P<between>between)\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})"
    rf"|(?P<vague>dozens|scores|hundreds|thousands)"
    rf"|(?:(?P<hedge>{_HEDGE})\s+)?(?P<number>{_NUMBER}))\b",
    re.IGNORECASE,
)
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
NOT_COUNTED = re.compile(
    r"^\s*(?:-|\s)?(?:km|kilomet|kilometr|miles?\b|metres?|meters?|hours?|days?|weeks?|months?|years?|"
    r"minutes?|per\s?cent|%|vehicles?|lorries|trucks?|buses|minibuses|motorcycles|motorbikes|rooms?|"
    r"year-old|kg|tonnes?|times\b|a\.m|am\b|pm\b|o'clock|villages?\b|towns?\b|camps?\b)",
    re.IGNORECASE,
)
KILLED = {
    "kill",
    "massacre",
    "execute",
    "slay",
    "murder",
    "die",
    "dead",
    "body",
    "victim",
    "death",
    "slaughter",
    "behead",
    "lose",
    "bury",
    "burial",
    "funeral",
    "toll",
}
# Verbs whose subject does the killing: "a few dozen fighters killed ..." counts no victims.
TRANSITIVE = {"kill", "massacre", "execute", "slay", "murder", "wound", "injure", "neutralise", "neutralize", "abduct"}
# "the insurgency has killed thousands": a running total, not this event's toll.
CUMULATIVE = {"insurgency", "violence", "conflict", "war", "crisis", "fighting", "unrest", "rebellion", "jihadism"}
NEUTRALISED = {"neutralise", "neutralize", "neutralised", "neutralized"}
WOUNDED = {"wound", "injure", "hurt", "wounded", "injured"}
MISSING = {"missing", "miss", "disappear", "unaccounted"}
HOSTAGES = {"hostage", "abduct", "kidnap", "seize", "capture", "hold", "take"}


@dataclass(frozen=True)
class TollMention:
    """A stated toll: its words, span, low and high figure (``None`` = open), hedge and category."""

    phrase: str
    start: int
    end: int
    low: int | None
    high: int | None
    hedge: str
    category: str  # killed, wounded, missing, hostages, neutralised


def number_value(word: str) -> int | None:
    """The value of a number in digits or words ("1,200", "Forty-two", "a dozen")."""
    word = " ".join(word.lower().replace(",", "").split())
    if word.isdigit():
        return int(word)
    if word in WORDS:
        return WORDS[word]
    parts = re.split(r"[-\s]", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in WORDS:
        return _TENS[parts[0]] + WORDS[parts[1]]
    return None


def _bounds(match: re.Match) -> tuple[int | None, int | None, str] | None:
    if match["between"]:
        low, high = number_value(match["low"]), number_value(match["high"])
        return low, high, "between"
    if match["vague"]:
        return VAGUE[match["vague"].lower()], None, match["vague"].lower()
    value = number_value(match["number"])
    if value is None:
        return None
    hedge = (match["hedge"] or "exact").lower()
    if hedge in ("at least", "an estimated"):
        return value, None, hedge
    if hedge in ("more than", "over"):
        return value + 1, None, "more than"
    if hedge in ("up to", "as many as", "at most"):
        return None, value, "up to"
    if hedge in ("fewer than", "less than"):
        return None, value - 1, "up to"
    return value, value, "about" if hedge != "exact" else "exact"


def _is_year_or_age(text: str, match: re.Match) -> bool:
    number = match["number"] or ""
    if number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100:
        return True
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return bool(re.search(r"\b(?:aged|age of|ages of)\s+$", before))


def _category_word(token) -> str | None:
    lemma = (token.lemma_ or token.text).lower()
    text = token.lower_
    if lemma in NEUTRALISED or text in NEUTRALISED:
        return "neutralised"
    if lemma in KILLED or text in KILLED:
        return "killed"
    if lemma in WOUNDED or text in WOUNDED:
        return "wounded"
    if lemma in MISSING or text in MISSING:
        return "missing"
    if lemma in HOSTAGES or text in ("hostage", "hostages"):
        return "hostages"
    return None


def _from_preps(token) -> str | None:
    """The category a preposition's object names ("among the dead", "of wounded")."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "among")):
        for obj in prep.children:
            found = _category_word(obj)
            if found and found != "hostages":
                return found
    return None


def _with_alternative(verb, found: str) -> str:
    """Both categories when the verb says "killed or wounded"."""
    alternative = any(c.lower_ == "or" for c in verb.children)
    if (
        found == "killed"
        and alternative
        and any(c.dep_ == "conj" and _category_word(c) == "wounded" for c in verb.children)
    ):
        return "killed or wounded"
    return found


def _category_word_text(word: str) -> str:
    return "wounded" if word in ("wounded", "injured") else "missing" if word == "missing" else "killed"


def _category(tokens) -> str | None:
    """What the number counts, from its noun, the words beside it and the verb governing it."""
    number = tokens[-1]
    while number.dep_ == "conj" and number.head in tokens:  # "between 20 and 30 villagers"
        number = number.head
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    while noun.dep_ in ("nummod", "quantmod") and noun.head is not noun:
        noun = noun.head
    if noun.dep_ == "appos" and any(c.lower_ == "of" for c in noun.children):
        return None  # "35 civilians, 31 of them women": a share of the toll beside it
    # "47 dead", "56 bodies", "dozens of wounded", "115 wounded", "soldiers killed in attack"
    for candidate in (noun, *noun.children):
        if candidate.dep_ in ("amod", "acomp", "compound", "acl") or candidate is noun:
            found = _category_word(candidate)
            if found and found != "hostages":
                return found
    found = _from_preps(noun)
    if found:
        return found
    for other in noun.conjuncts:  # "35 civilians and seven troops killed"
        for child in other.children:
            if child.dep_ in ("acl", "amod") and _category_word(child) not in (None, "hostages"):
                return _category_word(child)
    argument = noun
    while argument.dep_ in ("conj", "appos") and argument.head is not argument:
        argument = argument.head
    if argument.head.lower_ == "including" or (argument.dep_ == "pobj" and argument.head.lower_ == "including"):
        return None  # "including 50 women": a share of a toll stated beside it
    verb = argument.head
    if argument.dep_ == "nsubj" and (verb.lemma_ or "").lower() in TRANSITIVE:
        return None  # the killers, not the dead
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any((c.lemma_ or "").lower() in CUMULATIVE for c in subjects):
        return None
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)
    if perfect and any(c.lower_ == "since" for c in verb.children):
        return None  # "it has since killed hundreds": a running total
    if argument.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "ROOT", "pobj"):
        if argument.dep_ == "pobj":
            verb = verb.head
        found = _category_word(verb)
        if found == "hostages" and argument.dep_ not in ("dobj", "nsubjpass"):
            found = None
        if found:
            return _with_alternative(verb, found)
        found = _from_preps(verb)
        if found:
            return found
        # "three were still missing", "Two attackers were shot dead", "left 20 dead"
        for child in verb.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "advcl", "dobj") and child is not argument:
                found = _category_word(child)
                if found and found != "hostages":
                    return found
        if (verb.lemma_ or "").lower() in ("shoot", "gun") and argument.dep_ in ("nsubjpass", "dobj"):
            return "killed"
    return None


def find_tolls(text: str) -> list[TollMention]:
    """Every stated toll in ``text``; an empty list when the parser is unavailable."""
    doc = parse(text)
    if doc is None:
        return []
    tolls: list[TollMention] = []
    for match in QUANTITY.finditer(text):
        if _is_year_or_age(text, match) or NOT_COUNTED.match(text[match.end() :]):
            continue
        bounds = _bounds(match)
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if bounds is None or span is None or not len(span):
            continue
        after = re.match(r"\s+(killed|dead|died|wounded|injured|missing)\b", text[match.end() :])
        category = _category_word_text(after.group(1)) if after else _category(list(span))
        if category is None:
            continue
        low, high, hedge = bounds
        tolls.append(
            TollMention(text[match.start() : match.end()], match.start(), match.end(), low, high, hedge, category)
        )
    return _sum_conjoined(text, tolls)


def _sum_conjoined(text: str, tolls: list[TollMention]) -> list[TollMention]:
    """Parts and their sum: "35 civilians and seven troops killed" gives 35, 7 and 42."""
    merged: list[TollMention] = []
    last = None
    for toll in tolls:
        between = text[last.end : toll.start] if last else ""
        joined = re.fullmatch(r"\s+[\w-]+(?:\s+[\w-]+){0,4}?\s+and\s+", between or "x") is not None
        if last and joined and last.category == toll.category and "," not in between and "." not in between:
            low = None if last.low is None or toll.low is None else last.low + toll.low
            high = None if last.high is None or toll.high is None else last.high + toll.high
            hedge = last.hedge if last.hedge == toll.hedge else "at least"
            phrase = text[last.start : toll.end]
            merged.append(TollMention(phrase, last.start, toll.end, low, high, hedge, last.category))
        merged.append(toll)
        last = toll
        one_more = re.match(r"\s+[\w-]+(?:\s+[\w-]+)?\s+and\s+(?:a|an|one)\s+[\w-]+\b", text[toll.end :])
        if one_more:  # "at least 20 soldiers and a civilian": 21
            low = None if toll.low is None else toll.low + 1
            high = None if toll.high is None else toll.high + 1
            end = toll.end + one_more.end()
            merged.append(TollMention(text[toll.start : end], toll.start, end, low, high, toll.hedge, toll.category))
    return merged
