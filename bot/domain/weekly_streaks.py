"""The weekly streak rules (a member with a weekly target) as pure functions.

The rules, for the docs:

- With `/target 3` (1 to 6) you aim at that many check-ins a week instead of every day;
  `/target daily` goes back. A week starts on the group's first weekday
  (`/settings week mon|sun|sat`). A new target takes effect next week: this week keeps the
  target it started with.
- A week counts when it holds your target's check-ins on different days (a `/fail` counts
  where the group counts it). Your weekly streak counts the weeks in a row that counted,
  ending this week or last week: this week never breaks it before it ends.
- Rest days don't apply to weeks. A week with fewer days outside your breaks than your
  target (a whole week away, say) bridges the streak without adding to it; check-ins
  during a break still count.
- Every 4 counted weeks earn a freeze (at most 2 held); a missed week is covered by a
  freeze automatically. More missed weeks in a row than freezes end the run.
- Milestones: 2, 4, 8, 12, 26, 52 weeks, then every 26. A new personal best is announced
  the week your run passes your best, if that best was at least 2 weeks.
- Your streak is at risk when every day left this week (today if you haven't checked in
  yet, break days aside) is needed to reach your target; "2 of 3 this week" shows where
  you are.
- Switching between daily and weekly starts a new run in the new unit from the week the
  change takes effect; the run you leave ends there without breaking, and your best is
  kept apart for days and for weeks (``target_streaks``).

As implemented, built like the daily engine (``streaks``), with two ways to one answer
that the tests hold equal on generated histories: ``replay`` walks a member's whole history
week by week (the definition); ``advance`` moves a kept ``WeeklyState`` by one check-in in
O(1) of history (it reads the target changes and breaks of the gap, never the check-ins).

- A week's target is the one in force on its first day (``targets.target_of_week``); before
  a member's first change they are daily. A week whose target is daily belongs to the daily
  engine: its check-ins are not counted here, and it ends the weekly run (not a break).
- Counted check-ins are counted marks (``streaks.counts``) on different dates; the week
  counts on the check-in that reaches its target, later ones add nothing. A week that
  doesn't count bridges if its available days (``week_gaps``) are fewer than its target,
  else it is missed.
- Missed weeks are judged when the next week counts, as days are: if they are at most the
  freezes held, that many are used; else the run breaks, the freezes go with it, and the
  week starts a new run of 1. Then a freeze is earned if the run's length is a multiple of
  ``freeze_every`` and fewer than ``freeze_max`` are held.
- The least best worth beating is 2 weeks, the first milestone, as 3 days is for days:
  beating a single week is no record yet, while two weeks kept is a habit taking hold, and
  with at most one announcement a week it is never noise.
- At risk: the run is alive, this week doesn't count yet and would be missed (it has at
  least its target's available days), and its days left (``week_gaps.days_left``) are
  exactly the check-ins still needed. With fewer, the week is lost already: no reminder
  can save it, and only a freeze will.
- Rules apply to the whole history: after the group changes its first weekday, freezes or
  /fail, the kept state must be recomputed with ``replay``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.domain.gaps import Break, in_break
from bot.domain.runs import Ladder, Settled, is_new_best, settle, with_earned_freeze
from bot.domain.streaks import Mark, counts
from bot.domain.targets import DAILY, TargetChange, target_of_week, week_start
from bot.domain.week_gaps import available_days, days_left, weeks_between

__all__ = [
    "MILESTONES",
    "MIN_BEST_TO_ANNOUNCE",
    "WeekProgress",
    "WeeklyAdvance",
    "WeeklyRules",
    "WeeklyStanding",
    "WeeklyState",
    "advance",
    "replay",
    "standing",
    "week_progress",
]

MILESTONES = Ladder((2, 4, 8, 12, 26, 52), then_every=26)
# A new best is only worth announcing if the old best was at least this many weeks.
MIN_BEST_TO_ANNOUNCE = 2

_ONE_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WeeklyRules:
    """The group settings that shape weekly streaks."""

    first_weekday: int = 0  # 0 = Monday ... 6 = Sunday
    freeze_every: int = 4  # a freeze is earned each time counted weeks reach a multiple; 0 = never
    freeze_max: int = 2  # freezes held at most; 0 = freezes off
    fail_counts: bool = True  # does a /fail day count as showing up? (as for days)

    def __post_init__(self) -> None:
        if not 0 <= self.first_weekday <= 6:
            raise ValueError(f"the first weekday must be 0..6, got {self.first_weekday}")
        if self.freeze_every < 0 or self.freeze_max < 0:
            raise ValueError("freeze_every and freeze_max must not be negative")


@dataclass(frozen=True, slots=True)
class WeeklyState:
    """A member's weekly streak as of their latest check-in in a weekly week (what the
    database keeps, beside the daily ``StreakState``)."""

    current: int = 0  # counted weeks in the run that ends with last_week
    best: int = 0  # the longest weekly run ever (counted weeks)
    last_week: date | None = None  # the first day of the latest counted week
    run_start: date | None = None  # the first day of the run's first counted week
    freezes: int = 0  # freezes held
    best_before_run: int = 0  # the best of the runs before the current one
    last_day: date | None = None  # the latest counted date in a week with a weekly target
    week_check_ins: int = 0  # counted dates in last_day's week, last_day included


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """A weekly week so far: "2 of 3 this week"."""

    check_ins: int  # counted dates this week
    target: int
    days_left: int  # days still open for a check-in: today unless it has one, then the rest

    @property
    def reached(self) -> bool:
        return self.check_ins >= self.target

    @property
    def needed(self) -> int:
        """Check-ins still needed for the week to count."""
        return max(self.target - self.check_ins, 0)


@dataclass(frozen=True, slots=True)
class WeeklyAdvance:
    """What one check-in did to the weekly state."""

    state: WeeklyState
    counted: bool  # it added a date to a weekly week (False: same date, uncounted fail, daily)
    week_counted: bool  # it was the check-in that reached its week's target
    check_ins: int  # counted dates in its week, after it (0 in a daily week)
    target: int | None  # its week's target (None: a daily week, not judged here)
    freezes_used: int  # freezes spent to bridge the weeks missed before this week
    streak_broken: int  # length of the run the missed weeks broke (0 if none, or a switch)
    milestone: int | None  # the milestone the run reached, if any
    new_best: bool  # the run just passed the previous best (and the old best was >= 2)
    missed: int = 0  # weeks missed since the previous counted week (a freeze may cover them)


@dataclass(frozen=True, slots=True)
class WeeklyStanding:
    """A member's weekly streak as seen on a given day ("today")."""

    current: int  # 0 if the run is over as of today
    best: int
    freezes: int  # freezes still held as of today (after any needed for weeks missed so far)
    freezes_used: int  # freezes needed to bridge the weeks missed since the last counted one
    at_risk: bool
    week: WeekProgress | None  # this week's progress; None when this week is a daily one


def replay(
    days: Mapping[date, Mark],
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: WeeklyRules,
) -> WeeklyState:
    """The state after every day in ``days``: the definition the kept state must equal.

    Walks the calendar one week at a time, judging each week whole, and keeps a tally of the
    weeks missed since the last counted one, settled against the freezes by the next.
    """
    by_week: dict[date, list[date]] = {}
    for day in sorted(day for day, mark in days.items() if counts(mark, rules)):
        by_week.setdefault(week_start(day, rules.first_weekday), []).append(day)
    if not by_week:
        return WeeklyState()
    current = best = best_before_run = freezes = missed = check_ins = 0
    last_week: date | None = None
    run_start: date | None = None
    last_day: date | None = None
    switched = False
    week, final = min(by_week), max(by_week)
    while week <= final:
        target = target_of_week(targets, week)
        dates = by_week.get(week, [])
        if target is DAILY:
            switched = last_week is not None
        elif len(dates) >= target:
            if switched or missed > freezes:
                current = freezes = 0
            else:
                freezes -= missed
            missed, switched = 0, False
            if current == 0:
                run_start, best_before_run = week, best
            current += 1
            freezes = with_earned_freeze(current, freezes, rules.freeze_every, rules.freeze_max)
            best = max(best, current)
            last_week = week
        elif last_week is not None:
            outside = sum(not in_break(week + n * _ONE_DAY, breaks) for n in range(7))
            missed += outside >= target
        if dates and target is not DAILY:
            last_day, check_ins = dates[-1], len(dates)
        week += _WEEK
    return WeeklyState(
        current, best, last_week, run_start, freezes, best_before_run, last_day, check_ins
    )


def _check_ins_in(state: WeeklyState, week: date, rules: WeeklyRules) -> int:
    """Counted dates the state knows of in the week starting on ``week``."""
    last = state.last_day
    same = last is not None and week_start(last, rules.first_weekday) == week
    return state.week_check_ins if same else 0


def _settled_before(
    state: WeeklyState,
    week: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: WeeklyRules,
) -> tuple[Settled, int]:
    """The run once the weeks between its last counted week and ``week`` are judged, and
    how many of them were missed. After a switch the run starts afresh, nothing broken."""
    if state.last_week is None:
        return Settled(state.current, state.freezes, 0, 0), 0
    gap = weeks_between(state.last_week, week, breaks, targets, rules.first_weekday)
    if gap.switched:
        return Settled(0, 0, 0, 0), 0
    return settle(state.current, state.freezes, gap.missed), gap.missed


def _seen_on(state: WeeklyState, today: date) -> date:
    """The day a standing is seen on: a ``last_day`` after ``today`` (the member moved west)
    stands for today."""
    return state.last_day if state.last_day is not None and state.last_day > today else today


def advance(
    state: WeeklyState,
    day: date,
    mark: Mark,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: WeeklyRules,
) -> WeeklyAdvance:
    """Move ``state`` forward by a check-in on ``day`` (``day`` >= ``state.last_day``).

    ``breaks`` need only include those overlapping the weeks after ``state.last_week`` up to
    ``day``'s. A date already counted, a FAIL that doesn't count, or a day of a daily week
    returns the state unchanged with ``counted=False``. A day before ``state.last_day``
    raises ValueError: recompute with ``replay`` instead.
    """
    if state.last_day is not None and day < state.last_day:
        raise ValueError(f"{day} is before the last counted day {state.last_day}; use replay")
    week = week_start(day, rules.first_weekday)
    target = target_of_week(targets, week)
    if day == state.last_day or not counts(mark, rules) or target is DAILY:
        check_ins = _check_ins_in(state, week, rules) if target is not DAILY else 0
        return WeeklyAdvance(state, False, False, check_ins, target, 0, 0, None, False)
    check_ins = _check_ins_in(state, week, rules) + 1
    if check_ins != target:
        moved = replace(state, last_day=day, week_check_ins=check_ins)
        return WeeklyAdvance(moved, True, False, check_ins, target, 0, 0, None, False)

    settled, missed = _settled_before(state, week, breaks, targets, rules)
    current = settled.current
    run_start, best_before_run = state.run_start, state.best_before_run
    if current == 0:
        run_start, best_before_run = week, state.best
    current += 1
    new_state = WeeklyState(
        current=current,
        best=max(state.best, current),
        last_week=week,
        run_start=run_start,
        freezes=with_earned_freeze(current, settled.freezes, rules.freeze_every, rules.freeze_max),
        best_before_run=best_before_run,
        last_day=day,
        week_check_ins=check_ins,
    )
    return WeeklyAdvance(
        state=new_state,
        counted=True,
        week_counted=True,
        check_ins=check_ins,
        target=target,
        freezes_used=settled.used,
        streak_broken=settled.broken,
        milestone=current if MILESTONES.reached(current) else None,
        new_best=is_new_best(current, best_before_run, MIN_BEST_TO_ANNOUNCE),
        missed=missed,
    )


def week_progress(
    state: WeeklyState,
    today: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: WeeklyRules,
) -> WeekProgress | None:
    """This week's progress ("2 of 3 this week"), None when this week's target is daily.

    From the kept state alone, in O(1): what the cue, the recap and /stats show. A
    ``last_day`` after ``today`` (the member moved west) stands for today.
    """
    today = _seen_on(state, today)
    week = week_start(today, rules.first_weekday)
    target = target_of_week(targets, week)
    if target is DAILY:
        return None
    left = days_left(today, state.last_day == today, breaks, rules.first_weekday)
    return WeekProgress(_check_ins_in(state, week, rules), target, left)


def standing(
    state: WeeklyState,
    today: date,
    breaks: Sequence[Break],
    targets: Sequence[TargetChange],
    rules: WeeklyRules,
) -> WeeklyStanding:
    """The state seen on ``today``: the run is alive if it counted this week, or if the
    weeks missed since its last counted week (not this one) are bridged by freezes held.

    The freezes are only used tentatively: ``advance`` spends them when the week counts.
    ``breaks`` need only include those overlapping the weeks after ``state.last_week`` up to
    the end of this week.
    """
    progress = week_progress(state, today, breaks, targets, rules)
    if progress is None or state.last_week is None:
        return WeeklyStanding(0, state.best, 0, 0, at_risk=False, week=progress)
    week = week_start(_seen_on(state, today), rules.first_weekday)
    current, freezes, used = state.current, state.freezes, 0
    if state.last_week < week:
        gap = weeks_between(state.last_week, week, breaks, targets, rules.first_weekday)
        if gap.switched or gap.missed > freezes:
            return WeeklyStanding(0, state.best, 0, 0, at_risk=False, week=progress)
        freezes, used = freezes - gap.missed, gap.missed
    would_be_missed = not progress.reached and available_days(week, breaks) >= progress.target
    at_risk = would_be_missed and progress.days_left == progress.needed
    return WeeklyStanding(current, state.best, freezes, used, at_risk=at_risk, week=progress)
