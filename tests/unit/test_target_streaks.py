"""Switching between daily and weekly: a new run in the new unit, the best kept per unit;
and the kept pair equals its replay on generated histories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.streaks import Advance, Mark, Rules, Standing
from bot.domain.target_streaks import (
    MemberStreaks,
    advance,
    daily_standing,
    replay,
    standing,
)
from bot.domain.targets import DAILY, TargetChange, takes_effect
from bot.domain.weekly_streaks import WeeklyAdvance, WeeklyRules, WeeklyStanding, WeekProgress
from tests.unit.target_strategies import TargetedHistory, targeted_histories

MON = date(2026, 3, 2)  # a Monday: week 0
RULES = Rules()
WEEKLY = WeeklyRules()


def d(week: int, weekday: int = 0) -> date:
    return MON + timedelta(weeks=week, days=weekday)


def fold(
    days: Sequence[date], targets: Sequence[TargetChange], marks: dict[date, Mark] | None = None
) -> tuple[MemberStreaks, list[Advance | WeeklyAdvance]]:
    """What /done does, day after day; the kept pair checked against the replay on the way."""
    kept, steps = MemberStreaks(), []
    so_far: dict[date, Mark] = {}
    for day in days:
        mark = (marks or {}).get(day, Mark.DONE)
        kept, step = advance(kept, day, mark, [], targets, RULES, WEEKLY)
        steps.append(step)
        so_far[day] = mark
        assert kept == replay(so_far, [], targets, RULES, WEEKLY)
    return kept, steps


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# Daily for ten days, then on week 1's Wednesday: "/target 3".
SET_ON = d(1, 2)
TO_THREE = [TargetChange(takes_effect(SET_ON, WEEKLY.first_weekday), 3)]


def test_a_switch_from_daily_to_3_a_week_on_a_wednesday() -> None:
    assert TO_THREE[0].starts == d(2, 0)
    # The week of the change keeps its target: the daily run goes on until Sunday.
    kept, steps = fold(every_day(d(0, 0), d(1, 6)), TO_THREE)
    assert all(isinstance(step, Advance) for step in steps)
    assert (kept.daily.current, steps[-1].milestone) == (14, 14)
    sunday = standing(kept, d(1, 6), [], TO_THREE, RULES, WEEKLY)
    assert isinstance(sunday, Standing)
    assert sunday.current == 14

    # From Monday the streak is counted in weeks, from nothing.
    monday = standing(kept, d(2, 0), [], TO_THREE, RULES, WEEKLY)
    assert isinstance(monday, WeeklyStanding)
    assert (monday.current, monday.best, monday.at_risk) == (0, 0, False)
    assert monday.week == WeekProgress(check_ins=0, target=3, days_left=7)
    assert daily_standing(kept.daily, d(2, 0), [], TO_THREE, RULES, 0).current == 0

    kept, steps = fold([*every_day(d(0, 0), d(1, 6)), d(2, 0), d(2, 2), d(2, 4)], TO_THREE)
    weekly = [step for step in steps if isinstance(step, WeeklyAdvance)]
    assert [(s.check_ins, s.week_counted) for s in weekly] == [(1, False), (2, False), (3, True)]
    assert (kept.weekly.current, kept.weekly.run_start) == (1, d(2))
    # The daily run and its best are kept as they were on the last daily day.
    assert (kept.daily.current, kept.daily.best, kept.daily.last_day) == (14, 14, d(1, 6))
    friday = standing(kept, d(2, 4), [], TO_THREE, RULES, WEEKLY)
    assert isinstance(friday, WeeklyStanding)
    assert (friday.current, friday.best) == (1, 1)


def test_switching_back_starts_each_unit_afresh_and_keeps_each_best() -> None:
    targets = [
        TargetChange(d(2), 3),  # weeks 2 and 3 weekly
        TargetChange(d(4), DAILY),  # weeks 4 and 5 daily
        TargetChange(d(6), 3),  # weekly again from week 6
    ]
    days = [
        *every_day(d(0, 0), d(1, 6)),  # 14 days
        *(d(w, wd) for w in (2, 3) for wd in (0, 2, 4)),  # two weeks
        *every_day(d(4, 0), d(5, 6)),  # 14 days again
        *(d(6, wd) for wd in (0, 2, 4)),  # a first week again
    ]
    kept, steps = fold(days, targets)
    back_to_daily = steps[20]
    assert isinstance(back_to_daily, Advance)
    assert (back_to_daily.state.current, back_to_daily.state.best) == (1, 14)
    assert (back_to_daily.streak_broken, back_to_daily.comeback) == (0, False)
    passing = [s for s in steps[20:34] if isinstance(s, Advance) and s.new_best]
    assert passing == []  # 14 ties the best of days, it doesn't pass it
    assert (kept.daily.current, kept.daily.best) == (14, 14)

    back_to_weekly = steps[-1]
    assert isinstance(back_to_weekly, WeeklyAdvance)
    assert back_to_weekly.week_counted
    # A switch is not a break: no freeze spent, nothing broken; a new run of weeks.
    assert (back_to_weekly.streak_broken, back_to_weekly.freezes_used) == (0, 0)
    assert (kept.weekly.current, kept.weekly.best, kept.weekly.best_before_run) == (1, 2, 2)


def test_a_first_day_back_that_does_not_count_changes_nothing() -> None:
    targets = [TargetChange(d(1), 3), TargetChange(d(2), DAILY)]
    days = [*every_day(d(0, 0), d(0, 6)), d(1, 0), d(1, 1), d(1, 2), d(2, 0), d(2, 1)]
    strict = Rules(fail_counts=False)
    kept = MemberStreaks()
    for day in days:
        mark = Mark.FAIL if day == d(2, 0) else Mark.DONE
        before = kept
        kept, step = advance(kept, day, mark, [], targets, strict, WeeklyRules(fail_counts=False))
        if day == d(2, 0):
            assert not step.counted
            assert kept == before
    assert (kept.daily.current, kept.daily.best, kept.daily.run_start) == (1, 7, d(2, 1))


@settings(max_examples=500)
@given(targeted_histories())
def test_both_units_kept_together_equal_their_replay(history: TargetedHistory) -> None:
    """Daily and weekly stretches mixed: each check-in goes to its week's unit, and the kept
    pair equals the replay of both after every step."""
    kept = MemberStreaks()
    so_far: dict[date, Mark] = {}
    args = (history.breaks, history.targets, history.rules, history.weekly)
    for day, mark in history.in_order():
        kept, _ = advance(kept, day, mark, *args)
        so_far[day] = mark
        assert kept == replay(so_far, *args)


@settings(max_examples=300)
@given(targeted_histories(), st.integers(0, 30))
def test_the_standing_in_either_unit_foretells_the_next_check_in(
    history: TargetedHistory, ahead: int
) -> None:
    args = (history.breaks, history.targets, history.rules, history.weekly)
    if not history.days:
        return
    kept = replay(history.days, *args)
    today = max(history.days) + timedelta(days=ahead)
    view = standing(kept, today, *args)
    after, step = advance(kept, today, Mark.DONE, *args)
    assert after == replay(history.days | {today: Mark.DONE}, *args)
    if isinstance(view, WeeklyStanding):
        assert isinstance(step, WeeklyAdvance)
        return
    assert isinstance(step, Advance)
    if not step.counted:
        return
    if view.current:
        assert (step.state.current, step.freezes_used) == (view.current + 1, view.freezes_used)
    else:
        assert step.state.current == 1
