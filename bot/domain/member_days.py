"""What each day of a member's year *is*, and the figures written beside it (``/stats``).

Pure: the member's whole history, their breaks, the group's rules and "today" come in; the
kind of every day of the window and a few figures come out. Freezes are never judged here:
the streak engine (``streaks.advance`` and ``streaks.standing``) says which gaps a freeze
covered, so the picture always agrees with the streak the bot announces.

The kind of a day, first match wins:

1. before the member's first entry: ``BEFORE_START``;
2. a check-in: ``CHECKED_IN``; a ``/fail`` that counts: ``FAIL_COUNTED``; one that doesn't:
   ``FAIL_UNCOUNTED`` (what the member said is shown even where the streak saw a missed day
   that a rest day, a break or a freeze bridged);
3. inside a break: ``BREAK``; a rest weekday: ``REST``;
4. today, not checked in yet: ``OPEN`` (today never breaks a streak);
5. a missed day a freeze covered: ``FROZEN``, either settled by the next counted day or,
   for the days since the last one, as ``standing`` sees them today;
6. anything else: ``MISSED``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.gaps import in_break
from bot.domain.streaks import (
    Break,
    Mark,
    Rules,
    StreakState,
    advance,
    consistency,
    counts,
    standing,
)

__all__ = [
    "CONSISTENCY_WINDOW",
    "YEAR_DAYS",
    "DayKind",
    "MemberFigures",
    "MemberYear",
    "Month",
    "best_month",
    "day_kinds",
    "frozen_days",
    "member_year",
    "picture_days",
    "window_days",
]

# The heatmap's longest window: the last 365 days, today included.
YEAR_DAYS = 365
# The shortest: this many weeks, today's the last (a newcomer's few days and some room).
MIN_PICTURE_WEEKS = 4
# "24/30": active days among the last 30 (the same window as /streak).
CONSISTENCY_WINDOW = 30

_ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """What one day of a member's history is, as the heatmap shows it."""

    CHECKED_IN = "checked_in"
    FAIL_COUNTED = "fail_counted"  # an honest /fail where the group counts it
    FAIL_UNCOUNTED = "fail_uncounted"  # a /fail where the group doesn't count it
    REST = "rest"  # a group rest day without a check-in
    BREAK = "break"  # a day inside an announced break, without a check-in
    FROZEN = "frozen"  # a missed day a freeze covered
    MISSED = "missed"
    OPEN = "open"  # today, not checked in yet
    BEFORE_START = "before_start"  # before the member's first entry


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month and how many counted days it holds."""

    year: int
    month: int  # 1..12
    days: int


@dataclass(frozen=True, slots=True)
class MemberFigures:
    """The numbers written on a member's picture."""

    current_streak: int  # as ``standing`` sees it today (0 once broken)
    best_streak: int
    consistency: int  # counted days among the last ``consistency_window`` days
    consistency_window: int
    best_month: Month | None  # None without a counted day in the window
    cheers: int  # cheers received (counted elsewhere, passed in)
    check_ins: int  # counted days in the window


@dataclass(frozen=True, slots=True)
class MemberYear:
    """A member's last ``len(days)`` days, oldest first, ending on ``today``."""

    today: date
    days: tuple[DayKind, ...]
    figures: MemberFigures
    proved: frozenset[date] = frozenset()  # the days shown with an entry that had proof

    @property
    def first(self) -> date:
        return self.today - timedelta(days=len(self.days) - 1)

    def kind_on(self, day: date) -> DayKind:
        index = (day - self.first).days
        if not 0 <= index < len(self.days):
            raise ValueError(f"{day} is outside {self.first}..{self.today}")
        return self.days[index]


def window_days(today: date, length: int = YEAR_DAYS) -> list[date]:
    """The ``length`` days ending on ``today``, oldest first."""
    if length < 1:
        raise ValueError(f"a window holds at least one day, got {length}")
    first = today - timedelta(days=length - 1)
    return [first + timedelta(days=i) for i in range(length)]


def picture_days(first_entry: date, today: date) -> int:
    """How many days a picture ending on ``today`` shows, for a member's or a group's
    ``first_entry``: whole weeks from the Monday of its week (at least
    ``MIN_PICTURE_WEEKS``), at most ``YEAR_DAYS``. A newcomer sees the weeks they have been
    here, not a year of blank days."""
    this_monday = today - timedelta(days=today.weekday())
    latest_start = this_monday - timedelta(weeks=MIN_PICTURE_WEEKS - 1)
    start = min(first_entry - timedelta(days=first_entry.weekday()), latest_start)
    return min((today - start).days + 1, YEAR_DAYS)


def _fold(
    days: Mapping[date, Mark], breaks: Sequence[Break], rules: Rules
) -> tuple[StreakState, list[tuple[date, date]]]:
    """The state after every day (what ``replay`` gives) and the gaps a freeze covered, each
    as (the counted day before the gap, the counted day after it)."""
    state = StreakState()
    gaps: list[tuple[date, date]] = []
    for day, mark in sorted(days.items()):
        before = state.last_day
        step = advance(state, day, mark, breaks, rules)
        if step.freezes_used and before is not None:
            gaps.append((before, day))
        state = step.state
    return state, gaps


def _missed_in(earlier: date, later: date, breaks: Sequence[Break], rules: Rules) -> list[date]:
    """The days strictly between two days that neither a rest day nor a break bridges (the
    days ``streaks.missed_days_between`` counts)."""
    found, day = [], earlier + _ONE_DAY
    while day < later:
        if day.weekday() not in rules.rest_weekdays and not in_break(day, breaks):
            found.append(day)
        day += _ONE_DAY
    return found


def _covered(
    state: StreakState,
    gaps: Sequence[tuple[date, date]],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
) -> set[date]:
    covered = {day for earlier, later in gaps for day in _missed_in(earlier, later, breaks, rules)}
    last = state.last_day
    if last is not None and last < today and standing(state, today, breaks, rules).freezes_used:
        covered.update(_missed_in(last, today, breaks, rules))
    return covered


def frozen_days(
    days: Mapping[date, Mark], breaks: Sequence[Break], rules: Rules, today: date
) -> set[date]:
    """Every missed day a freeze covered, over the member's whole history.

    A gap between two counted days is covered whole when ``advance`` spent freezes on it
    (the freezes held were at least the days missed). The days missed since the last counted
    day, before today, are covered when ``standing`` keeps the run alive today: those
    freezes are only spent for good by the next check-in, but the streak shown today counts
    on them.
    """
    state, gaps = _fold(days, breaks, rules)
    return _covered(state, gaps, breaks, rules, today)


def _kind(
    day: date,
    mark: Mark | None,
    frozen: set[date],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
) -> DayKind:
    if mark is Mark.DONE:
        return DayKind.CHECKED_IN
    if mark is Mark.FAIL:
        return DayKind.FAIL_COUNTED if counts(mark, rules) else DayKind.FAIL_UNCOUNTED
    if in_break(day, breaks):
        return DayKind.BREAK
    if day.weekday() in rules.rest_weekdays:
        return DayKind.REST
    if day == today:
        return DayKind.OPEN
    return DayKind.FROZEN if day in frozen else DayKind.MISSED


def _kinds(
    days: Mapping[date, Mark],
    frozen: set[date],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
    length: int,
) -> tuple[DayKind, ...]:
    window = window_days(today, length)
    start = min(days, default=today + _ONE_DAY)
    return tuple(
        DayKind.BEFORE_START
        if day < start
        else _kind(day, days.get(day), frozen, breaks, rules, today)
        for day in window
    )


def day_kinds(
    days: Mapping[date, Mark],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
    length: int = YEAR_DAYS,
) -> tuple[DayKind, ...]:
    """The kind of each of the ``length`` days ending on ``today``, oldest first.

    ``days`` is the member's whole history (a DONE wins over a FAIL on the same day), not
    just the window: the freezes held when the window opens depend on what came before.
    """
    return _kinds(days, frozen_days(days, breaks, rules, today), breaks, rules, today, length)


def recent_kinds(
    marks: Mapping[date, Mark],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
    count: int = 7,
) -> tuple[DayKind, ...]:
    """The last ``count`` days ending today, oldest first, from those days' marks alone (the
    row of dots in /streak): what ``day_kinds`` says of them, but without the whole history it
    would need to tell a frozen day from a missed one (both show as missed)."""
    return tuple(
        _kind(day, marks.get(day), set(), breaks, rules, today) for day in window_days(today, count)
    )


def best_month(counted: Sequence[date]) -> Month | None:
    """The calendar month with the most counted days; on a tie, the latest."""
    per_month = Counter((day.year, day.month) for day in set(counted))
    if not per_month:
        return None
    (year, month), most = max(per_month.items(), key=lambda item: (item[1], item[0]))
    return Month(year, month, most)


def member_year(
    days: Mapping[date, Mark],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
    *,
    cheers: int = 0,
    length: int = YEAR_DAYS,
    proved: frozenset[date] = frozenset(),
) -> MemberYear:
    """Everything a member's heatmap shows: each day's kind and the figures.

    The streaks are those ``/streak`` shows: the state replayed from the whole history, seen
    on ``today``. The best month is looked for inside the window only, so it is always a
    month the picture shows (the first and last may be partial).
    """
    state, gaps = _fold(days, breaks, rules)
    frozen = _covered(state, gaps, breaks, rules, today)
    kinds = _kinds(days, frozen, breaks, rules, today, length)
    seen = standing(state, today, breaks, rules)
    first = today - timedelta(days=length - 1)
    counted = [day for day, mark in days.items() if counts(mark, rules)]
    in_window = [day for day in counted if first <= day <= today]
    figures = MemberFigures(
        current_streak=seen.current,
        best_streak=state.best,
        consistency=consistency(counted, today, CONSISTENCY_WINDOW),
        consistency_window=CONSISTENCY_WINDOW,
        best_month=best_month(in_window),
        cheers=cheers,
        check_ins=len(in_window),
    )
    shown_proved = frozenset(day for day in proved if first <= day <= today)
    return MemberYear(today=today, days=kinds, figures=figures, proved=shown_proved)
