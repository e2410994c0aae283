"""The kept state equals the definition: folding ``advance`` over generated histories gives
what ``replay`` gives, and the invariants hold on the way."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.gaps import in_break
from bot.domain.streaks import (
    Advance,
    Break,
    Mark,
    Rules,
    StreakState,
    advance,
    breaks_overlapping,
    counts,
    is_milestone,
    missed_days_between,
    rebuild,
    replay,
    standing,
)
from tests.unit.strategies import History, histories, rules

ONE_DAY = timedelta(days=1)


def fold(history: History, *, only_gap_breaks: bool) -> tuple[StreakState, list[Advance]]:
    state, steps = StreakState(), []
    for day, mark in history.in_order():
        breaks = history.breaks
        if only_gap_breaks:
            # What the store hands over: only the breaks that touch the gap.
            since = state.last_day + ONE_DAY if state.last_day else day
            breaks = breaks_overlapping(breaks, since, day - ONE_DAY)
        step = advance(state, day, mark, breaks, history.rules)
        steps.append(step)
        state = step.state
    return state, steps


@settings(max_examples=2500)
@given(histories())
def test_folding_advance_equals_replay(history: History) -> None:
    state, _ = fold(history, only_gap_breaks=True)
    assert state == replay(history.days, history.breaks, history.rules)


@settings(max_examples=2500)
@given(histories())
def test_rebuilding_from_the_counted_days_equals_replay(history: History) -> None:
    rules = history.rules
    counted = [day for day, mark in history.days.items() if counts(mark, rules)]
    assert rebuild(counted, history.breaks, rules) == replay(history.days, history.breaks, rules)


@settings(max_examples=1000)
@given(histories())
def test_every_prefix_agrees_and_invariants_hold(history: History) -> None:
    rules = history.rules
    state, steps = fold(history, only_gap_breaks=False)
    assert state == replay(history.days, history.breaks, rules)
    counted_so_far = 0
    run_milestones: set[int] = set()
    run_bests = 0
    for (day, mark), step in zip(history.in_order(), steps, strict=True):
        s = step.state
        assert step.counted == counts(mark, rules)
        counted_so_far += step.counted
        assert 0 <= s.current <= s.best
        assert s.current <= counted_so_far
        assert s.best_before_run <= s.best
        assert 0 <= s.freezes <= rules.freeze_max
        if not step.counted:
            continue
        assert s.last_day == day
        assert s.run_start is not None
        assert s.run_start <= day
        if step.streak_broken or s.current == 1:
            run_milestones, run_bests = set(), 0
        assert step.milestone == (s.current if is_milestone(s.current) else None)
        if step.milestone is not None:
            assert step.milestone not in run_milestones
            run_milestones.add(step.milestone)
        if step.new_best:
            run_bests += 1
            assert s.best == s.current > s.best_before_run >= 3
        assert run_bests <= 1
    prefix = dict(history.in_order()[: len(steps) // 2])
    half, _ = fold(History(prefix, history.breaks, rules), only_gap_breaks=True)
    assert half == replay(prefix, history.breaks, rules)


@settings(max_examples=800)
@given(histories(), st.integers(1, 30))
def test_standing_foretells_the_next_check_in(history: History, ahead: int) -> None:
    """What ``standing`` shows on a day is what a check-in that day would find."""
    state = replay(history.days, history.breaks, history.rules)
    if state.last_day is None:
        return
    today = state.last_day + timedelta(days=ahead)
    view = standing(state, today, history.breaks, history.rules)
    step = advance(state, today, Mark.DONE, history.breaks, history.rules)
    assert view.at_risk == (view.current > 0)
    if view.current:
        assert step.streak_broken == 0
        assert step.freezes_used == view.freezes_used
        assert step.state.current == view.current + 1
    else:
        assert step.streak_broken == state.current
        assert step.state.current == 1
    assert view.freezes <= state.freezes
    assert replay(history.days | {today: Mark.DONE}, history.breaks, history.rules) == step.state


_breaks_in_2026 = st.lists(
    st.builds(
        lambda offset, length: Break(
            date(2026, 1, 1) + timedelta(days=offset),
            date(2026, 1, 1) + timedelta(days=offset + length - 1),
        ),
        st.integers(0, 80),
        st.integers(0, 20),  # 0: a break called off on its first day
    ),
    max_size=5,
)


@settings(max_examples=1000)
@given(_breaks_in_2026, rules(), st.integers(0, 60), st.integers(0, 60))
def test_missed_days_counted_arithmetically_match_a_walk(
    breaks: list[Break], rules: Rules, start: int, length: int
) -> None:
    earlier = date(2026, 1, 1) + timedelta(days=start)
    later = earlier + timedelta(days=length)
    walked = 0
    day = earlier + ONE_DAY
    while day < later:
        walked += day.weekday() not in rules.rest_weekdays and not in_break(day, breaks)
        day += ONE_DAY
    assert missed_days_between(earlier, later, breaks, rules) == walked
