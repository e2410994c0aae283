"""Streak rules (PRODUCT.md section 1) as pure functions.

No Telegram, no SQL, no clock: every function takes the days it needs as arguments.

Two ways to the same answer, and the tests hold them equal on generated histories:
- ``replay`` walks a member's whole history day by day (the definition);
- ``advance`` moves a kept ``StreakState`` forward by one check-in day in O(1) of history
  (what ``/done`` uses, so it never reads a member's whole history).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# The milestone ladder; after the last rung, every 100 (400, 500, ...).
MILESTONE_LADDER: tuple[int, ...] = (3, 7, 14, 21, 30, 50, 75, 100, 150, 200, 250, 300, 365)

# A new personal best is only worth announcing if the old best was at least this long.
MIN_BEST_TO_ANNOUNCE = 3


class Mark(StrEnum):
    """What a member's day holds. A day with both counts as DONE."""

    DONE = "done"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Rules:
    """The group settings that shape streaks."""

    rest_weekdays: frozenset[int] = frozenset()  # 0 = Monday ... 6 = Sunday
    freeze_every: int = 7  # a freeze is earned each time counted days reach a multiple; 0 = never
    freeze_max: int = 2  # freezes held at most; 0 = freezes off
    fail_counts: bool = True  # does a /fail day count as showing up?


@dataclass(frozen=True, slots=True)
class Break:
    """An announced break, both ends inclusive, in the member's day keys."""

    start: date
    end: date


@dataclass(frozen=True, slots=True)
class StreakState:
    """A member's streak as of their latest counted day (what the database keeps)."""

    current: int = 0  # counted days in the run that ends on last_day
    best: int = 0  # the longest run ever (counted days)
    last_day: date | None = None  # the latest counted day of the run, None before any
    run_start: date | None = None  # the first counted day of the current run
    freezes: int = 0  # freezes held


@dataclass(frozen=True, slots=True)
class Advance:
    """What one check-in day did to the state."""

    state: StreakState
    counted: bool  # False when the day was already counted or does not count (a fail that doesn't)
    freezes_used: int  # freezes spent to bridge the gap before this day
    streak_broken: int  # length of the run this day's gap broke (0 if none)
    milestone: int | None  # the milestone this day reached, if any
    new_best: bool  # the run just passed the previous best (and the old best was >= 3)


@dataclass(frozen=True, slots=True)
class Standing:
    """A member's streak as seen on a given day ("today")."""

    current: int  # 0 if the run is broken as of today
    best: int
    freezes: int  # freezes still held as of today (after any needed for missed days so far)
    freezes_used: int  # freezes needed to bridge the days missed since last_day (before today)
    checked_in_today: bool
    at_risk: bool  # current > 0 and not checked in today


def is_milestone(days: int) -> bool:
    raise NotImplementedError


def replay(
    days: Mapping[date, Mark], breaks: Sequence[Break], rules: Rules
) -> StreakState:
    """The state after every day in ``days``: the definition the kept state must equal."""
    raise NotImplementedError


def advance(
    state: StreakState, day: date, mark: Mark, breaks: Sequence[Break], rules: Rules
) -> Advance:
    """Move ``state`` forward by a check-in on ``day`` (``day`` >= ``state.last_day``).

    ``breaks`` need only include those overlapping the gap between ``state.last_day`` and ``day``.
    """
    raise NotImplementedError


def standing(
    state: StreakState, today: date, breaks: Sequence[Break], rules: Rules
) -> Standing:
    """The state seen on ``today``: the run is alive if the days missed since ``last_day``
    (not counting today) are bridged by rest days, breaks, and freezes held."""
    raise NotImplementedError


def consistency(days: Iterable[date], today: date, window: int = 30) -> int:
    """Active days among the last ``window`` days ending today ("24/30")."""
    raise NotImplementedError


def group_streak(active_days: Iterable[date], today: date) -> int:
    """Days in a row on which the group met its bar, ending today or yesterday.

    ``active_days`` are the days that met the bar (at least one member, or the chosen share).
    """
    raise NotImplementedError
