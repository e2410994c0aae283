"""The weeks between two counted weeks, and the days a week leaves for check-ins.

Counted without walking the weeks or their days (as ``gaps`` counts days), so that judging a
gap costs the target changes and the breaks, never its length: ``weekly_streaks.advance``
relies on this.

- A week's *available days* are its days in no break. A week with fewer than its target
  bridges when it doesn't count; only a week a break touches can, as a target is at most 6.
- The *days left* in a week, seen on a day, are that day unless it has a check-in already,
  and the days after it to the week's end, break days out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain import gaps
from bot.domain.gaps import Break
from bot.domain.targets import DAILY, TargetChange, target_of_week, targets_over, week_start

__all__ = ["WeekGap", "available_days", "days_left", "weeks_between"]

_ONE_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)
_NO_REST = frozenset[int]()  # rest days don't apply to weeks


def available_days(week: date, breaks: Sequence[Break]) -> int:
    """Days of the week starting on ``week`` that are in no break."""
    return gaps.missed_days_between(week - _ONE_DAY, week + _WEEK, breaks, _NO_REST)


def days_left(
    today: date, checked_in_today: bool, breaks: Sequence[Break], first_weekday: int
) -> int:
    """Days of ``today``'s week still open for a check-in (see the module docs)."""
    first_open = today + _ONE_DAY if checked_in_today else today
    week_end = week_start(today, first_weekday) + _WEEK
    return gaps.missed_days_between(first_open - _ONE_DAY, week_end, breaks, _NO_REST)


@dataclass(frozen=True, slots=True)
class WeekGap:
    """The weeks strictly between two weeks with a weekly target."""

    missed: int  # weeks that are neither counted (none can be: see ``weeks_between``) nor bridged
    switched: bool  # a daily week lies between: the weekly run ended there


def weeks_between(
    earlier: date,
    later: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    first_weekday: int,
) -> WeekGap:
    """The weeks strictly between the weeks starting on ``earlier`` and ``later``, taken to
    have no check-in counting them (``earlier`` is the latest counted week).

    ``breaks`` need only include those overlapping the weeks between.
    """
    first, last = earlier + _WEEK, later - _WEEK
    if last < first:
        return WeekGap(0, switched=False)
    missed = 0
    for begin, end, target in targets_over(targets, first, last, first_weekday):
        if target is DAILY:
            return WeekGap(0, switched=True)
        missed += (end - begin).days // 7 + 1
    touched: set[date] = set()
    for b in gaps.breaks_overlapping(breaks, first, last + _WEEK - _ONE_DAY):
        week = week_start(max(b.start, first), first_weekday)
        while week <= min(b.end, last):
            touched.add(week)
            week += _WEEK
    for week in touched:
        target = target_of_week(targets, week)
        if target is not DAILY and available_days(week, breaks) < target:
            missed -= 1
    return WeekGap(missed, switched=False)
