"""The kept weekly state equals the definition: folding ``advance`` over generated histories
(with target changes, breaks and any first weekday) gives what ``replay`` gives after every
step, and what ``standing`` shows is what the next check-in finds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import weekly_streaks
from bot.domain.gaps import Break, breaks_overlapping, in_break
from bot.domain.streaks import Mark, counts
from bot.domain.targets import DAILY, TargetChange, takes_effect, target_of_week, week_start
from bot.domain.week_gaps import weeks_between
from bot.domain.weekly_streaks import (
    MILESTONES,
    MIN_BEST_TO_ANNOUNCE,
    WeeklyAdvance,
    WeeklyState,
    advance,
    replay,
    standing,
    week_progress,
)
from tests.unit.day_keys import Member
from tests.unit.strategies import Travel, travels
from tests.unit.target_strategies import (
    TargetedHistory,
    breaks_near,
    target_changes,
    targeted_histories,
    weekly_rules,
)

ONE_DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def fold(history: TargetedHistory) -> tuple[WeeklyState, list[WeeklyAdvance]]:
    """What /done does, check-in after check-in, handed only the breaks of the gap."""
    state, steps = WeeklyState(), []
    for day, mark in history.in_order():
        since = state.last_week + WEEK if state.last_week else day
        breaks = breaks_overlapping(history.breaks, since, day)
        step = advance(state, day, mark, breaks, history.targets, history.weekly)
        steps.append(step)
        state = step.state
    return state, steps


def open_days(today: date, checked_in_today: bool, history: TargetedHistory) -> list[date]:
    """The days of today's week still open for a check-in, walked one by one."""
    end = week_start(today, history.weekly.first_weekday) + WEEK
    day = today + ONE_DAY if checked_in_today else today
    found = []
    while day < end:
        if not in_break(day, history.breaks):
            found.append(day)
        day += ONE_DAY
    return found


def outside_breaks(week: date, breaks: Sequence[Break]) -> int:
    return sum(not in_break(week + n * ONE_DAY, breaks) for n in range(7))


@settings(max_examples=1000)
@given(targeted_histories())
def test_folding_advance_equals_replay(history: TargetedHistory) -> None:
    state, _ = fold(history)
    assert state == replay(history.days, history.breaks, history.targets, history.weekly)


@settings(max_examples=300)
@given(targeted_histories(weekly_only=True))
def test_after_every_step_the_kept_state_is_the_replay_and_invariants_hold(
    history: TargetedHistory,
) -> None:
    rules = history.weekly
    _, steps = fold(history)
    run_milestones: set[int] = set()
    run_bests = 0
    so_far: dict[date, Mark] = {}
    for (day, mark), step in zip(history.in_order(), steps, strict=True):
        so_far[day] = mark
        s = step.state
        assert s == replay(so_far, history.breaks, history.targets, rules)
        assert 0 <= s.current <= s.best
        assert s.best_before_run <= s.best
        assert 0 <= s.freezes <= rules.freeze_max
        week = week_start(day, rules.first_weekday)
        target = target_of_week(history.targets, week)
        assert step.target == target
        in_week = [d for d, m in so_far.items() if week_start(d, rules.first_weekday) == week]
        assert step.check_ins == sum(counts(so_far[d], rules) for d in in_week)
        assert step.counted == counts(mark, rules)
        assert step.week_counted == (step.counted and step.check_ins == target)
        if not step.week_counted:
            continue
        assert (s.last_week, s.last_day) == (week, day)
        if step.streak_broken or s.current == 1:
            run_milestones, run_bests = set(), 0
        assert step.milestone == (s.current if MILESTONES.reached(s.current) else None)
        if step.milestone is not None:
            assert step.milestone not in run_milestones
            run_milestones.add(step.milestone)
        if step.new_best:
            run_bests += 1
            assert s.best == s.current > s.best_before_run >= MIN_BEST_TO_ANNOUNCE
        assert run_bests <= 1


@settings(max_examples=600)
@given(targeted_histories(), st.integers(0, 40))
def test_standing_foretells_the_next_check_in(history: TargetedHistory, ahead: int) -> None:
    """What ``standing`` shows on a day is what a check-in that day finds."""
    rules, targets = history.weekly, history.targets
    state = replay(history.days, history.breaks, targets, rules)
    if state.last_day is None:
        return
    today = state.last_day + timedelta(days=ahead)
    view = standing(state, today, history.breaks, targets, rules)
    assert view.week == week_progress(state, today, history.breaks, targets, rules)
    assert view.freezes <= state.freezes
    assert view.current <= state.current
    step = advance(state, today, Mark.DONE, history.breaks, targets, rules)
    assert replay(history.days | {today: Mark.DONE}, history.breaks, targets, rules) == step.state
    if view.week is None:
        assert not step.counted
        assert view.current == 0
        return
    assert step.target == view.week.target
    assert step.check_ins == view.week.check_ins + (ahead > 0)
    if not step.week_counted:
        return
    if view.current:
        assert step.streak_broken == 0
        assert step.freezes_used == view.freezes_used
        assert step.state.current == view.current + 1
    else:
        assert step.streak_broken in (0, state.current)
        assert step.state.current == 1


@settings(max_examples=600)
@given(targeted_histories(), st.integers(0, 40))
def test_this_weeks_progress_and_the_risk_by_walking_the_days(
    history: TargetedHistory, ahead: int
) -> None:
    rules, targets = history.weekly, history.targets
    state = replay(history.days, history.breaks, targets, rules)
    if state.last_day is None:
        return
    today = state.last_day + timedelta(days=ahead)
    view = standing(state, today, history.breaks, targets, rules)
    week = week_start(today, rules.first_weekday)
    target = target_of_week(targets, week)
    if target is DAILY:
        assert view.week is None
        return
    assert view.week is not None
    counted = [
        d
        for d, mark in history.days.items()
        if counts(mark, rules) and week_start(d, rules.first_weekday) == week
    ]
    assert view.week.check_ins == len(counted)
    assert view.week.target == target
    left = open_days(today, today in counted, history)
    assert view.week.days_left == len(left)
    # At risk: the run is alive, the week would be missed, it can still be won, and one
    # more open day without a check-in loses it.
    would_be_missed = len(counted) < target and outside_breaks(week, history.breaks) >= target
    needed = target - len(counted)
    expected = view.current > 0 and would_be_missed and len(left) >= needed > len(left) - 1
    assert view.at_risk == expected


@settings(max_examples=600)
@given(
    weekly_rules(),
    st.integers(0, 3000),
    st.integers(1, 60),
    st.data(),
)
def test_weeks_between_counted_arithmetically_match_a_walk(
    rules: weekly_streaks.WeeklyRules, offset: int, apart: int, data: st.DataObject
) -> None:
    earlier = week_start(date(2024, 1, 1) + timedelta(days=offset), rules.first_weekday)
    later = earlier + apart * WEEK
    span = apart * 7
    breaks = data.draw(breaks_near(earlier, span))
    targets = data.draw(target_changes(earlier, span, rules.first_weekday))
    missed, switched = 0, False
    week = earlier + WEEK
    while week < later:
        target = target_of_week(targets, week)
        if target is DAILY:
            switched = True
        else:
            missed += outside_breaks(week, breaks) >= target
        week += WEEK
    gap = weeks_between(earlier, later, breaks, targets, rules.first_weekday)
    assert gap.switched == switched
    if not switched:
        assert gap.missed == missed


@settings(max_examples=200)
@given(travels(), weekly_rules(), st.data())
def test_check_ins_made_across_zones_fold_to_the_replay(
    travel: Travel, rules: weekly_streaks.WeeklyRules, data: st.DataObject
) -> None:
    """Moments in zones, given their days by the day-key rule as /done gives them: the
    weekly engine sees only the dates they land on, in order, some more than once."""
    member = Member(travel.zone)
    days: list[date] = []
    for event in travel.events:
        if event.act.name == "MOVE":
            member.set_zone(event.zone, event.at)
        else:
            days.append(member.check_in(event.at).day)
    start = days[0] if days else date(2026, 1, 1)
    span = (days[-1] - start).days + 7 if days else 7
    first_week = takes_effect(start - 2 * WEEK, rules.first_weekday)
    targets = [
        TargetChange(first_week, data.draw(st.integers(1, 6))),
        *data.draw(target_changes(start, span, rules.first_weekday)),
    ]
    breaks = data.draw(breaks_near(start, span))
    state = WeeklyState()
    for day in days:
        state = advance(state, day, Mark.DONE, breaks, targets, rules).state
    assert state == replay(dict.fromkeys(days, Mark.DONE), breaks, targets, rules)
