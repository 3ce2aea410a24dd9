"""Text normalisation shared by the gazetteer and extraction."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’`´]+")


def fold(text: str) -> str:
    """Case- and accent-folded form used as a lookup key.

    Examples
    --------
    >>> fold("Ménaka")
    'menaka'
    >>> fold("Aguel-Hoc")
    'aguel hoc'
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    # ASCII needs no decomposition (most gazetteer names): the fast path keeps loading quick.
    return _SEPARATORS.sub(" ", text.casefold()).strip()
