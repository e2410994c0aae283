"""If-then plans ("when X, I will Y"): what a member plans to do, and when.

A plan is typed leniently: ``after breakfast, at my desk: 200 words`` is the situation
("after breakfast, at my desk") and the action ("200 words"), split at the first colon (not
one inside a time like 7:30) or arrow (→, ->); without one, the whole text is the plan. A
plan is at most ``PLAN_MAX_CHARS`` long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PLAN_MAX_CHARS", "Plan", "parse_plan"]

PLAN_MAX_CHARS = 200
# A colon, but not one inside a time of day (7:30), or an arrow.
_SEPARATOR = re.compile(r"\s*(?:(?<!\d):|:(?!\d)|→|->)\s*")


@dataclass(frozen=True, slots=True)
class Plan:
    when: str  # the situation; empty when the plan names none
    what: str  # what the member will do


def parse_plan(text: str) -> Plan | None:
    """The plan ``text`` says; None for nothing but spaces and separators."""
    text = " ".join(text.split())
    found = _SEPARATOR.search(text)
    if found is not None:
        when, what = text[: found.start()].strip(), text[found.end() :].strip()
        if when and what:
            return Plan(when, what)
    return Plan("", text) if _words(text) else None


def _words(text: str) -> bool:
    return any(character.isalnum() for character in text)
