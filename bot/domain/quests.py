"""The weekly quest: a shared goal of check-ins for a group's week, sized from its last four
weeks, and what each member gets when the week ends.

- The goal is ``GROWTH`` above the group's average weekly check-ins (a member's counted day
  is one check-in) over the last four weeks it had (fewer for a newer group), rounded up,
  and at least ``MIN_GOAL``.
- The quest is met when the week's check-ins reach the goal. Then everyone who checked in
  at least once that week earns the quest badge.
- Each member sees their own count and a bonus: one for each teammate who kept their own
  target that week. A daily member kept it by checking in on every day of the week that
  is not one of the group's rest days; a member with a weekly target (``targets``) kept it
  when their own week counted (its target's check-ins on different days): their week that
  holds the quest week's Monday, which starts on the group's first weekday and so has
  ended by the quest's Sunday. A member's reward is always their own count plus the
  team's part; the team alone never earns anyone a thing (a member without a check-in
  gets no badge and no bonus).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.targets import DAILY, TargetChange, target_of_week, week_start

__all__ = [
    "BAR_CELLS",
    "GROWTH",
    "LOOKBACK_WEEKS",
    "MIN_GOAL",
    "MemberWeek",
    "QuestEnd",
    "bar",
    "kept_own_target",
    "own_week",
    "quest_end",
    "quest_goal",
]

GROWTH = 0.10
MIN_GOAL = 5
LOOKBACK_WEEKS = 4
BAR_CELLS = 10


def quest_goal(weekly_check_ins: Sequence[int]) -> int:
    """The goal for a week, from the check-ins of each of the (up to four) weeks before it
    the group had; none: the minimum."""
    weeks = list(weekly_check_ins)[-LOOKBACK_WEEKS:]
    if not weeks:
        return MIN_GOAL
    average = sum(weeks) / len(weeks)
    return max(MIN_GOAL, math.ceil(round(average * (1 + GROWTH), 6)))


def bar(done: int, goal: int) -> str:
    """Progress as a text bar of ``BAR_CELLS`` cells: ▰▰▰▱▱▱▱▱▱▱ (full once met)."""
    filled = BAR_CELLS if done >= goal else min(BAR_CELLS - 1, done * BAR_CELLS // max(1, goal))
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def own_week(week_first: date, first_weekday: int) -> date:
    """The first day of a member's own week that holds the quest week's first day."""
    return week_start(week_first, first_weekday)


def kept_own_target(
    days: Collection[date],
    week_first: date,
    rest_weekdays: Collection[int],
    targets: Sequence[TargetChange] = (),
    first_weekday: int = 0,
) -> bool:
    """Whether a member kept their own target in the quest's week: daily, every day of it
    but the group's rest days; weekly, their own week (``own_week``) counted."""
    week = own_week(week_first, first_weekday)
    per_week = target_of_week(targets, week)
    if per_week is DAILY:
        quest_days = [week_first + timedelta(days=n) for n in range(7)]
        asked = [day for day in quest_days if day.weekday() not in rest_weekdays]
        return all(day in days for day in asked)
    return sum(week <= day < week + timedelta(days=7) for day in set(days)) >= per_week


@dataclass(frozen=True, slots=True)
class MemberWeek:
    """A member's part when a quest's week ends."""

    member_id: int
    name: str
    check_ins: int  # their own
    bonus: int  # teammates who kept their own target
    badge: bool


@dataclass(frozen=True, slots=True)
class QuestEnd:
    goal: int
    check_ins: int
    met: bool
    members: tuple[MemberWeek, ...]  # those who checked in, most check-ins first


def quest_end(
    goal: int,
    week_first: date,
    members: Sequence[tuple[int, str, Collection[date]]],
    rest_weekdays: Collection[int],
    targets: Mapping[int, Sequence[TargetChange]] | None = None,
    first_weekday: int = 0,
) -> QuestEnd:
    """The quest's end from each member's (id, name, counted days), ``targets`` by member
    id (none: daily). The days may reach back into a member's own week (``own_week``); the
    quest counts those of its own seven days."""
    last = week_first + timedelta(days=6)
    counted = {mid: sum(week_first <= d <= last for d in days) for mid, _, days in members}
    total = sum(counted.values())
    met = total >= goal
    kept = {
        mid
        for mid, _, days in members
        if kept_own_target(
            days, week_first, rest_weekdays, (targets or {}).get(mid, ()), first_weekday
        )
    }
    shown = [
        MemberWeek(mid, name, counted[mid], len(kept - {mid}), met)
        for mid, name, _ in members
        if counted[mid]
    ]
    shown.sort(key=lambda m: (-m.check_ins, m.name))
    return QuestEnd(goal, total, met, tuple(shown))
