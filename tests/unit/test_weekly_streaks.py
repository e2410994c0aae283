"""The weekly streak rules, one edge at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from bot.domain.streaks import Break, Mark
from bot.domain.targets import DAILY, TargetChange
from bot.domain.week_gaps import available_days, weeks_between
from bot.domain.weekly_streaks import (
    MILESTONES,
    WeeklyAdvance,
    WeeklyRules,
    WeeklyState,
    WeekProgress,
    advance,
    replay,
    standing,
    week_progress,
)

MON = date(2026, 3, 2)  # a Monday: week 0 of every scene
RULES = WeeklyRules()
THREE = [TargetChange(MON - timedelta(weeks=10), 3)]  # 3 a week since long before


def d(week: int, weekday: int = 0) -> date:
    """Day ``weekday`` (0 = Monday) of week ``week`` after MON's."""
    return MON + timedelta(weeks=week, days=weekday)


def done(*days: date) -> dict[date, Mark]:
    return dict.fromkeys(days, Mark.DONE)


def weeks_of(count: int, start: int = 0, weekdays: Sequence[int] = (0, 2, 4)) -> dict[date, Mark]:
    """Check-ins on ``weekdays`` of ``count`` weeks in a row from week ``start``."""
    return done(*(d(w, wd) for w in range(start, start + count) for wd in weekdays))


def fold(
    days: dict[date, Mark],
    breaks: Sequence[Break] = (),
    targets: Sequence[TargetChange] = THREE,
    rules: WeeklyRules = RULES,
) -> tuple[WeeklyState, list[WeeklyAdvance]]:
    """What /done does, check-in after check-in; checked against the definition on the way."""
    state, steps = WeeklyState(), []
    so_far: dict[date, Mark] = {}
    for day, mark in sorted(days.items()):
        step = advance(state, day, mark, breaks, targets, rules)
        steps.append(step)
        state = step.state
        so_far[day] = mark
        assert state == replay(so_far, breaks, targets, rules)
    return state, steps


def counted_weeks(steps: Sequence[WeeklyAdvance]) -> list[int]:
    """The run's length on each check-in that made its week count."""
    return [s.state.current for s in steps if s.week_counted]


# --- a scene of six weeks -----------------------------------------------------------------


def test_six_weeks_with_a_break_week_and_a_missed_week_covered_by_a_freeze() -> None:
    # Weeks 0-3 count (3 a week), week 4 is wholly a break, week 5 has one check-in of 3.
    days = weeks_of(4) | done(d(5, 1))
    away = [Break(d(4, 0), d(4, 6))]
    state, steps = fold(days, away)
    assert counted_weeks(steps) == [1, 2, 3, 4]
    assert [s.milestone for s in steps if s.milestone] == [2, 4]
    assert (state.current, state.freezes, state.last_week) == (4, 1, d(3))  # earned at 4

    # On week 5's last day the run still stands: this week never breaks it before it ends.
    view = standing(state, d(5, 6), away, THREE, RULES)
    assert (view.current, view.freezes_used) == (4, 0)
    assert view.week == WeekProgress(check_ins=1, target=3, days_left=1)
    # A week later the break bridged week 4 and the freeze covers week 5.
    view = standing(state, d(6, 0), away, THREE, RULES)
    assert (view.current, view.freezes, view.freezes_used) == (4, 0, 1)

    # The next week that counts spends the freeze for good.
    state, steps = fold(days | weeks_of(1, start=6), away)
    last = steps[-1]
    assert (last.week_counted, last.freezes_used, last.missed, last.streak_broken) == (
        True,
        1,
        1,
        0,
    )
    assert (state.current, state.freezes, state.run_start) == (5, 0, d(0))


# --- what a week is -------------------------------------------------------------------------


def test_a_week_counts_on_the_check_in_that_reaches_its_target() -> None:
    _, steps = fold(done(d(0, 0), d(0, 1), d(0, 2), d(0, 3)))
    assert [s.week_counted for s in steps] == [False, False, True, False]
    assert [s.check_ins for s in steps] == [1, 2, 3, 4]
    assert [s.state.current for s in steps] == [0, 0, 1, 1]


def test_the_same_date_counts_once() -> None:
    state, _ = fold(done(d(0, 0), d(0, 1)))
    again = advance(state, d(0, 1), Mark.DONE, [], THREE, RULES)
    assert again.state == state
    assert (again.counted, again.check_ins) == (False, 2)


def test_a_day_before_the_latest_is_refused() -> None:
    state, _ = fold(done(d(0, 2)))
    with pytest.raises(ValueError, match="use replay"):
        advance(state, d(0, 1), Mark.DONE, [], THREE, RULES)


def test_fails_count_as_the_group_says() -> None:
    days = done(d(0, 0), d(0, 1)) | {d(0, 2): Mark.FAIL}
    assert fold(days)[0].current == 1
    strict = WeeklyRules(fail_counts=False)
    state, steps = fold(days, rules=strict)
    assert (state.current, state.week_check_ins, steps[-1].counted) == (0, 2, False)


def test_rest_days_do_not_apply_and_any_three_dates_do() -> None:
    state, _ = fold(done(d(0, 5), d(0, 6), d(1, 0), d(1, 1), d(1, 2)))  # Sat, Sun, Mon-Wed
    assert (state.current, state.best) == (1, 1)  # week 0 had 2, week 1 counted


def test_the_week_starts_on_the_groups_first_weekday() -> None:
    sunday_weeks = WeeklyRules(first_weekday=6)
    # Sat, Sun, Mon: one week from Monday, but Saturday ends a week that starts on Sunday.
    days = done(d(0, 5), d(0, 6), d(1, 0))
    assert fold(days)[0].current == 0
    assert fold(days, rules=sunday_weeks)[0].current == 0
    state, _ = fold(days | done(d(1, 1)), rules=sunday_weeks)
    assert (state.current, state.last_week) == (1, d(0, 6))


# --- breaks -------------------------------------------------------------------------------


def test_a_week_with_fewer_days_outside_breaks_than_its_target_bridges() -> None:
    five_days_away = [Break(d(1, 0), d(1, 4))]  # two days left, target 3
    assert available_days(d(1), five_days_away) == 2
    state, steps = fold(weeks_of(1) | weeks_of(1, start=2), five_days_away)
    assert (state.current, steps[-1].missed, steps[-1].streak_broken) == (2, 0, 0)


def test_a_week_with_as_many_days_outside_breaks_as_its_target_is_missed() -> None:
    four_days_away = [Break(d(1, 0), d(1, 3))]  # three days left, target 3
    state, steps = fold(weeks_of(1) | weeks_of(1, start=2), four_days_away)
    assert (state.current, steps[-1].streak_broken) == (1, 1)


def test_a_week_inside_a_break_still_counts_when_its_target_is_reached() -> None:
    away = [Break(d(1, 0), d(1, 6))]
    state, _ = fold(weeks_of(2), away)
    assert state.current == 2


def test_a_long_break_bridges_every_week_it_covers() -> None:
    away = [Break(d(1, 3), d(9, 2))]  # weeks 2-8 whole, 1 and 9 in part
    gap = weeks_between(d(0), d(10), away, THREE, RULES.first_weekday)
    assert (gap.missed, gap.switched) == (2, False)  # weeks 1 and 9 have 3 and 4 days out
    assert fold(weeks_of(1) | weeks_of(1, start=10), away)[0].current == 1


# --- freezes ------------------------------------------------------------------------------


def test_freezes_are_earned_every_4_weeks_and_held_at_most_2() -> None:
    _, steps = fold(weeks_of(13))
    held = [s.state.freezes for s in steps if s.week_counted]
    assert held == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]


def test_two_missed_weeks_are_covered_by_two_freezes_three_break_the_run() -> None:
    bridged, steps = fold(weeks_of(8) | weeks_of(1, start=10))
    assert (bridged.current, bridged.freezes, steps[-1].freezes_used) == (9, 0, 2)
    broken, steps = fold(weeks_of(8) | weeks_of(1, start=11))
    assert (broken.current, broken.freezes, broken.best) == (1, 0, 8)
    assert (steps[-1].streak_broken, steps[-1].freezes_used, steps[-1].missed) == (8, 0, 3)


def test_freezes_follow_the_rules() -> None:
    assert fold(weeks_of(6), rules=WeeklyRules(freeze_every=2, freeze_max=5))[0].freezes == 3
    assert fold(weeks_of(8), rules=WeeklyRules(freeze_every=0))[0].freezes == 0
    assert fold(weeks_of(8), rules=WeeklyRules(freeze_max=0))[0].freezes == 0


# --- milestones and the best --------------------------------------------------------------


@pytest.mark.parametrize("weeks", [2, 4, 8, 12, 26, 52, 78, 104, 130])
def test_milestones(weeks: int) -> None:
    assert MILESTONES.reached(weeks)


@pytest.mark.parametrize("weeks", [0, 1, 3, 5, 13, 25, 27, 51, 53, 65, 77, 100])
def test_not_milestones(weeks: int) -> None:
    assert not MILESTONES.reached(weeks)


@pytest.mark.parametrize(("weeks", "expected"), [(0, 2), (2, 4), (12, 26), (52, 78), (80, 104)])
def test_next_milestone(weeks: int, expected: int) -> None:
    assert MILESTONES.next_after(weeks) == expected


def test_each_milestone_is_announced_once_when_the_week_counts() -> None:
    _, steps = fold(weeks_of(53))
    assert [s.milestone for s in steps if s.milestone] == [2, 4, 8, 12, 26, 52]
    assert all(s.week_counted for s in steps if s.milestone)


def test_a_new_best_is_announced_once_when_the_run_passes_a_best_of_2_or_more() -> None:
    # Three weeks, three weeks missed (no freeze yet), then a run of five.
    _, steps = fold(weeks_of(3) | weeks_of(5, start=6))
    assert [(s.state.current, s.new_best) for s in steps if s.week_counted][3:] == [
        (1, False),
        (2, False),
        (3, False),
        (4, True),
        (5, False),
    ]


def test_passing_a_best_of_one_week_is_not_announced() -> None:
    _, steps = fold(weeks_of(1) | weeks_of(4, start=2))
    assert not any(s.new_best for s in steps)
    _, steps = fold(weeks_of(2) | weeks_of(4, start=3))
    assert [s.state.current for s in steps if s.new_best] == [3]


# --- targets change from the next week ----------------------------------------------------


def test_a_new_target_starts_the_next_week_and_this_week_keeps_the_old_one() -> None:
    # Set to 5 on week 1's Tuesday: it takes effect on week 2's Monday.
    targets = [*THREE, TargetChange(d(2), 5)]
    state, steps = fold(weeks_of(3), targets=targets)
    assert counted_weeks(steps) == [1, 2]  # week 2 had 3 of 5
    assert [s.target for s in steps][-3:] == [5, 5, 5]
    assert (state.current, state.week_check_ins) == (2, 3)
    state, _ = fold(weeks_of(2) | weeks_of(1, start=2, weekdays=range(5)), targets=targets)
    assert state.current == 3


def test_of_two_changes_for_the_same_week_the_later_wins() -> None:
    targets = [*THREE, TargetChange(d(1), 6), TargetChange(d(1), 1)]
    assert fold(done(d(1, 3)), targets=targets)[0].current == 1


# --- standing, at risk and this week's progress -------------------------------------------


def test_at_risk_on_the_weeks_last_day_with_one_check_in_to_go() -> None:
    state, _ = fold(weeks_of(2) | done(d(2, 0), d(2, 1)))
    sunday = d(2, 6)
    view = standing(state, sunday, [], THREE, RULES)
    assert (view.current, view.at_risk) == (2, True)
    assert view.week == WeekProgress(check_ins=2, target=3, days_left=1)
    step = advance(state, sunday, Mark.DONE, [], THREE, RULES)
    assert (step.week_counted, step.state.current) == (True, 3)
    assert standing(step.state, sunday, [], THREE, RULES).at_risk is False


def test_at_risk_only_when_every_day_left_is_needed() -> None:
    state, _ = fold(weeks_of(2) | done(d(2, 0)))
    assert not standing(state, d(2, 3), [], THREE, RULES).at_risk  # Thu: 4 days for 2
    assert not standing(state, d(2, 4), [], THREE, RULES).at_risk  # Fri: 3 days for 2
    assert standing(state, d(2, 5), [], THREE, RULES).at_risk  # Sat: 2 days for 2
    lost = standing(state, d(2, 6), [], THREE, RULES)  # Sun: 1 day for 2, the week is lost
    assert (lost.current, lost.at_risk) == (2, False)
    assert standing(state, d(3, 0), [], THREE, RULES).current == 0  # Monday: broken


def test_a_check_in_today_takes_today_out_of_the_days_left() -> None:
    state, _ = fold(weeks_of(2) | done(d(2, 5)))  # Saturday, 1 of 3
    view = standing(state, d(2, 5), [], THREE, RULES)
    assert view.week == WeekProgress(check_ins=1, target=3, days_left=1)
    assert not view.at_risk  # only Sunday is left for 2: lost, not at risk


def test_break_days_are_not_days_left() -> None:
    state, _ = fold(weeks_of(2))
    away = [Break(d(2, 0), d(2, 3))]  # Mon-Thu away: Fri-Sun left for 3
    view = standing(state, d(2, 0), away, THREE, RULES)
    assert view.week == WeekProgress(check_ins=0, target=3, days_left=3)
    assert view.at_risk


def test_a_week_that_would_bridge_is_not_at_risk() -> None:
    # Mon-Thu away, but a check-in on Wednesday: Fri-Sun are left for the 2 still needed, yet
    # a week with 3 days outside breaks bridges for a target of 4, so nothing is at risk.
    four = [TargetChange(MON - timedelta(weeks=10), 4)]
    away = [Break(d(2, 0), d(2, 3))]
    state, _ = fold(weeks_of(2, weekdays=range(4)) | done(d(2, 2)), away, targets=four)
    view = standing(state, d(2, 4), away, four, RULES)
    assert view.week == WeekProgress(check_ins=1, target=4, days_left=3)
    assert (view.current, view.at_risk) == (2, False)


def test_no_risk_without_a_run() -> None:
    view = standing(WeeklyState(), d(0, 6), [], THREE, RULES)
    assert (view.current, view.at_risk) == (0, False)
    assert view.week == WeekProgress(check_ins=0, target=3, days_left=1)


def test_progress_in_a_new_week_starts_at_zero() -> None:
    state, _ = fold(weeks_of(1))
    assert week_progress(state, d(1, 2), [], THREE, RULES) == WeekProgress(0, 3, 5)
    assert WeekProgress(2, 3, 5).needed == 1
    assert WeekProgress(4, 3, 0).reached
    assert WeekProgress(4, 3, 0).needed == 0


def test_a_daily_week_has_no_weekly_progress() -> None:
    targets = [*THREE, TargetChange(d(1), DAILY)]
    state, _ = fold(weeks_of(1), targets=targets)
    assert week_progress(state, d(1, 2), [], targets, RULES) is None
    view = standing(state, d(1, 2), [], targets, RULES)
    assert (view.current, view.best, view.week) == (0, 1, None)


def test_after_moving_west_the_latest_day_stands_for_today() -> None:
    state, _ = fold(weeks_of(1) | done(d(1, 0)))
    view = standing(state, d(0, 6), [], THREE, RULES)  # Monday's check-in, seen on Sunday
    assert view.week == WeekProgress(check_ins=1, target=3, days_left=6)
    assert view.current == 1


# --- rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"first_weekday": 7}, {"first_weekday": -1}, {"freeze_every": -1}, {"freeze_max": -1}],
)
def test_impossible_rules_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="must"):
        WeeklyRules(**kwargs)  # type: ignore[arg-type]
