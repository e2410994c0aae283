"""A group's week (the optional weekly picture): its days, and who beat their best week.

A week is seven days ending on a day the caller chooses (``last``): today for an evening
post, yesterday for a morning one. Earlier weeks are the seven-day blocks before it, so a
post every Sunday compares Monday-to-Sunday weeks.

A member *beat their best week* when their counted days this week are more than in any
earlier week, and some earlier week held at least one (a first week is a start, not a
record).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.group_days import GroupDay, average_share, group_days, showed_up_by_day
from bot.domain.groups import group_bar, group_streak_from_counts
from bot.domain.streaks import Mark, Rules, counts

__all__ = [
    "WEEK_DAYS",
    "BestWeek",
    "GroupWeek",
    "KeptBest",
    "NamedHistory",
    "best_before",
    "best_week",
    "group_week",
    "kept_after",
    "weekly_counts",
]

WEEK_DAYS = 7


@dataclass(frozen=True, slots=True)
class KeptBest:
    """A member's best week as kept after a weekly picture: the most counted days in one of
    the weeks ending on or before ``until``."""

    days: int
    until: date


@dataclass(frozen=True, slots=True)
class NamedHistory:
    """A member's history in a group, with the name the picture shows: their whole history,
    or with ``kept`` (their best week so far) only what came after it and the week drawn."""

    name: str
    days: Mapping[date, Mark]
    kept: KeptBest | None = None


@dataclass(frozen=True, slots=True)
class BestWeek:
    """A member who beat their own best week."""

    name: str
    days: int  # counted days this week
    previous_best: int  # the most in any earlier week


@dataclass(frozen=True, slots=True)
class GroupWeek:
    """What the weekly picture shows."""

    days: tuple[GroupDay, ...]  # seven, oldest first
    check_ins: int  # member-days that counted this week
    average_share: float | None  # mean share over the days someone was active
    group_streak: int  # as of the week's last day
    best_weeks: tuple[BestWeek, ...]  # most days first

    @property
    def first(self) -> date:
        return self.days[0].day

    @property
    def last(self) -> date:
        return self.days[-1].day


def weekly_counts(counted: Iterable[date], last: date) -> Counter[int]:
    """Counted days per week: 0 is the week ending on ``last``, 1 the one before, ...
    (days after ``last`` are left out)."""
    return Counter((last - day).days // WEEK_DAYS for day in set(counted) if day <= last)


def best_before(counted: Iterable[date], last: date, kept: KeptBest | None = None) -> int:
    """The most counted days in one week before the week ending on ``last``: in the weeks of
    ``counted``, and in those ``kept`` already covers (weeks ending on or before its
    ``until``; ``counted`` need then hold only the days of the later weeks)."""
    weeks = weekly_counts(counted, last)
    weeks.pop(0, 0)
    if kept is not None:
        later = {k: n for k, n in weeks.items() if last - timedelta(days=7 * k) > kept.until}
        return max([*later.values(), kept.days])
    return max(weeks.values(), default=0)


def best_week(
    counted: Iterable[date], last: date, kept: KeptBest | None = None
) -> tuple[int, int] | None:
    """(this week's days, the previous best) if the week ending on ``last`` beat every
    earlier week and an earlier week held a counted day; None otherwise."""
    days = set(counted)
    this_week = weekly_counts(days, last).get(0, 0)
    previous = best_before(days, last, kept)
    if previous >= 1 and this_week > previous:
        return this_week, previous
    return None


def kept_after(member: NamedHistory, rules: Rules, last: date) -> KeptBest:
    """The member's best week to keep once the week ending on ``last`` was drawn."""
    counted = {day for day, mark in member.days.items() if counts(mark, rules)}
    this_week = weekly_counts(counted, last).get(0, 0)
    return KeptBest(max(this_week, best_before(counted, last, member.kept)), last)


def group_week(
    members: Sequence[NamedHistory], rules: Rules, last: date, *, share_percent: int = 0
) -> GroupWeek:
    """The week ending on ``last``: each day, the group streak, and the new best weeks.

    The members' histories need hold only the week and the ``ACTIVE_DAYS`` before it, with
    their kept best weeks; the group streak is then the one those days show, which the
    caller replaces with the group's own when the histories are not whole."""
    histories = [member.days for member in members]
    first = last - timedelta(days=WEEK_DAYS - 1)
    showed = showed_up_by_day(histories, rules)
    days = group_days(histories, rules, first, last, showed=showed)
    bar = group_bar(share_percent, days[-1].active)
    records = []
    for member in members:
        counted = (day for day, mark in member.days.items() if counts(mark, rules))
        beaten = best_week(counted, last, member.kept)
        if beaten is not None:
            records.append(BestWeek(member.name, *beaten))
    records.sort(key=lambda r: (-r.days, -(r.days - r.previous_best), r.name.casefold()))
    return GroupWeek(
        days=days,
        check_ins=sum(d.showed_up for d in days),
        average_share=average_share(days),
        group_streak=group_streak_from_counts(showed, bar, last),
        best_weeks=tuple(records),
    )
