"""The streak rules (docs/streak-rules.md) as pure functions.

No Telegram, no SQL, no clock: every function takes the days it needs as arguments.

Two ways to the same answer, and the tests hold them equal on generated histories:
- ``replay`` walks a member's whole history day by day (the definition);
- ``advance`` moves a kept ``StreakState`` forward by one check-in day in O(1) of history
  (what ``/done`` uses, so it never reads a member's whole history).

The rules, as implemented:
- A *counted* day is a DONE day, or a FAIL day when ``Rules.fail_counts``.
- Between two counted days, each day of the gap is a rest weekday (bridges), a day inside a
  break (bridges), or missed. If the missed days are at most the freezes held, the run goes on
  and that many freezes are used; otherwise the run breaks and the freezes go with it, and the
  counted day starts a new run of 1. A day that is not counted (no check-in, or a FAIL that
  doesn't count) is judged only when the next counted day arrives, so it changes nothing by
  itself: ``advance`` returns the state unchanged and ``replay`` ignores trailing ones.
- After the gap is settled, a freeze is earned when the run's counted days reach a multiple of
  ``freeze_every``, unless ``freeze_max`` are already held.
- ``best`` is the longest run ever. A new personal best is announced on the first day the run
  exceeds the best of the runs before it, if that old best was at least 3.
- A check-in on a rest day or during a break counts like any other. Ending a break early is the
  caller's business: pass the ``Break`` with its shortened end.
- Rules apply to the whole history: after a settings change the kept state must be recomputed
  with ``replay`` to stay equal to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain import gaps
from bot.domain.gaps import Break, breaks_overlapping, in_break
from bot.domain.runs import Ladder, is_new_best, settle, with_earned_freeze

__all__ = [
    "MILESTONE_LADDER",
    "MIN_BEST_TO_ANNOUNCE",
    "Advance",
    "Break",
    "CountingRules",
    "Mark",
    "Rules",
    "Standing",
    "StreakState",
    "advance",
    "breaks_overlapping",
    "consistency",
    "counts",
    "group_streak",
    "in_break",
    "is_milestone",
    "missed_days_between",
    "next_milestone",
    "rebuild",
    "replay",
    "standing",
    "strongest_marks",
]

# The milestone ladder; after the last rung, every 100 (400, 500, ...).
MILESTONE_LADDER: tuple[int, ...] = (3, 7, 14, 21, 30, 50, 75, 100, 150, 200, 250, 300, 365)
_DAYS_LADDER = Ladder(MILESTONE_LADDER, then_every=100)

# A new personal best is only worth announcing if the old best was at least this long.
MIN_BEST_TO_ANNOUNCE = 3

_ONE_DAY = timedelta(days=1)


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

    def __post_init__(self) -> None:
        if not self.rest_weekdays <= frozenset(range(7)):
            raise ValueError(f"rest weekdays must be 0..6, got {sorted(self.rest_weekdays)}")
        if self.freeze_every < 0 or self.freeze_max < 0:
            raise ValueError("freeze_every and freeze_max must not be negative")


@dataclass(frozen=True, slots=True)
class StreakState:
    """A member's streak as of their latest counted day (what the database keeps)."""

    current: int = 0  # counted days in the run that ends on last_day
    best: int = 0  # the longest run ever (counted days)
    last_day: date | None = None  # the latest counted day of the run, None before any
    run_start: date | None = None  # the first counted day of the current run
    freezes: int = 0  # freezes held
    # The best of the runs before the current one: a tie with it is not a new best, and only
    # the first day past it is announced, so ``best`` alone can't tell.
    best_before_run: int = 0
    # The counted day before ``last_day`` (None before a second one): whether ``last_day``
    # was a comeback is told by the two, without the history (bot.domain.comebacks).
    previous_day: date | None = None


@dataclass(frozen=True, slots=True)
class Advance:
    """What one check-in day did to the state."""

    state: StreakState
    counted: bool  # False when the day was already counted or does not count (a fail that doesn't)
    freezes_used: int  # freezes spent to bridge the gap before this day
    streak_broken: int  # length of the run this day's gap broke (0 if none)
    milestone: int | None  # the milestone this day reached, if any
    new_best: bool  # the run just passed the previous best (and the old best was >= 3)
    # Days missed between the previous counted day and this one (a freeze may have covered
    # them): more than 0 on a counted day makes it a comeback (bot.domain.comebacks).
    missed: int = 0

    @property
    def comeback(self) -> bool:
        """A counted day after a missed one (bot.domain.comebacks)."""
        return self.counted and self.missed > 0


@dataclass(frozen=True, slots=True)
class Standing:
    """A member's streak as seen on a given day ("today")."""

    current: int  # 0 if the run is broken as of today
    best: int
    freezes: int  # freezes still held as of today (after any needed for missed days so far)
    freezes_used: int  # freezes needed to bridge the days missed since last_day (before today)
    at_risk: bool  # current > 0 and not checked in today


def strongest_marks(entries: Iterable[tuple[date, Mark]]) -> dict[date, Mark]:
    """What each day holds, from its entries: a DONE wins over a FAIL on the same day."""
    days: dict[date, Mark] = {}
    for day, mark in entries:
        if days.get(day) is not Mark.DONE:
            days[day] = mark
    return days


def is_milestone(days: int) -> bool:
    return _DAYS_LADDER.reached(days)


def next_milestone(days: int) -> int:
    """The first milestone above ``days`` ("3 more days to 30")."""
    return _DAYS_LADDER.next_after(days)


class CountingRules(Protocol):
    """Rules that say whether a /fail counts: the daily ``Rules`` and the weekly ones."""

    @property
    def fail_counts(self) -> bool: ...


def counts(mark: Mark, rules: CountingRules) -> bool:
    """Whether a day with ``mark`` counts as showing up."""
    return mark is Mark.DONE or rules.fail_counts


def missed_days_between(earlier: date, later: date, breaks: Sequence[Break], rules: Rules) -> int:
    """Days strictly between ``earlier`` and ``later`` that neither a rest day nor a break
    bridges; counted without walking the days, so a long gap costs no more than a short one."""
    return gaps.missed_days_between(earlier, later, breaks, rules.rest_weekdays)


def _with_earned_freeze(current: int, freezes: int, rules: Rules) -> int:
    return with_earned_freeze(current, freezes, rules.freeze_every, rules.freeze_max)


def replay(days: Mapping[date, Mark], breaks: Sequence[Break], rules: Rules) -> StreakState:
    """The state after every day in ``days``: the definition the kept state must equal.

    Walks the calendar one day at a time and keeps a tally of the days missed since the last
    counted day; the tally is settled against the freezes when the next counted day comes.
    """
    if not days:
        return StreakState()
    current = best = best_before_run = freezes = missed = 0
    last_day: date | None = None
    run_start: date | None = None
    previous_day: date | None = None
    day, last = min(days), max(days)
    while day <= last:
        mark = days.get(day)
        if mark is not None and counts(mark, rules):
            if missed > freezes:
                current = freezes = 0
            else:
                freezes -= missed
            missed = 0
            if current == 0:
                run_start, best_before_run = day, best
            current += 1
            freezes = _with_earned_freeze(current, freezes, rules)
            best = max(best, current)
            previous_day, last_day = last_day, day
        elif last_day is not None:
            rest = day.weekday() in rules.rest_weekdays
            if not rest and not in_break(day, breaks):
                missed += 1
        day += _ONE_DAY
    return StreakState(current, best, last_day, run_start, freezes, best_before_run, previous_day)


def rebuild(counted_days: Iterable[date], breaks: Sequence[Break], rules: Rules) -> StreakState:
    """The state after the given counted days: what ``replay`` gives for a history whose
    counted days these are, computed in one pass over them (not over the calendar).

    The same steps as folding ``advance`` over the days, without its bookkeeping: what a
    whole group's replay uses, where thousands of histories are rebuilt at once.
    """
    current = best = best_before_run = freezes = 0
    last = run_start = previous = 0  # day ordinals; 0 is before any date
    every, cap = rules.freeze_every, rules.freeze_max
    for day in sorted({d.toordinal() for d in counted_days}):
        if last and day - last > 1:
            missed = missed_days_between(
                date.fromordinal(last), date.fromordinal(day), breaks, rules
            )
            if missed > freezes:
                current = freezes = 0
            else:
                freezes -= missed
        if current == 0:
            run_start, best_before_run = day, best
        current += 1
        if every and current % every == 0 and freezes < cap:
            freezes += 1
        if current > best:
            best = current
        previous, last = last, day
    if not last:
        return StreakState()
    return StreakState(
        current,
        best,
        date.fromordinal(last),
        date.fromordinal(run_start),
        freezes,
        best_before_run,
        date.fromordinal(previous) if previous else None,
    )


def advance(
    state: StreakState, day: date, mark: Mark, breaks: Sequence[Break], rules: Rules
) -> Advance:
    """Move ``state`` forward by a check-in on ``day`` (``day`` >= ``state.last_day``).

    ``breaks`` need only include those overlapping the gap between ``state.last_day`` and ``day``.
    A day already counted, or a FAIL that doesn't count, returns the state unchanged with
    ``counted=False``: a FAIL that doesn't count is a missed day only once a later day counts.
    A day before ``state.last_day`` raises ValueError: recompute with ``replay`` instead.
    """
    if state.last_day is not None and day < state.last_day:
        raise ValueError(f"{day} is before the last counted day {state.last_day}; use replay")
    if day == state.last_day or not counts(mark, rules):
        return Advance(state, False, 0, 0, None, False)

    current, freezes, used, broken, missed = state.current, state.freezes, 0, 0, 0
    if state.last_day is not None:
        missed = missed_days_between(state.last_day, day, breaks, rules)
        gap = settle(current, freezes, missed)
        current, freezes, used, broken = gap.current, gap.freezes, gap.used, gap.broken

    run_start, best_before_run = state.run_start, state.best_before_run
    if current == 0:
        run_start, best_before_run = day, state.best
    current += 1
    new_state = StreakState(
        current=current,
        best=max(state.best, current),
        last_day=day,
        run_start=run_start,
        freezes=_with_earned_freeze(current, freezes, rules),
        best_before_run=best_before_run,
        previous_day=state.last_day,
    )
    return Advance(
        state=new_state,
        counted=True,
        freezes_used=used,
        streak_broken=broken,
        milestone=current if is_milestone(current) else None,
        new_best=is_new_best(current, best_before_run, MIN_BEST_TO_ANNOUNCE),
        missed=missed,
    )


def standing(state: StreakState, today: date, breaks: Sequence[Break], rules: Rules) -> Standing:
    """The state seen on ``today``: the run is alive if the days missed since ``last_day``
    (not counting today) are bridged by rest days, breaks, and freezes held.

    The freezes are only used tentatively: ``advance`` spends them when the member checks in.
    A ``last_day`` after ``today`` (the member moved west) counts as checked in today.
    """
    if state.last_day is None:
        return Standing(0, state.best, 0, 0, at_risk=False)
    if state.last_day >= today:
        return Standing(state.current, state.best, state.freezes, 0, at_risk=False)
    missed = missed_days_between(state.last_day, today, breaks, rules)
    if missed > state.freezes:
        return Standing(0, state.best, 0, 0, at_risk=False)
    return Standing(
        current=state.current,
        best=state.best,
        freezes=state.freezes - missed,
        freezes_used=missed,
        at_risk=True,
    )


def consistency(days: Iterable[date], today: date, window: int = 30) -> int:
    """Active days among the last ``window`` days ending today ("24/30")."""
    if window < 1:
        raise ValueError(f"window must be at least 1 day, got {window}")
    first = today - timedelta(days=window - 1)
    return len({day for day in days if first <= day <= today})


def group_streak(active_days: Iterable[date], today: date) -> int:
    """Days in a row on which the group met its bar, ending today or yesterday.

    ``active_days`` are the days that met the bar (at least one member, or the chosen share).
    """
    active = set(active_days)
    day = today if today in active else today - _ONE_DAY
    streak = 0
    while day in active:
        streak += 1
        day -= _ONE_DAY
    return streak
