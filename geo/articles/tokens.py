"""Words of a text with their spans: what place extraction walks over."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class Token:
    """A word of the text: its span, and its form without a possessive 's."""

    text: str
    start: int
    end: int
    possessive: bool


def tokenize(text: str) -> list[Token]:
    """Words with spans; "Russia's" gives "Russia" flagged possessive (its span excludes the 's)."""
    tokens = []
    for match in _WORD.finditer(text):
        word, end = match.group(0), match.end()
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word, end = word[:-2], end - 2
        tokens.append(Token(word, match.start(), end, possessive))
    return tokens


def capitalised(token: Token) -> bool:
    """Whether the word starts with a capital letter."""
    return token.text[:1].isupper()


def joined(text: str, left: Token, right: Token) -> bool:
    """Whether two tokens can belong to one name.

    White space (a wrapped line) or a hyphen may stand between them; a possessive or a paragraph
    break may not.
    """
    gap = text[left.end : right.start]
    return not left.possessive and "\n\n" not in gap and gap.replace("-", " ").strip() == ""
