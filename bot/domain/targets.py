"""A member's target (daily, or 1 to 6 check-ins a week) and the weeks it applies to.

- A week starts on the group's first weekday (0 = Monday ... 6 = Sunday; ``/settings week``
  offers Monday, Sunday and Saturday) and holds seven local dates.
- A change of target takes effect from the next week (``takes_effect``): the week it is made
  in keeps the target it started with. So a member's targets are a history of
  ``TargetChange``s, each with the day from which it is in force.
- A week's target is the one in force on its first day (``target_of_week``); before the
  first change a member is daily (as everyone was before targets). Of two changes from the
  same day, the later in the history wins.
- A change that doesn't start on a week's first day (the group moved its first weekday
  since) starts with the first week that begins on or after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

__all__ = [
    "DAILY",
    "MAX_PER_WEEK",
    "MIN_PER_WEEK",
    "TargetChange",
    "first_week_from",
    "member_targets",
    "takes_effect",
    "target_of_week",
    "targets_over",
    "week_start",
]

# What ``/target`` accepts besides ``daily``.
MIN_PER_WEEK = 1
MAX_PER_WEEK = 6
# The daily target, as a ``TargetChange.per_week``.
DAILY: Final = None

_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class TargetChange:
    """From ``starts`` on (a week's first day), the member aims at ``per_week`` check-ins a
    week, or at every day when ``per_week`` is ``DAILY``."""

    starts: date
    per_week: int | None

    def __post_init__(self) -> None:
        if self.per_week is not None and not MIN_PER_WEEK <= self.per_week <= MAX_PER_WEEK:
            raise ValueError(
                f"a weekly target must be {MIN_PER_WEEK}..{MAX_PER_WEEK}, got {self.per_week}"
            )


def _check_weekday(first_weekday: int) -> None:
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"the first weekday must be 0..6, got {first_weekday}")


def week_start(day: date, first_weekday: int) -> date:
    """The first day of ``day``'s week."""
    _check_weekday(first_weekday)
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def first_week_from(day: date, first_weekday: int) -> date:
    """The first day of the first week that begins on or after ``day``."""
    _check_weekday(first_weekday)
    return day + timedelta(days=(first_weekday - day.weekday()) % 7)


def takes_effect(set_on: date, first_weekday: int) -> date:
    """When a target set on ``set_on`` (the member's today) starts: the next week."""
    return week_start(set_on, first_weekday) + _WEEK


def target_of_week(targets: Sequence[TargetChange], week: date) -> int | None:
    """The target of the week that starts on ``week``: the one in force on that day."""
    in_force: int | None = DAILY
    for change in sorted(targets, key=lambda c: c.starts):
        if change.starts > week:
            break
        in_force = change.per_week
    return in_force


def targets_over(
    targets: Sequence[TargetChange], first: date, last: date, first_weekday: int
) -> Iterator[tuple[date, date, int | None]]:
    """The weeks from the one starting on ``first`` to the one starting on ``last``, as spans
    with one target each: (first week of the span, last week of the span, its target).

    Costs the changes, not the weeks: a year without a change is one span.
    """
    if last < first:
        return
    changes = {first_week_from(c.starts, first_weekday) for c in targets}
    bounds = [first, *sorted(s for s in changes if first < s <= last)]
    for begin, end in zip(bounds, [*(b - _WEEK for b in bounds[1:]), last], strict=True):
        yield begin, end, target_of_week(targets, begin)


def member_targets(
    group: Sequence[TargetChange], own: Sequence[TargetChange]
) -> list[TargetChange]:
    """A member's targets: the group's default until the member first chose their own
    (``/target``), theirs from then on."""
    if not own:
        return list(group)
    first_own = min(change.starts for change in own)
    return [*(c for c in group if c.starts < first_own), *own]
