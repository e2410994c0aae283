"""Targets and the weeks they apply to."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.targets import (
    DAILY,
    TargetChange,
    first_week_from,
    takes_effect,
    target_of_week,
    targets_over,
    week_start,
)
from tests.unit.target_strategies import target_changes

WED = date(2026, 3, 4)  # a Wednesday
MONDAY, SATURDAY, SUNDAY = 0, 5, 6


@pytest.mark.parametrize(
    ("first_weekday", "expected"),
    [(MONDAY, date(2026, 3, 2)), (SUNDAY, date(2026, 3, 1)), (SATURDAY, date(2026, 2, 28))],
)
def test_a_week_starts_on_the_groups_first_weekday(first_weekday: int, expected: date) -> None:
    assert week_start(WED, first_weekday) == expected
    assert week_start(expected, first_weekday) == expected
    assert week_start(expected + timedelta(days=6), first_weekday) == expected
    assert takes_effect(WED, first_weekday) == expected + timedelta(days=7)
    assert takes_effect(expected, first_weekday) == expected + timedelta(days=7)


def test_the_first_week_from_a_day() -> None:
    assert first_week_from(WED, MONDAY) == date(2026, 3, 9)
    assert first_week_from(date(2026, 3, 9), MONDAY) == date(2026, 3, 9)


def test_daily_before_any_change() -> None:
    assert target_of_week([], week_start(WED, MONDAY)) is DAILY
    later = [TargetChange(date(2026, 3, 9), 3)]
    assert target_of_week(later, date(2026, 3, 2)) is DAILY
    assert target_of_week(later, date(2026, 3, 9)) == 3
    assert target_of_week(later, date(2027, 3, 8)) == 3


def test_the_later_of_two_changes_from_the_same_day_wins() -> None:
    week = date(2026, 3, 9)
    changes = [TargetChange(week, 3), TargetChange(week, DAILY), TargetChange(week, 2)]
    assert target_of_week(changes, week) == 2
    assert target_of_week(list(reversed(changes)), week) == 3


def test_a_change_that_starts_mid_week_starts_with_the_next_week() -> None:
    # Set for Mondays, read after the group moved its weeks to Sundays.
    changes = [TargetChange(date(2026, 3, 9), 4)]
    assert target_of_week(changes, date(2026, 3, 8)) is DAILY  # Sunday before it
    assert target_of_week(changes, date(2026, 3, 15)) == 4


@pytest.mark.parametrize("per_week", [0, 7, -1])
def test_a_weekly_target_is_1_to_6(per_week: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.6"):
        TargetChange(WED, per_week)


def test_a_week_may_start_on_any_weekday_only() -> None:
    with pytest.raises(ValueError, match=r"0\.\.6"):
        week_start(WED, 7)


@settings(max_examples=300)
@given(st.integers(0, 6), st.integers(0, 40), st.data())
def test_spans_of_targets_agree_with_each_weeks_target(
    first_weekday: int, weeks: int, data: st.DataObject
) -> None:
    first = week_start(WED, first_weekday)
    last = first + timedelta(weeks=weeks)
    changes = data.draw(target_changes(first, weeks * 7, first_weekday))
    spans = list(targets_over(changes, first, last, first_weekday))
    assert spans[0][0] == first
    assert spans[-1][1] == last
    for (_, end, _), (begin, _, _) in itertools.pairwise(spans):
        assert begin == end + timedelta(days=7)
    for begin, end, target in spans:
        week = begin
        while week <= end:
            assert target_of_week(changes, week) == target
            week += timedelta(days=7)
