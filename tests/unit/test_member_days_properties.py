"""The heatmap's days agree with the streak rules on generated histories: which missed days
a freeze covered is decided by ``replay``'s freezes, and the figures are ``/streak``'s."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.gaps import in_break
from bot.domain.member_days import DayKind, day_kinds, frozen_days, member_year, window_days
from bot.domain.streaks import (
    Mark,
    consistency,
    counts,
    missed_days_between,
    replay,
    standing,
)
from tests.unit.strategies import History, histories

ONE_DAY = timedelta(days=1)


def missed_between(history: History, earlier: date, later: date) -> list[date]:
    """Days strictly between that neither a rest day nor a break bridges, walked one by one."""
    days, day = [], earlier + ONE_DAY
    while day < later:
        if day.weekday() not in history.rules.rest_weekdays and not in_break(day, history.breaks):
            days.append(day)
        day += ONE_DAY
    return days


def up_to(history: History, last: date) -> dict[date, Mark]:
    return {day: mark for day, mark in history.days.items() if day <= last}


@settings(max_examples=400, deadline=None)
@given(histories(max_days=150), st.integers(0, 20))
def test_a_gap_is_covered_exactly_when_the_freezes_held_are_enough(
    history: History, ahead: int
) -> None:
    rules, breaks = history.rules, history.breaks
    counted = sorted(day for day, mark in history.days.items() if counts(mark, rules))
    if not counted:
        assert (
            frozen_days(history.days, breaks, rules, max(history.days, default=date.min)) == set()
        )
        return
    today = counted[-1] + timedelta(days=ahead)
    frozen = frozen_days(history.days, breaks, rules, today)
    expected: set[date] = set()
    for earlier, later in pairwise(counted):
        missed = missed_between(history, earlier, later)
        assert len(missed) == missed_days_between(earlier, later, breaks, rules)
        before = replay(up_to(history, earlier), breaks, rules)
        after = replay(up_to(history, later), breaks, rules)
        covered = bool(missed) and len(missed) <= before.freezes
        # The rule, and what replay made of it: the run went on across the gap.
        assert covered == (bool(missed) and after.current == before.current + 1)
        if covered:
            assert after.freezes <= before.freezes - len(missed) + 1  # spent, maybe one earned
            expected.update(missed)
    # Since the last counted day: covered while the run is alive today.
    state = replay(history.days, breaks, rules)
    trailing = missed_between(history, counted[-1], today)
    seen = standing(state, today, breaks, rules)
    if trailing and seen.current:
        assert seen.freezes_used == len(trailing)
        expected.update(trailing)
    assert frozen == expected


@settings(max_examples=400, deadline=None)
@given(histories(max_days=150), st.integers(0, 20), st.integers(1, 200))
def test_every_day_of_the_window_is_what_the_history_says(
    history: History, ahead: int, length: int
) -> None:
    rules, breaks = history.rules, history.breaks
    last = max(history.days, default=date(2026, 1, 1))
    today = last + timedelta(days=ahead)
    year = member_year(history.days, breaks, rules, today, cheers=3, length=length)
    assert year.days == day_kinds(history.days, breaks, rules, today, length)
    frozen = frozen_days(history.days, breaks, rules, today)
    start = min(history.days, default=today + ONE_DAY)
    for day, kind in zip(window_days(today, length), year.days, strict=True):
        mark = history.days.get(day)
        if day < start:
            assert kind is DayKind.BEFORE_START
        elif mark is Mark.DONE:
            assert kind is DayKind.CHECKED_IN
        elif mark is Mark.FAIL:
            assert kind is (DayKind.FAIL_COUNTED if rules.fail_counts else DayKind.FAIL_UNCOUNTED)
        elif in_break(day, breaks):
            assert kind is DayKind.BREAK
        elif day.weekday() in rules.rest_weekdays:
            assert kind is DayKind.REST
        elif day == today:
            assert kind is DayKind.OPEN
        else:
            assert kind is (DayKind.FROZEN if day in frozen else DayKind.MISSED)

    state = replay(history.days, breaks, rules)
    assert year.figures.current_streak == standing(state, today, breaks, rules).current
    assert year.figures.best_streak == state.best
    counted = [day for day, mark in history.days.items() if counts(mark, rules)]
    assert year.figures.consistency == consistency(counted, today, 30)
    in_window = [day for day in counted if year.first <= day <= today]
    assert year.figures.check_ins == len(in_window)
    assert year.figures.check_ins == sum(
        kind in {DayKind.CHECKED_IN, DayKind.FAIL_COUNTED} for kind in year.days
    )
    month = year.figures.best_month
    if month is None:
        assert not in_window
    else:
        per_month = [d for d in in_window if (d.year, d.month) == (month.year, month.month)]
        assert len(per_month) == month.days
