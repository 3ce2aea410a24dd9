"""Key presses as numbered values: each press is applied once, in order, whatever reruns carry it."""

from __future__ import annotations

import pytest

from components.keyboard import new_presses


def value(page: str, *presses: tuple[int, str]) -> dict:
    return {"page": page, "count": max((n for n, _ in presses), default=0), "recent": [list(p) for p in presses]}


@pytest.mark.parametrize(
    ("state", "seen", "pressed", "now_seen"),
    [
        (None, None, [], None),  # no press yet
        (value("a", (1, " ")), None, [" "], ("a", 1)),  # the first press
        (value("a", (1, " ")), ("a", 1), [], ("a", 1)),  # a later rerun carries it again: not twice
        (value("a", (1, " "), (2, "ArrowRight"), (3, " ")), ("a", 1), ["ArrowRight", " "], ("a", 3)),  # two at once
        (value("a", (3, " "), (2, "ArrowLeft")), ("a", 1), ["ArrowLeft", " "], ("a", 3)),  # by number, not by place
        (value("a", (1, " ")), ("a", 2), [], ("a", 2)),  # an older value arriving late applies nothing
        (value("b", (1, "Escape")), ("a", 7), ["Escape"], ("b", 1)),  # a reloaded page counts from 1 again
        ({"page": "a", "recent": "junk"}, ("a", 1), [], ("a", 1)),  # malformed: nothing applied
        ({"page": "a", "recent": [[2, 5], ["3", " "], [4, " ", 1]]}, ("a", 1), [], ("a", 1)),
        ({"recent": [[1, " "]]}, None, [], None),  # no page: nothing applied
        ("1", None, [], None),
    ],
)
def test_new_presses(state, seen, pressed, now_seen):
    assert new_presses(state, seen) == (pressed, now_seen)
