"""What one run shows: the masks, the as-of records and the keys that name them, from one call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from data.view.filters import EventFilter, attribute_mask, valid_at, window_mask
from data.view.shown import shown


def test_the_masks_and_records_are_the_filters_own(dataset):
    selection = EventFilter(start=date(2023, 8, 1), end=date(2023, 11, 30), event_types=("Battles",))
    view = shown(dataset.events, dataset.territories, dataset.towns, selection)
    chosen = attribute_mask(dataset.events, selection)
    assert (view.chosen_rows == chosen).all()
    assert (view.in_window == (window_mask(dataset.events, selection) & chosen)).all()
    assert 0 < view.in_window.sum() < view.chosen_rows.sum() < len(dataset.events)
    assert view.towns.equals(valid_at(dataset.towns, date(2023, 11, 30)))
    assert view.territories.equals(valid_at(dataset.territories, date(2023, 11, 30)))


def test_the_criteria_key_ignores_the_dates_and_the_window_key_does_not(dataset):
    layers = (dataset.events, dataset.territories, dataset.towns)
    one = shown(*layers, EventFilter(start=date(2013, 1, 1), end=date(2014, 1, 1), event_types=("Battles",)))
    moved = shown(*layers, replace(one.selection, start=date(2020, 1, 1), end=date(2021, 1, 1)))
    other = shown(*layers, replace(one.selection, event_types=("Riots",)))
    assert one.criteria_key == moved.criteria_key != other.criteria_key
    assert one.window_key != moved.window_key
    hash(one.window_key)  # a cache key: hashable
