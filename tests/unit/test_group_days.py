"""A group's days for /stats group: who is active, who showed up, and the group's figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.group_days import (
    GroupDay,
    active_by_day,
    average_share,
    group_days,
    group_year,
    showed_up_by_day,
)
from bot.domain.groups import ACTIVE_DAYS, is_active
from bot.domain.streaks import Mark, Rules

MON = date(2026, 3, 2)
DEFAULT = Rules()
FAILS_DONT_COUNT = Rules(fail_counts=False)


def d(offset: int) -> date:
    return MON + timedelta(days=offset)


def done(*offsets: int) -> dict[date, Mark]:
    return {d(o): Mark.DONE for o in offsets}


# --- active -----------------------------------------------------------------------------------


def test_a_fail_that_does_not_count_still_makes_a_member_active() -> None:
    members = [{d(0): Mark.FAIL}]
    assert active_by_day(members, d(0), d(0)) == {d(0): 1}
    assert showed_up_by_day(members, FAILS_DONT_COUNT) == {}
    assert showed_up_by_day(members, DEFAULT) == {d(0): 1}


def test_a_member_stays_active_fourteen_days_after_an_entry() -> None:
    active = active_by_day([done(0)], d(-1), d(ACTIVE_DAYS + 1))
    assert active[d(-1)] == 0
    assert all(active[d(i)] == 1 for i in range(ACTIVE_DAYS + 1))
    assert active[d(ACTIVE_DAYS + 1)] == 0


def test_a_member_with_many_entries_counts_once_a_day() -> None:
    active = active_by_day([done(0, 1, 2, 10, 30)], d(0), d(50))
    assert set(active.values()) == {0, 1}
    assert active[d(25)] == 0  # 15 days after d(10)
    assert active[d(30)] == 1


_offsets = st.lists(st.integers(-40, 40), max_size=12, unique=True)


@settings(max_examples=300)
@given(st.lists(_offsets, max_size=6), st.integers(-20, 20), st.integers(0, 30))
def test_active_by_day_is_is_active_on_the_latest_entry(
    members: list[list[int]], first: int, length: int
) -> None:
    histories = [done(*offsets) for offsets in members]
    active = active_by_day(histories, d(first), d(first + length))
    for day, count in active.items():
        latest = [max((e for e in h if e <= day), default=None) for h in histories]
        assert count == sum(is_active(entry, day) for entry in latest)


# --- days and shares ---------------------------------------------------------------------------


def test_share_of_active_members_who_showed_up() -> None:
    members = [done(0, 1), done(0), {d(1): Mark.FAIL}, done(-20)]
    days = group_days(members, DEFAULT, d(0), d(1))
    assert days == (GroupDay(d(0), 2, 2), GroupDay(d(1), 2, 3))
    assert days[1].share == pytest.approx(2 / 3)
    assert group_days(members, FAILS_DONT_COUNT, d(1), d(1)) == (GroupDay(d(1), 1, 3),)
    assert GroupDay(d(0), 0, 0).share == 0.0


def test_average_share_skips_days_nobody_was_active() -> None:
    days = [GroupDay(d(0), 1, 2), GroupDay(d(1), 0, 0), GroupDay(d(2), 2, 2)]
    assert average_share(days) == pytest.approx(0.75)
    assert average_share([GroupDay(d(0), 0, 0)]) is None


# --- the year ---------------------------------------------------------------------------------


def test_group_year_days_and_figures() -> None:
    members = [done(*range(10)), done(0, 2, 4, 6, 8, 9), done(9)]
    year = group_year(members, DEFAULT, d(10), length=12)
    assert year.today == d(10)
    assert year.started == d(0)
    assert [day.day for day in year.days] == [d(i) for i in range(-1, 11)]
    assert year.days[0] == GroupDay(d(-1), 0, 0)
    figures = year.figures
    assert figures.group_streak == 10  # d(0)..d(9), today d(10) still open
    assert figures.best_day == GroupDay(d(9), 3, 3)
    assert figures.active_today == 3
    assert figures.check_ins == 17
    # d(0)..d(9): 1, 1/2 (twice), ... today left out.
    shares = [day.share for day in year.days[1:-1]]
    assert figures.average_share == pytest.approx(sum(shares) / len(shares))


def test_best_day_on_a_tie_is_the_latest() -> None:
    year = group_year([done(0, 1, 2), done(0, 2)], DEFAULT, d(3), length=4)
    assert year.figures.best_day == GroupDay(d(2), 2, 2)


def test_group_streak_uses_the_share_of_members_active_today() -> None:
    # Four members active today; they showed up 1, 2, 3, 3 on d(0)..d(3).
    members = [done(0, 1, 2, 3), done(1, 2, 3), done(3), done(2)]
    assert group_year(members, DEFAULT, d(3), share_percent=50, length=5).figures.group_streak == 3
    assert group_year(members, DEFAULT, d(3), share_percent=75, length=5).figures.group_streak == 2
    assert group_year(members, DEFAULT, d(3), length=5).figures.group_streak == 4


def test_the_group_streak_may_be_older_than_the_window() -> None:
    year = group_year([done(*range(40))], DEFAULT, d(39), length=10)
    assert year.figures.group_streak == 40


def test_a_group_without_entries() -> None:
    year = group_year([], DEFAULT, d(0), length=3)
    assert year.started is None
    assert year.figures.best_day is None
    assert year.figures.average_share is None
    assert (year.figures.group_streak, year.figures.active_today) == (0, 0)
