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
# Verbs whose subject does the killing: "a few dozen fighters killed ..." counts no victims, nor
# "some 20 heavily armed men attacked gendarmes" (when the verb has an object: "33 of them wounded"
# has none, and its number is who was wounded).
TRANSITIVE = {
    "kill",
    "massacre",
    "execute",
    "slay",
    "murder",
    "wound",
    "injure",
    "neutralise",
    "neutralize",
    "abduct",
    "attack",
    "storm",
    "ambush",
    "raid",
    "assault",
    "overrun",
    "besiege",
    "surround",
    "intercept",
    "stop",
    "strike",
}
# A figure of a toll: "the toll rose to 53", "raised the figure to 35", "a figure of 49", "up from 25".
TOLL_NOUNS = {"toll", "figure", "tally", "count"}
# Singular victims named without a number: "killed a civilian worker", "a soldier was killed".
NOT_VICTIMS = {
    "number",
    "lot",
    "total",
    "group",
    "dozen",
    "couple",
    "series",
    "few",
    "score",
    "handful",
    "toll",
    "figure",
    "attack",
    "bomb",
    "mine",
    "device",
    "vehicle",
    "convoy",
    "truck",
    "bus",
    "lorry",
    "post",
    "camp",
    "base",
    "town",
    "village",
    "house",
    "shop",
    "granary",
}
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


def _toll_figure(argument) -> str | None:
    """``killed`` when the number is a toll's figure ("toll rises to 53", "raised it to 28 gendarmes")."""
    if argument.dep_ != "pobj" or argument.head.lower_ not in ("to", "from", "of", "at"):
        return None
    governor = argument.head.head
    if governor.pos_ == "ADV" and governor.head is not governor:  # "up from 25"
        governor = governor.head
    if (governor.lemma_ or "").lower() in TOLL_NOUNS:
        return "killed"
    if governor.pos_ not in ("VERB", "AUX"):
        return None
    for child in governor.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if (child.lemma_ or "").lower() in TOLL_NOUNS:
            return "killed"
        # "The first toll ... was 20 dead; ... it was raised to 28": "it" is the toll of the sentence
        if child.lower_ == "it" and any((t.lemma_ or "").lower() in TOLL_NOUNS for t in child.sent):
            return "killed"
    return None


def _category(tokens) -> str | None:
    """What the number counts, from its noun, the words beside it and the verb governing it."""
    number = tokens[-1]
    while number.dep_ == "conj" and number.head in tokens:  # "between 20 and 30 villagers"
        number = number.head
    if any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "whom" for g in c.children) for c in number.children
    ):
        return None  # "nine people were wounded, one of whom died": a share of the toll before it
    if number.pos_ == "NUM" and number.dep_ in ("conj", "appos") and number.head.pos_ == "NUM":
        # "21 killed in Karou, 14 in Ouatagouna": the figure listed after a counted one counts the same
        return _category([number.head])
    if number.pos_ == "NUM" and number.dep_ == "conj" and number.head.pos_ in ("VERB", "AUX"):
        # "18 people died in the hotel and 10 at the café", "at least 100 were killed, and possibly as many as 165"
        found = _category_word(number.head)
        if found and found != "hostages":
            return found
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    while noun.dep_ in ("nummod", "quantmod") and noun.head is not noun:
        noun = noun.head
    if noun.dep_ == "appos" and any(c.lower_ == "of" for c in noun.children):
        return None  # "35 civilians, 31 of them women": a share of the toll beside it
    if noun is not number and any(c.dep_ == "amod" and c.lower_ == "more" for c in noun.children):
        return None  # "found 29 more bodies": what was added to a count, not a toll
    if (noun.lemma_ or "").lower() == "hostage" and noun is not number:
        return "hostages"  # "176 hostages had been freed"
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
    figure = _toll_figure(argument)
    if figure:
        return figure
    verb = argument.head
    # "killed or wounded hundreds": the object may hang on the conjoined verb
    has_object = any(c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children)
    if argument.dep_ == "nsubj" and (verb.lemma_ or "").lower() in TRANSITIVE and has_object:
        return None  # the killers, not the dead
    if argument.dep_ == "nsubj" and (verb.lemma_ or "").lower() in TRANSITIVE - {"wound", "injure", "kill"}:
        return None  # "some 20 men attacked": attackers, with or without an object
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
        if found == "hostages" and (argument.dep_ not in ("dobj", "nsubjpass") or argument is number):
            found = None  # "seized the other two": a bare number taken is not a person until said
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


def find_tolls(text: str, dates: list[tuple[int, int]] = ()) -> list[TollMention]:
    """Every stated toll in ``text``; an empty list when the parser is unavailable.

    ``dates`` are the spans of the date phrases found in the text: a day number ("on 23 March")
    is never a toll.
    """
    doc = parse(text)
    if doc is None:
        return []
    tolls: list[TollMention] = []
    for match in QUANTITY.finditer(text):
        if _is_year_or_age(text, match) or NOT_COUNTED.match(text[match.end() :]):
            continue
        if any(start <= match.start() and match.end() <= end for start, end in dates):
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
    tolls = sorted(tolls + _singular_victims(doc, tolls), key=lambda t: (t.start, t.end))
    return _sum_conjoined(text, tolls)


def _singular_victims(doc, numbers: list[TollMention]) -> list[TollMention]:
    """Victims named one by one without a figure: "killed a civilian worker", "a gendarme and a civilian" (2).

    The noun has "a" or "an" and is the object or passive subject of a verb of killing, wounding
    or taking, or the subject of "died"; the category comes from that verb, never from the noun.
    """
    found = []
    taken = [(t.start, t.end) for t in numbers]
    for noun in doc:
        if noun.pos_ != "NOUN" or (noun.lemma_ or "").lower() in NOT_VICTIMS or noun.dep_ == "conj":
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            continue
        if any(c.dep_ == "nummod" for c in noun.children):
            continue
        verb = noun.head
        lemma = (verb.lemma_ or "").lower()
        category = _category_word(verb) if verb.pos_ in ("VERB", "AUX") else None
        if noun.dep_ == "nsubj" and lemma == "die":
            category = "killed"
        elif noun.dep_ not in ("dobj", "nsubjpass") or category not in ("killed", "wounded", "hostages"):
            continue
        parts = [noun] + [
            c for c in noun.conjuncts if any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
        ]
        first = min(min(c.i for c in p.subtree if c.i <= p.i) for p in parts)
        last = max(parts, key=lambda p: p.i)
        start, end = doc[first].idx, last.idx + len(last.text)
        if any(a < end and start < b for a, b in taken):
            continue
        phrase = doc.text[start:end]
        found.append(TollMention(phrase, start, end, len(parts), len(parts), "exact", category))
    return found


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
