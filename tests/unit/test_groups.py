"""Group-level rules: who is active, the group streak's bar, who is at risk; and the dots."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.gaps import Break
from bot.domain.groups import (
    ACTIVE_DAYS,
    group_bar,
    group_streak_from_counts,
    is_active,
    is_at_risk,
)
from bot.domain.member_days import DayKind, recent_kinds
from bot.domain.streaks import Mark, Rules, Standing
from bot.texts.streaks import dots

MONDAY = date(2026, 3, 2)


def test_active_means_a_checkin_in_the_last_fourteen_days() -> None:
    assert ACTIVE_DAYS == 14
    assert is_active(MONDAY, MONDAY)
    assert is_active(MONDAY - timedelta(days=14), MONDAY)
    assert not is_active(MONDAY - timedelta(days=15), MONDAY)
    assert not is_active(None, MONDAY)
    days = [MONDAY, MONDAY - timedelta(days=20), None, MONDAY - timedelta(days=3)]
    assert sum(is_active(day, MONDAY) for day in days) == 2


@pytest.mark.parametrize(
    ("share", "active", "bar"),
    [(0, 10, 1), (0, 0, 1), (50, 10, 5), (50, 9, 5), (34, 3, 2), (100, 7, 7), (100, 0, 1)],
)
def test_the_bar_is_one_member_or_the_share_rounded_up(share: int, active: int, bar: int) -> None:
    assert group_bar(share, active) == bar


def test_a_share_outside_zero_to_a_hundred_is_refused() -> None:
    with pytest.raises(ValueError, match="share"):
        group_bar(101, 3)


def test_group_streak_counts_days_that_meet_the_bar() -> None:
    counts = {MONDAY - timedelta(days=n): members for n, members in enumerate([3, 2, 1, 3, 3])}
    assert group_streak_from_counts(counts, 1, MONDAY) == 5
    assert group_streak_from_counts(counts, 2, MONDAY) == 2
    # Today not met yet: the streak still stands on yesterday's.
    assert group_streak_from_counts(counts, 3, MONDAY) == 1
    assert group_streak_from_counts(counts, 3, MONDAY + timedelta(days=1)) == 1


def _standing(current: int, checked_in_today: bool = False) -> Standing:
    alive = current > 0 and not checked_in_today
    return Standing(current, current, 0, 0, at_risk=alive)


def test_at_risk_is_a_run_of_two_or_more_without_todays_checkin() -> None:
    rules = Rules()
    assert is_at_risk(_standing(2), MONDAY, rules, [])
    assert not is_at_risk(_standing(1), MONDAY, rules, [])
    assert not is_at_risk(_standing(5, checked_in_today=True), MONDAY, rules, [])
    assert not is_at_risk(_standing(0), MONDAY, rules, [])


def test_nobody_is_at_risk_on_a_rest_day_or_during_a_break() -> None:
    assert not is_at_risk(_standing(4), MONDAY, Rules(rest_weekdays=frozenset({0})), [])
    on_break = [Break(MONDAY - timedelta(days=1), MONDAY + timedelta(days=1))]
    assert not is_at_risk(_standing(4), MONDAY, Rules(), on_break)
    ended = [Break(MONDAY - timedelta(days=3), MONDAY - timedelta(days=1))]
    assert is_at_risk(_standing(4), MONDAY, Rules(), ended)


def test_recent_kinds_tell_each_kind_of_day_oldest_first() -> None:
    today = MONDAY + timedelta(days=6)  # a Sunday
    marks = {
        MONDAY: Mark.DONE,
        MONDAY + timedelta(days=1): Mark.FAIL,
        MONDAY + timedelta(days=5): Mark.DONE,  # Saturday, a rest day with a check-in
    }
    rules = Rules(rest_weekdays=frozenset({5}))
    breaks = [Break(MONDAY + timedelta(days=3), MONDAY + timedelta(days=3))]
    assert recent_kinds(marks, breaks, rules, today) == (
        DayKind.CHECKED_IN,
        DayKind.FAIL_COUNTED,
        DayKind.MISSED,
        DayKind.BREAK,
        DayKind.MISSED,
        DayKind.CHECKED_IN,
        DayKind.OPEN,
    )
    strict = Rules(fail_counts=False)
    assert recent_kinds(marks, [], strict, today, count=7)[1] is DayKind.FAIL_UNCOUNTED
    assert recent_kinds({today: Mark.DONE}, [], rules, today, count=1) == (DayKind.CHECKED_IN,)
    assert dots(recent_kinds(marks, breaks, rules, today)) == "🟩🟨⬜💤⬜🟩▫️"
