"""The streak rules (docs/streak-rules.md), one edge at a time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import pytest

from bot.domain.streaks import (
    MILESTONE_LADDER,
    Advance,
    Break,
    Mark,
    Rules,
    StreakState,
    advance,
    breaks_overlapping,
    consistency,
    group_streak,
    is_milestone,
    missed_days_between,
    next_milestone,
    replay,
    standing,
)

MON = date(2026, 3, 2)  # a Monday
DEFAULT = Rules()
WEEKENDS_OFF = Rules(rest_weekdays=frozenset({5, 6}))
FAILS_DONT_COUNT = Rules(fail_counts=False)


def d(offset: int) -> date:
    """The day ``offset`` days after MON."""
    return MON + timedelta(days=offset)


def done(*offsets: int) -> dict[date, Mark]:
    return {d(o): Mark.DONE for o in offsets}


def run(days: int, start: int = 0) -> dict[date, Mark]:
    """``days`` check-ins in a row from ``d(start)``."""
    return done(*range(start, start + days))


def fold(
    days: dict[date, Mark], breaks: Sequence[Break] = (), rules: Rules = DEFAULT
) -> tuple[StreakState, list[Advance]]:
    """What /done does, day after day; checked against the definition on the way."""
    state, steps = StreakState(), []
    for day, mark in sorted(days.items()):
        step = advance(state, day, mark, breaks, rules)
        steps.append(step)
        state = step.state
    assert state == replay(days, breaks, rules)
    return state, steps


def announced(steps: Iterable[Advance]) -> list[int]:
    return [s.milestone for s in steps if s.milestone is not None]


# --- milestones -------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [*MILESTONE_LADDER, 400, 500, 1000, 2000])
def test_milestones(days: int) -> None:
    assert is_milestone(days)


@pytest.mark.parametrize("days", [0, 1, 2, 4, 8, 29, 31, 101, 350, 364, 366, 399, 450, 401])
def test_not_milestones(days: int) -> None:
    assert not is_milestone(days)


@pytest.mark.parametrize(
    ("days", "expected"), [(0, 3), (3, 7), (300, 365), (364, 365), (365, 400), (400, 500)]
)
def test_next_milestone(days: int, expected: int) -> None:
    assert next_milestone(days) == expected


def test_each_milestone_is_announced_once_on_the_day_that_reaches_it() -> None:
    _, steps = fold(run(520))
    assert announced(steps) == [*MILESTONE_LADDER, 400, 500]
    assert steps[364].milestone == 365  # the 365th check-in


def test_milestones_are_announced_again_in_a_new_run() -> None:
    _, steps = fold(run(7) | run(3, start=10))
    assert announced(steps) == [3, 7, 3]


# --- the run ----------------------------------------------------------------------------------


def test_empty_history() -> None:
    assert replay({}, [], DEFAULT) == StreakState()


def test_days_in_a_row() -> None:
    state, _ = fold(run(5))
    assert state == StreakState(current=5, best=5, last_day=d(4), run_start=d(0), previous_day=d(3))


def test_a_missed_day_breaks_the_run() -> None:
    state, steps = fold(run(3) | run(2, start=4))
    assert (state.current, state.best, state.run_start) == (2, 3, d(4))
    assert steps[3].streak_broken == 3
    assert steps[3].freezes_used == 0


def test_the_same_day_counts_once() -> None:
    state = replay(run(2), [], DEFAULT)
    again = advance(state, d(1), Mark.DONE, [], DEFAULT)
    assert again.state == state
    assert not again.counted


def test_a_day_before_the_last_counted_day_is_refused() -> None:
    state = replay(run(2), [], DEFAULT)
    with pytest.raises(ValueError, match="use replay"):
        advance(state, d(0) - timedelta(days=1), Mark.DONE, [], DEFAULT)


# --- rest days --------------------------------------------------------------------------------


def test_rest_days_bridge() -> None:
    state, steps = fold(run(5) | done(7), rules=WEEKENDS_OFF)  # Mon-Fri, then Monday
    assert state.current == 6
    assert steps[-1].freezes_used == 0


def test_a_check_in_on_a_rest_day_counts() -> None:
    state, _ = fold(run(7), rules=WEEKENDS_OFF)
    assert state.current == 7


def test_a_rest_day_does_not_excuse_the_days_around_it() -> None:
    # Friday done, Saturday and Sunday rest, Monday missed, Tuesday done.
    state, _ = fold(done(4, 8), rules=WEEKENDS_OFF)
    assert state.current == 1


def test_every_day_a_rest_day_never_breaks() -> None:
    rules = Rules(rest_weekdays=frozenset(range(7)))
    state, _ = fold(done(0, 100), rules=rules)
    assert state.current == 2


# --- breaks -----------------------------------------------------------------------------------


def test_a_break_bridges() -> None:
    state, _ = fold(run(3) | done(8), breaks=[Break(d(3), d(7))])
    assert state.current == 4
    assert state.freezes == 0


def test_a_check_in_during_a_break_counts() -> None:
    state, _ = fold(run(3) | done(4, 8), breaks=[Break(d(3), d(7))])
    assert state.current == 5


def test_a_break_ended_early_bridges_only_until_its_new_end() -> None:
    # A 5-day break from d(3), ended by the check-in on d(4): the caller passes the shortened
    # break, and the days after it are missed again.
    shortened = [Break(d(3), d(3))]
    assert fold(run(3) | done(4, 5), breaks=shortened)[0].current == 5
    assert fold(run(3) | done(4, 6), breaks=shortened)[0].current == 1


def test_days_after_a_break_are_missed() -> None:
    state, _ = fold(run(3) | done(9), breaks=[Break(d(3), d(7))])
    assert state.current == 1


def test_overlapping_breaks_and_rest_days_bridge_once() -> None:
    breaks = [Break(d(3), d(6)), Break(d(5), d(9)), Break(d(20), d(30))]
    # Between d(2) and d(13): d(3)..d(9) in breaks, d(12) is Saturday, d(10), d(11) missed.
    assert missed_days_between(d(2), d(13), breaks, WEEKENDS_OFF) == 2
    assert missed_days_between(d(2), d(13), breaks, DEFAULT) == 3
    assert missed_days_between(d(2), d(3), breaks, DEFAULT) == 0
    assert missed_days_between(d(2), d(2), breaks, DEFAULT) == 0


def test_breaks_overlapping() -> None:
    breaks = [Break(d(0), d(2)), Break(d(3), d(5)), Break(d(9), d(9))]
    assert breaks_overlapping(breaks, d(2), d(8)) == breaks[:2]
    assert breaks_overlapping(breaks, d(6), d(8)) == []


def test_a_break_called_off_on_its_first_day_covers_nothing() -> None:
    empty = Break(d(3), d(2))
    assert d(3) not in empty
    assert missed_days_between(d(0), d(6), [empty], DEFAULT) == 5
    assert fold(run(3) | done(4), breaks=[empty])[0].current == 1


# --- freezes ----------------------------------------------------------------------------------


def test_freezes_are_earned_at_7_and_14_and_held_at_most_2() -> None:
    _, steps = fold(run(22))
    held = [s.state.freezes for s in steps]
    assert held[5:8] == [0, 1, 1]  # the 7th day earns one
    assert held[12:15] == [1, 2, 2]  # the 14th another
    assert held[20:] == [2, 2]  # the 21st earns nothing at the cap


def test_freezes_follow_the_group_settings() -> None:
    assert replay(run(9), [], Rules(freeze_every=3, freeze_max=5)).freezes == 3
    assert replay(run(30), [], Rules(freeze_every=0)).freezes == 0
    assert replay(run(30), [], Rules(freeze_max=0)).freezes == 0


def test_a_gap_exactly_as_long_as_the_freezes_held_is_bridged() -> None:
    state, steps = fold(run(14) | done(16))
    assert steps[-1].freezes_used == 2
    assert steps[-1].streak_broken == 0
    assert (state.current, state.freezes) == (15, 0)


def test_freezes_used_are_not_refunded_and_are_earned_again() -> None:
    state, steps = fold(run(14) | run(7, start=16))
    # Counted days 15..21 after the gap: the 21st earns a freeze again.
    assert (state.current, state.freezes) == (21, 1)
    assert [s.freezes_used for s in steps].count(2) == 1


def test_a_gap_longer_than_the_freezes_breaks_the_run_and_loses_them() -> None:
    state, steps = fold(run(14) | done(17))
    assert steps[-1].streak_broken == 14
    assert steps[-1].freezes_used == 0
    assert state == StreakState(
        current=1,
        best=14,
        last_day=d(17),
        run_start=d(17),
        freezes=0,
        best_before_run=14,
        previous_day=d(13),
    )


def test_freezes_cannot_be_spent_in_advance() -> None:
    # Day 6 is missed before the 7th counted day could have earned a freeze.
    state, _ = fold(run(6) | done(7))
    assert state.current == 1


def test_one_freeze_covers_one_day_of_a_two_day_gap_not_half_of_it() -> None:
    state, _ = fold(run(7) | done(9))
    assert (state.current, state.freezes) == (1, 0)


# --- /fail ------------------------------------------------------------------------------------


def test_a_fail_counts_where_the_group_counts_fails() -> None:
    days = run(2) | {d(2): Mark.FAIL} | done(3)
    state, steps = fold(days)
    assert state.current == 4
    assert steps[2].counted


def test_a_fail_that_does_not_count_is_a_missed_day() -> None:
    days = run(2) | {d(2): Mark.FAIL} | done(3)
    state, steps = fold(days, rules=FAILS_DONT_COUNT)
    assert not steps[2].counted
    assert steps[2].state == steps[1].state
    assert state.current == 1


def test_a_fail_that_does_not_count_is_covered_by_a_freeze() -> None:
    days = run(7) | {d(7): Mark.FAIL} | done(8)
    state, steps = fold(days, rules=FAILS_DONT_COUNT)
    assert steps[-1].freezes_used == 1
    assert state.current == 8


def test_a_fail_that_does_not_count_on_a_rest_day_bridges() -> None:
    days = run(5) | {d(5): Mark.FAIL} | done(7)  # Saturday's fail, Monday's check-in
    rules = Rules(rest_weekdays=frozenset({5, 6}), fail_counts=False)
    assert fold(days, rules=rules)[0].current == 6


def test_trailing_fails_that_do_not_count_leave_the_state_as_of_the_last_counted_day() -> None:
    days = run(3) | {d(3): Mark.FAIL, d(4): Mark.FAIL}
    state, _ = fold(days, rules=FAILS_DONT_COUNT)
    assert (state.current, state.last_day) == (3, d(2))
    assert replay({d(0): Mark.FAIL}, [], FAILS_DONT_COUNT) == StreakState()


# --- best -------------------------------------------------------------------------------------


def test_best_is_the_longest_run() -> None:
    state, _ = fold(run(5) | run(2, start=6))
    assert (state.current, state.best) == (2, 5)


def test_new_best_is_announced_once_on_the_first_day_past_the_old_best() -> None:
    _, steps = fold(run(5) | run(8, start=6))
    second_run = steps[5:]
    assert [s.new_best for s in second_run] == [False] * 5 + [True, False, False]
    assert second_run[5].state.current == 6


def test_tying_the_best_is_not_a_new_best() -> None:
    _, steps = fold(run(5) | run(5, start=6))
    assert not any(s.new_best for s in steps)


def test_no_new_best_announced_when_the_old_best_was_under_3() -> None:
    _, steps = fold(run(2) | run(5, start=3))
    assert not any(s.new_best for s in steps)
    _, steps = fold(run(3) | run(5, start=4))
    assert [s.new_best for s in steps].count(True) == 1


def test_the_first_run_is_never_a_new_best() -> None:
    _, steps = fold(run(30))
    assert not any(s.new_best for s in steps)


def test_new_best_across_a_bridged_gap() -> None:
    # Old best 4, then a run of 4 bridged by a freeze-free rest weekend that reaches 5.
    _, steps = fold(run(4) | run(3, start=9) | done(14, 15), rules=WEEKENDS_OFF)
    assert [s.state.current for s in steps[4:]] == [1, 2, 3, 4, 5]
    assert [s.new_best for s in steps[4:]] == [False, False, False, False, True]


# --- standing ---------------------------------------------------------------------------------


def test_standing_before_any_check_in() -> None:
    view = standing(StreakState(), d(0), [], DEFAULT)
    assert (view.current, view.at_risk) == (0, False)


def test_standing_checked_in_today() -> None:
    view = standing(replay(run(3), [], DEFAULT), d(2), [], DEFAULT)
    assert (view.current, view.at_risk) == (3, False)


def test_today_not_checked_in_never_breaks_the_run() -> None:
    view = standing(replay(run(3), [], DEFAULT), d(3), [], DEFAULT)
    assert (view.current, view.at_risk) == (3, True)
    assert view.freezes_used == 0


def test_standing_a_missed_day_without_freezes_breaks_the_run() -> None:
    view = standing(replay(run(3), [], DEFAULT), d(4), [], DEFAULT)
    assert (view.current, view.at_risk, view.best) == (0, False, 3)


def test_standing_tells_the_freezes_used_for_the_notice() -> None:
    state = replay(run(23), [], DEFAULT)  # 3 freezes earned, 2 held
    view = standing(state, d(24), [], DEFAULT)
    assert (view.current, view.freezes, view.freezes_used, view.at_risk) == (23, 1, 1, True)
    view = standing(state, d(25), [], DEFAULT)
    assert (view.current, view.freezes, view.freezes_used) == (23, 0, 2)
    view = standing(state, d(26), [], DEFAULT)
    assert (view.current, view.freezes, view.freezes_used) == (0, 0, 0)


def test_standing_over_rest_days_and_breaks() -> None:
    state = replay(run(5), [], WEEKENDS_OFF)  # last check-in Friday
    assert standing(state, d(7), [], WEEKENDS_OFF).current == 5  # Monday
    breaks = [Break(d(7), d(9))]
    assert standing(state, d(10), breaks, WEEKENDS_OFF).current == 5
    assert standing(state, d(11), breaks, WEEKENDS_OFF).current == 0


def test_standing_after_moving_west_counts_as_checked_in() -> None:
    view = standing(replay(run(3), [], DEFAULT), d(1), [], DEFAULT)
    assert (view.current, view.at_risk) == (3, False)


# --- consistency and the group streak ---------------------------------------------------------


def test_consistency_counts_active_days_in_the_window() -> None:
    today = d(40)
    days = [today, today, today - timedelta(days=29), today - timedelta(days=30), d(41)]
    assert consistency(days, today) == 2
    assert consistency(days, today, window=1) == 1
    assert consistency([], today) == 0
    assert consistency(run(100), d(99)) == 30


def test_consistency_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="window"):
        consistency([], d(0), window=0)


def test_group_streak_ending_today() -> None:
    assert group_streak([d(0), d(1), d(2), d(4), d(5)], d(5)) == 2


def test_group_streak_today_absent_does_not_break_it() -> None:
    assert group_streak([d(1), d(2), d(3)], d(4)) == 3


def test_group_streak_broken_yesterday() -> None:
    assert group_streak([d(1), d(2)], d(4)) == 0
    assert group_streak([], d(4)) == 0


# --- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"rest_weekdays": frozenset({7})}, {"freeze_every": -1}, {"freeze_max": -1}],
)
def test_impossible_rules_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must"):
        Rules(**kwargs)  # type: ignore[arg-type]
