"""What each day of a member's year is, and the figures of /stats, one case at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.member_days import (
    CONSISTENCY_WINDOW,
    YEAR_DAYS,
    DayKind,
    Month,
    best_month,
    day_kinds,
    frozen_days,
    member_year,
    picture_days,
    window_days,
)
from bot.domain.streaks import Break, Mark, Rules

MON = date(2026, 3, 2)  # a Monday
DEFAULT = Rules()
WEEKENDS_OFF = Rules(rest_weekdays=frozenset({5, 6}))
FAILS_DONT_COUNT = Rules(fail_counts=False)
K = DayKind


def d(offset: int) -> date:
    """The day ``offset`` days after MON."""
    return MON + timedelta(days=offset)


def done(*offsets: int) -> dict[date, Mark]:
    return {d(o): Mark.DONE for o in offsets}


def kinds_from(
    days: dict[date, Mark],
    first: int,
    today: int,
    breaks: tuple[Break, ...] = (),
    rules: Rules = DEFAULT,
) -> list[DayKind]:
    """The kinds of ``d(first)``..``d(today)``, with ``d(today)`` as today."""
    return list(day_kinds(days, breaks, rules, d(today), length=today - first + 1))


# --- each kind of day -------------------------------------------------------------------------


def test_days_before_the_first_entry_are_before_the_start() -> None:
    assert kinds_from(done(3, 4), 0, 4) == [K.BEFORE_START] * 3 + [K.CHECKED_IN] * 2


def test_no_history_is_all_before_the_start() -> None:
    assert kinds_from({}, 0, 6) == [K.BEFORE_START] * 7


def test_a_fail_counts_or_not_as_the_group_says() -> None:
    days = done(0) | {d(1): Mark.FAIL} | done(2)
    assert kinds_from(days, 0, 2) == [K.CHECKED_IN, K.FAIL_COUNTED, K.CHECKED_IN]
    assert kinds_from(days, 0, 2, rules=FAILS_DONT_COUNT) == [
        K.CHECKED_IN,
        K.FAIL_UNCOUNTED,
        K.CHECKED_IN,
    ]


def test_rest_days_without_a_check_in_are_rest_days() -> None:
    # Mon..Fri, the weekend off, Monday again; a check-in on Saturday is a check-in.
    days = done(0, 1, 2, 3, 4, 7) | done(12)
    assert kinds_from(days, 0, 13, rules=WEEKENDS_OFF) == [
        *[K.CHECKED_IN] * 5,
        K.REST,
        K.REST,
        K.CHECKED_IN,
        *[K.MISSED] * 4,
        K.CHECKED_IN,  # Saturday d(12)
        K.REST,  # Sunday d(13), today: a rest day, not an open day
    ]


def test_break_days_without_a_check_in_are_break_days() -> None:
    breaks = (Break(d(1), d(3)),)
    assert kinds_from(done(0, 2, 4), 0, 4, breaks) == [
        K.CHECKED_IN,
        K.BREAK,
        K.CHECKED_IN,  # a check-in during a break counts like any other
        K.BREAK,
        K.CHECKED_IN,
    ]


def test_a_break_wins_over_a_rest_day() -> None:
    breaks = (Break(d(4), d(7)),)  # Friday to Monday
    days = done(0, 1, 2, 3, 8)
    assert kinds_from(days, 3, 8, breaks, WEEKENDS_OFF) == [
        K.CHECKED_IN,
        *[K.BREAK] * 4,
        K.CHECKED_IN,
    ]


def test_today_not_checked_in_yet_is_open() -> None:
    assert kinds_from(done(0, 1), 0, 2) == [K.CHECKED_IN, K.CHECKED_IN, K.OPEN]


def test_today_on_a_break_is_a_break_day() -> None:
    assert kinds_from(done(0), 0, 1, (Break(d(1), d(3)),)) == [K.CHECKED_IN, K.BREAK]


def test_a_missed_day_a_freeze_covered() -> None:
    # Seven days earn a freeze; the eighth is missed and covered when the ninth counts.
    days = done(*range(7), 8)
    assert kinds_from(days, 0, 8) == [*[K.CHECKED_IN] * 7, K.FROZEN, K.CHECKED_IN]
    assert frozen_days(days, [], DEFAULT, d(8)) == {d(7)}


def test_without_a_freeze_a_missed_day_is_missed() -> None:
    days = done(*range(6), 7)
    assert kinds_from(days, 0, 7) == [*[K.CHECKED_IN] * 6, K.MISSED, K.CHECKED_IN]


def test_a_gap_longer_than_the_freezes_held_is_all_missed_not_partly_covered() -> None:
    # One freeze held, two days missed: the run breaks and neither day is covered.
    days = done(*range(7), 9)
    assert kinds_from(days, 6, 9) == [K.CHECKED_IN, K.MISSED, K.MISSED, K.CHECKED_IN]
    # Two freezes held (14 days) cover the same two days.
    days = done(*range(14), 16)
    assert kinds_from(days, 13, 16) == [K.CHECKED_IN, K.FROZEN, K.FROZEN, K.CHECKED_IN]


def test_at_most_two_freezes_are_held() -> None:
    # 21 days would earn three; two are held, so a three-day gap breaks the run.
    days = done(*range(21), 24)
    assert kinds_from(days, 20, 24) == [K.CHECKED_IN, *[K.MISSED] * 3, K.CHECKED_IN]


def test_a_freeze_used_is_gone() -> None:
    # One freeze covers d(7); the next missed day, d(9), finds none left.
    days = done(*range(7), 8, 10)
    assert kinds_from(days, 6, 10) == [
        K.CHECKED_IN,
        K.FROZEN,
        K.CHECKED_IN,
        K.MISSED,
        K.CHECKED_IN,
    ]


def test_rest_days_and_breaks_need_no_freeze() -> None:
    # Seven counted days Mon..Fri, Mon, Tue (weekend off) earn a freeze; a gap of a
    # weekend, a break and one missed day uses one freeze for that day only.
    days = done(0, 1, 2, 3, 4, 7, 8) | done(14)
    breaks = (Break(d(9), d(12)),)
    assert kinds_from(days, 8, 14, breaks, WEEKENDS_OFF) == [
        K.CHECKED_IN,
        *[K.BREAK] * 4,  # Wed..Sat, the break wins over Saturday's rest
        K.REST,  # Sunday
        K.CHECKED_IN,  # Monday
    ]
    days = done(0, 1, 2, 3, 4, 7, 8) | done(15)
    assert kinds_from(days, 8, 15, breaks, WEEKENDS_OFF) == [
        K.CHECKED_IN,
        *[K.BREAK] * 4,
        K.REST,
        K.FROZEN,  # Monday, missed, covered by the freeze
        K.CHECKED_IN,
    ]


def test_a_fail_that_does_not_count_is_a_missed_day_a_freeze_can_cover() -> None:
    days = done(*range(7)) | {d(7): Mark.FAIL} | done(8)
    assert kinds_from(days, 6, 8, rules=FAILS_DONT_COUNT) == [
        K.CHECKED_IN,
        K.FAIL_UNCOUNTED,  # what the member said is shown...
        K.CHECKED_IN,
    ]
    # ...and the freeze it used is accounted for.
    assert frozen_days(days, [], FAILS_DONT_COUNT, d(8)) == {d(7)}


def test_days_missed_since_the_last_check_in_are_covered_while_the_run_is_alive() -> None:
    days = done(*range(14))  # two freezes held
    # Today d(16): two days missed, both covered for now; today is open.
    assert kinds_from(days, 13, 16) == [K.CHECKED_IN, K.FROZEN, K.FROZEN, K.OPEN]
    year = member_year(days, [], DEFAULT, d(16), length=20)
    assert year.figures.current_streak == 14
    # Today d(17): three days missed, the run is broken, nothing is covered.
    assert kinds_from(days, 13, 17) == [K.CHECKED_IN, *[K.MISSED] * 3, K.OPEN]
    assert member_year(days, [], DEFAULT, d(17), length=20).figures.current_streak == 0


def test_freezes_earned_before_the_window_still_cover_a_gap_inside_it() -> None:
    days = done(*range(14), 16)
    window = day_kinds(days, [], DEFAULT, d(16), length=3)
    assert window == (K.FROZEN, K.FROZEN, K.CHECKED_IN)


def test_the_window_ends_today_and_holds_a_year() -> None:
    kinds = day_kinds(done(0), [], DEFAULT, d(400))
    assert len(kinds) == YEAR_DAYS
    assert window_days(d(400))[0] == d(400 - YEAR_DAYS + 1)
    assert window_days(d(400))[-1] == d(400)
    with pytest.raises(ValueError, match="at least one day"):
        window_days(d(0), 0)


# --- the best month ---------------------------------------------------------------------------


def test_best_month_is_the_one_with_most_counted_days() -> None:
    days = [date(2026, 1, n) for n in range(1, 11)] + [date(2026, 2, n) for n in range(1, 13)]
    assert best_month(days) == Month(2026, 2, 12)


def test_best_month_on_a_tie_is_the_latest() -> None:
    days = [date(2025, 12, n) for n in range(1, 6)] + [date(2026, 1, n) for n in range(1, 6)]
    assert best_month(days) == Month(2026, 1, 5)
    # The latest by date, not by month number: December 2025 before March 2025.
    days = [date(2025, 3, 1), date(2025, 12, 1)]
    assert best_month(days) == Month(2025, 12, 1)


def test_best_month_without_days_is_none() -> None:
    assert best_month([]) is None


def test_best_month_counts_only_counted_days_inside_the_window() -> None:
    # Many days long ago (outside a 40-day window), two fails that don't count recently.
    days = done(*range(30)) | done(100) | {d(101): Mark.FAIL, d(102): Mark.FAIL}
    year = member_year(days, [], FAILS_DONT_COUNT, d(110), length=40)
    assert year.figures.best_month == Month(d(100).year, d(100).month, 1)


# --- the figures ------------------------------------------------------------------------------


def test_figures_of_a_member() -> None:
    # 10 days, a gap of 3 that breaks it, then 5 days up to yesterday; one fail among them.
    days = done(*range(10)) | done(13, 14, 15, 16) | {d(17): Mark.FAIL}
    year = member_year(days, [], DEFAULT, d(18), cheers=4, length=60)
    figures = year.figures
    assert figures.current_streak == 5
    assert figures.best_streak == 10
    assert figures.consistency == 15
    assert figures.consistency_window == CONSISTENCY_WINDOW
    assert figures.cheers == 4
    assert figures.check_ins == 15
    assert figures.best_month == Month(2026, 3, 15)
    uncounted = member_year(days, [], FAILS_DONT_COUNT, d(18), length=60).figures
    assert uncounted.consistency == uncounted.check_ins == 14
    # There, d(17) is a missed day, and the new run of four holds no freeze: broken.
    assert uncounted.current_streak == 0


def test_consistency_counts_only_the_last_thirty_days() -> None:
    days = done(*range(60))
    assert member_year(days, [], DEFAULT, d(59)).figures.consistency == 30


def test_figures_without_history() -> None:
    year = member_year({}, [], DEFAULT, d(0))
    assert set(year.days) == {K.BEFORE_START}
    assert (year.figures.current_streak, year.figures.best_streak) == (0, 0)
    assert year.figures.best_month is None


def test_kind_on_a_day() -> None:
    year = member_year(done(0, 2), [], DEFAULT, d(3), length=5)
    assert year.first == d(-1)
    assert [year.kind_on(d(i)) for i in range(-1, 4)] == [
        K.BEFORE_START,
        K.CHECKED_IN,
        K.MISSED,
        K.CHECKED_IN,
        K.OPEN,
    ]
    with pytest.raises(ValueError, match="outside"):
        year.kind_on(d(4))


def test_a_picture_shows_the_weeks_since_the_first_entry() -> None:
    thursday = d(3)
    # Whole weeks from the Monday of the first entry's week, today's week the last.
    assert picture_days(d(-60), thursday) == 63 + 4  # Monday d(-63) to Thursday
    assert window_days(thursday, picture_days(d(-60), thursday))[0] == d(-63)
    # At least four weeks: a newcomer's three days sit in the last of them.
    assert picture_days(d(1), thursday) == 21 + 4
    assert picture_days(thursday, thursday) == 21 + 4
    assert picture_days(d(-21), thursday) == 21 + 4
    assert picture_days(d(-22), thursday) == 28 + 4
    # At most a year.
    assert picture_days(d(-363), thursday) == YEAR_DAYS
    assert picture_days(d(-2000), thursday) == YEAR_DAYS
