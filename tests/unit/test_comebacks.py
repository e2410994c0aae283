"""Comebacks and "never miss twice": examples, and the fast rules held equal to the
definition walked day by day on generated histories."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.comebacks import NeverMissTwice, is_comeback, never_miss_twice
from bot.domain.gaps import in_break
from bot.domain.streaks import Break, Mark, Rules, StreakState, advance, counts
from tests.unit.strategies import History, histories

MONDAY = date(2026, 3, 2)
ONE_DAY = timedelta(days=1)
RULES = Rules()


def days(*offsets: int) -> list[date]:
    return [MONDAY + timedelta(days=n) for n in offsets]


# -- examples ------------------------------------------------------------------------------


def test_the_day_after_a_missed_day_is_a_comeback() -> None:
    assert is_comeback(MONDAY, MONDAY + 2 * ONE_DAY, [], RULES)
    assert not is_comeback(MONDAY, MONDAY + ONE_DAY, [], RULES)
    assert not is_comeback(None, MONDAY, [], RULES)  # a first day is a start


def test_rest_days_and_breaks_are_not_missed() -> None:
    weekend = Rules(rest_weekdays=frozenset({5, 6}))
    friday, monday = MONDAY + 4 * ONE_DAY, MONDAY + 7 * ONE_DAY
    assert not is_comeback(friday, monday, [], weekend)
    away = [Break(MONDAY + ONE_DAY, MONDAY + 3 * ONE_DAY)]
    assert not is_comeback(MONDAY, MONDAY + 4 * ONE_DAY, away, RULES)


def test_advance_says_how_many_days_were_missed_even_under_a_freeze() -> None:
    state = StreakState(current=7, best=7, last_day=MONDAY, run_start=MONDAY, freezes=1)
    step = advance(state, MONDAY + 2 * ONE_DAY, Mark.DONE, [], RULES)
    assert step.freezes_used == 1
    assert step.state.current == 8
    assert step.missed == 1
    assert step.comeback
    again = advance(step.state, MONDAY + 2 * ONE_DAY, Mark.DONE, [], RULES)
    assert not again.counted
    assert not again.comeback


def test_one_miss_keeps_the_run_two_in_a_row_end_it() -> None:
    # Mon Tue, (Wed missed), Thu Fri, (Sat Sun missed), Mon.
    counted = days(0, 1, 3, 4, 7)
    assert never_miss_twice(counted, [], RULES, MONDAY + 7 * ONE_DAY) == NeverMissTwice(1, 4)


def test_a_rest_day_between_two_misses_does_not_break_them_apart() -> None:
    # Thu, (Fri missed), Sat rests, (Sun missed), Mon: two misses in a row.
    saturday_rests = Rules(rest_weekdays=frozenset({5}))
    counted = days(3, 7)
    assert never_miss_twice(counted, [], saturday_rests, MONDAY + 7 * ONE_DAY).best == 1
    # With the Sunday resting too, only one day was missed.
    weekend = Rules(rest_weekdays=frozenset({5, 6}))
    assert never_miss_twice(counted, [], weekend, MONDAY + 7 * ONE_DAY).best == 2


def test_today_never_counts_as_missed() -> None:
    counted = days(0, 1, 2)
    assert never_miss_twice(counted, [], RULES, MONDAY + 4 * ONE_DAY).current == 3  # Thu missed
    assert never_miss_twice(counted, [], RULES, MONDAY + 5 * ONE_DAY).current == 0  # and Fri
    assert never_miss_twice([], [], RULES, MONDAY) == NeverMissTwice(0, 0)


# -- the definition, walked day by day ----------------------------------------------------


def walked_missed(earlier: date, later: date, breaks: list[Break], rules: Rules) -> int:
    """Missed days strictly between two days, one day at a time."""
    missed, day = 0, earlier + ONE_DAY
    while day < later:
        if day.weekday() not in rules.rest_weekdays and not in_break(day, breaks):
            missed += 1
        day += ONE_DAY
    return missed


def walked_never_miss_twice(history: History, today: date) -> NeverMissTwice:
    """Every calendar day from the first entry to today: a counted day adds one to the run, a
    rest or break day does nothing, a missed day adds to the misses in a row, and a second
    miss in a row ends the run (today is never missed)."""
    rules = history.rules
    counted = {d for d, m in history.days.items() if counts(m, rules)}
    if not counted:
        return NeverMissTwice(0, 0)
    run = best = misses = 0
    day = min(counted)
    while day <= max(today, max(counted)):
        if day in counted:
            if misses > 1:
                run = 0
            run, misses = run + 1, 0
            best = max(best, run)
        elif (
            day < today
            and day.weekday() not in rules.rest_weekdays
            and not in_break(day, history.breaks)
        ):
            misses += 1
        day += ONE_DAY
    return NeverMissTwice(run if misses <= 1 else 0, best)


@settings(max_examples=800)
@given(histories(), st.integers(0, 12))
def test_never_miss_twice_equals_the_walk(history: History, after: int) -> None:
    rules = history.rules
    counted = [d for d, m in history.days.items() if counts(m, rules)]
    today = max(history.days, default=MONDAY) + timedelta(days=after)
    assert never_miss_twice(counted, history.breaks, rules, today) == walked_never_miss_twice(
        history, today
    )


@settings(max_examples=800)
@given(histories())
def test_a_comeback_is_a_counted_day_after_a_missed_one(history: History) -> None:
    """Folding ``advance``: ``missed`` counts the days the walk finds missed, and a comeback
    is exactly a counted day with a missed day since the previous counted one."""
    rules, state = history.rules, StreakState()
    for day, mark in history.in_order():
        previous = state.last_day
        step = advance(state, day, mark, history.breaks, rules)
        if step.counted:
            missed = walked_missed(previous, day, history.breaks, rules) if previous else 0
            assert step.missed == missed
            assert step.comeback == (missed > 0)
            assert step.comeback == is_comeback(previous, day, history.breaks, rules)
        else:
            assert not step.comeback
        state = step.state
