"""Each precision code reads the same in the popup, the table and the brief (data/vocabulary.py)."""

from __future__ import annotations

import pytest

from data.validation.validate import validate_events
from data.vocabulary import PLACE_PRECISION
from geo.map.popups import event_popup_html
from geo.map.table import place_precision_text
from tests.conftest import event_row, raw_table
from tests.test_brief import brief


@pytest.mark.parametrize("code", [1, 3])
def test_place_precision_words_agree_everywhere(code):
    country_wide = event_row(location="Mali (country-wide)", admin1="", geo_precision=str(code))
    event = validate_events(raw_table(country_wide), "words.csv").kept
    words = PLACE_PRECISION[code]
    assert words in event_popup_html(event.iloc[0].to_dict())
    # The brief says a place's precision only when it is approximate, in the same words.
    assert (words in brief(event)) == (code >= 2)
    assert place_precision_text(code).endswith(words)
