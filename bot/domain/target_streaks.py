"""A member's streak in the unit their target sets, daily or weekly, across switches.

- Each week belongs to the unit of its target (``targets.target_of_week``): a daily week to
  the daily engine (``streaks``), a weekly week to the weekly one (``weekly_streaks``). A
  check-in counts in its own week's unit only.
- A switch starts a new run in the new unit. The run of the unit left ends with its last week
  before the switch: it is not broken (no freeze is spent, no break is told) and its freezes
  go with it. Switching back later starts that unit's run afresh.
- The best is kept per unit: the best run of days and the best run of weeks, each over all the
  runs in its unit. A new best is told as each engine says, against the best of its unit.
- A change of target takes effect from the next week, so the week of a switch keeps the old
  unit: a member who goes from daily to 3 a week on a Wednesday keeps their daily run until
  the week ends, and their weekly run starts the next week at 0, counting its first week
  when that week reaches 3.
- Nothing carries over: a run of days says nothing about weeks of 3, nor weeks of 3 about
  days, so neither is converted into the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bot.domain import streaks, weekly_streaks
from bot.domain.gaps import Break
from bot.domain.streaks import Advance, Mark, Rules, Standing, StreakState
from bot.domain.targets import DAILY, TargetChange, target_of_week, targets_over, week_start
from bot.domain.weekly_streaks import WeeklyAdvance, WeeklyRules, WeeklyStanding, WeeklyState

__all__ = [
    "MemberStreaks",
    "advance",
    "daily_standing",
    "daily_state_for",
    "replay",
    "replay_daily",
    "standing",
]


@dataclass(frozen=True, slots=True)
class MemberStreaks:
    """What the database keeps of a member's streaks: one state per unit."""

    daily: StreakState = field(default_factory=StreakState)
    weekly: WeeklyState = field(default_factory=WeeklyState)


def _weekly_between(
    earlier: date, later: date, targets: Sequence[TargetChange], first_weekday: int
) -> bool:
    """Whether a week from ``earlier``'s to ``later``'s (both included) has a weekly target."""
    first, last = week_start(earlier, first_weekday), week_start(later, first_weekday)
    return any(
        target is not DAILY for *_, target in targets_over(targets, first, last, first_weekday)
    )


def daily_state_for(
    state: StreakState, day: date, targets: Sequence[TargetChange], first_weekday: int
) -> StreakState:
    """The daily state a check-in on ``day`` (in a daily week) moves on from: the kept one,
    or, if the member was weekly since its last day, a new run's that keeps the best."""
    if state.last_day is None or not _weekly_between(state.last_day, day, targets, first_weekday):
        return state
    return StreakState(best=state.best, best_before_run=state.best)


def replay_daily(
    days: Mapping[date, Mark],
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: Rules,
    first_weekday: int,
) -> StreakState:
    """The daily state after every day in ``days`` (the definition): each stretch of daily
    weeks replayed on its own (``streaks.replay``), the best carried from one to the next."""
    if not days:
        return StreakState()
    first, last = (week_start(d, first_weekday) for d in (min(days), max(days)))
    stretches: list[list[date]] = []  # [first week, last week] of each stretch of daily weeks
    for begin, end, target in targets_over(targets, first, last, first_weekday):
        if target is not DAILY:
            continue
        if stretches and (begin - stretches[-1][1]).days == 7:
            stretches[-1][1] = end
        else:
            stretches.append([begin, end])
    state = StreakState()
    for begin, end in stretches:
        own = {d: m for d, m in days.items() if begin <= week_start(d, first_weekday) <= end}
        run = streaks.replay(own, breaks, rules)
        if run.last_day is not None:
            state = replace(
                run,
                best=max(state.best, run.best),
                best_before_run=max(state.best, run.best_before_run),
            )
    return state


def daily_standing(
    state: StreakState,
    today: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: Rules,
    first_weekday: int,
) -> Standing:
    """``streaks.standing``, except that the daily run is over once a weekly week came (this
    week included)."""
    if state.last_day is not None and _weekly_between(
        state.last_day, max(today, state.last_day), targets, first_weekday
    ):
        return Standing(0, state.best, 0, 0, at_risk=False)
    return streaks.standing(state, today, breaks, rules)


def advance(
    kept: MemberStreaks,
    day: date,
    mark: Mark,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: Rules,
    weekly: WeeklyRules,
) -> tuple[MemberStreaks, Advance | WeeklyAdvance]:
    """Move the kept streaks forward by a check-in on ``day``, in the unit of its week.

    ``rules`` and ``weekly`` come from the same group settings (the same ``fail_counts``).
    ``breaks`` as each engine's ``advance`` needs them; a day before the latest counted day
    of its unit raises ValueError (recompute with ``replay``).
    """
    first_weekday = weekly.first_weekday
    if target_of_week(targets, week_start(day, first_weekday)) is not DAILY:
        step = weekly_streaks.advance(kept.weekly, day, mark, breaks, targets, weekly)
        return replace(kept, weekly=step.state), step
    daily = streaks.advance(
        daily_state_for(kept.daily, day, targets, first_weekday), day, mark, breaks, rules
    )
    if not daily.counted:  # a new run's state is only taken by a day that counts
        return kept, replace(daily, state=kept.daily)
    return replace(kept, daily=daily.state), daily


def replay(
    days: Mapping[date, Mark],
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: Rules,
    weekly: WeeklyRules,
) -> MemberStreaks:
    """The kept streaks after every day in ``days``: the definition ``advance`` must equal."""
    return MemberStreaks(
        daily=replay_daily(days, breaks, targets, rules, weekly.first_weekday),
        weekly=weekly_streaks.replay(days, breaks, targets, weekly),
    )


def standing(
    kept: MemberStreaks,
    today: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: Rules,
    weekly: WeeklyRules,
) -> Standing | WeeklyStanding:
    """The streak ``/streak`` shows on ``today``: in the unit of today's week."""
    if target_of_week(targets, week_start(today, weekly.first_weekday)) is not DAILY:
        return weekly_streaks.standing(kept.weekly, today, breaks, targets, weekly)
    return daily_standing(kept.daily, today, breaks, targets, rules, weekly.first_weekday)
