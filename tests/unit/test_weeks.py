"""The weekly picture's facts: the week's days and who beat their own best week."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.group_days import GroupDay
from bot.domain.streaks import Mark, Rules
from bot.domain.weeks import (
    BestWeek,
    KeptBest,
    NamedHistory,
    best_before,
    best_week,
    group_week,
    kept_after,
    weekly_counts,
)

SUN = date(2026, 3, 8)  # a Sunday: the week is Monday 2 March to today
DEFAULT = Rules()
FAILS_DONT_COUNT = Rules(fail_counts=False)


def d(offset: int) -> date:
    """The day ``offset`` days after SUN (so 0 is the week's last day, -6 its first)."""
    return SUN + timedelta(days=offset)


def days_in(week: int, count: int) -> list[date]:
    """``count`` days of the week ``week`` weeks before this one."""
    return [d(-7 * week - i) for i in range(count)]


def done(days: list[date]) -> dict[date, Mark]:
    return dict.fromkeys(days, Mark.DONE)


def test_weekly_counts_are_seven_day_blocks_ending_on_the_last_day() -> None:
    counted = [d(0), d(-6), d(-7), d(-13), d(-14), d(3)]
    assert weekly_counts(counted, SUN) == {0: 2, 1: 2, 2: 1}


def test_a_week_with_more_days_than_any_before_is_a_best_week() -> None:
    counted = days_in(0, 5) + days_in(1, 4) + days_in(3, 3)
    assert best_week(counted, SUN) == (5, 4)


def test_matching_the_best_week_is_not_beating_it() -> None:
    assert best_week(days_in(0, 4) + days_in(2, 4), SUN) is None


def test_a_first_week_is_a_start_not_a_record() -> None:
    assert best_week(days_in(0, 6), SUN) is None
    assert best_week(days_in(0, 1) + days_in(1, 0), SUN) is None


def test_group_week() -> None:
    members = [
        NamedHistory("Anna", done(days_in(0, 6) + days_in(1, 5))),
        NamedHistory("Boris", done(days_in(0, 2) + days_in(1, 5))),
        NamedHistory("Chloé", done(days_in(0, 3) + days_in(2, 2))),
        NamedHistory("Dan", {**done(days_in(0, 1)), d(-1): Mark.FAIL, **done(days_in(5, 1))}),
    ]
    week = group_week(members, DEFAULT, SUN)
    assert (week.first, week.last) == (d(-6), SUN)
    assert week.days[-1] == GroupDay(SUN, 4, 4)
    # Monday: nobody showed up; Dan, last seen five weeks ago, is not active.
    assert week.days[0] == GroupDay(d(-6), 0, 3)
    assert week.check_ins == 6 + 2 + 3 + 2
    assert week.group_streak == 6  # Tuesday to Sunday
    # Most days first; on a tie, the bigger step up.
    assert week.best_weeks == (
        BestWeek("Anna", 6, 5),
        BestWeek("Chloé", 3, 2),
        BestWeek("Dan", 2, 1),
    )
    assert week.average_share is not None
    assert 0 < week.average_share <= 1


def test_a_fail_that_does_not_count_is_no_day_of_a_best_week() -> None:
    members = [NamedHistory("Dan", {d(0): Mark.DONE, d(-1): Mark.FAIL, d(-7): Mark.DONE})]
    assert group_week(members, DEFAULT, SUN).best_weeks == (BestWeek("Dan", 2, 1),)
    assert group_week(members, FAILS_DONT_COUNT, SUN).best_weeks == ()


def test_a_quiet_week() -> None:
    week = group_week([NamedHistory("Eve", done(days_in(4, 3)))], DEFAULT, SUN)
    assert week.check_ins == 0
    assert week.best_weeks == ()
    assert week.average_share is None
    assert week.group_streak == 0


def test_a_kept_best_week_stands_for_the_weeks_it_covers() -> None:
    """After a picture, the member's best week is kept; the next picture reads only the
    weeks after it, and judges the same as from the whole history."""
    history = days_in(0, 4) + days_in(1, 2) + days_in(2, 3) + days_in(5, 6)
    kept = KeptBest(6, d(-14))  # weeks 2 and before: the best held 6 days
    recent = [day for day in history if day > d(-14) - timedelta(days=6)]
    assert best_before(recent, SUN, kept) == best_before(history, SUN) == 6
    assert best_week(recent, SUN, kept) is None
    assert best_week(days_in(0, 7), SUN, KeptBest(6, d(-7))) == (7, 6)


def test_the_best_week_kept_after_a_picture() -> None:
    member = NamedHistory("Anna", done(days_in(0, 3) + days_in(1, 5)), KeptBest(2, d(-14)))
    assert kept_after(member, DEFAULT, SUN) == KeptBest(5, SUN)
    fresh = NamedHistory("Boris", done(days_in(0, 4)))
    assert kept_after(fresh, DEFAULT, SUN) == KeptBest(4, SUN)
