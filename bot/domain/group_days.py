"""A group's days: how many of its active members showed up (``/stats group``).

Pure: every member's history, the group's rules and "today" come in. The rules are those of
``groups`` (the cue's and ``/top``'s), applied to each day of the past:

- a member *showed up* on a day with an entry that counts (a check-in, or a ``/fail`` where
  the group counts it), at most once a day;
- a member is *active* on a day as ``groups.is_active`` says of their latest entry on or
  before it (of any kind), so whoever showed up is active and a day's share of active
  members who showed up is between 0 and 1;
- the group streak counts a day when at least ``groups.group_bar`` members showed up: one,
  or the admins' share of the members active *today*, as in the cue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.groups import ACTIVE_DAYS, group_bar, group_streak_from_counts
from bot.domain.member_days import YEAR_DAYS, window_days
from bot.domain.streaks import Mark, Rules, counts

__all__ = [
    "GroupDay",
    "GroupFigures",
    "GroupYear",
    "active_by_day",
    "average_share",
    "first_entry",
    "group_days",
    "group_year",
    "showed_up_by_day",
]


@dataclass(frozen=True, slots=True)
class GroupDay:
    """One day of a group: who showed up out of who was active."""

    day: date
    showed_up: int
    active: int

    @property
    def share(self) -> float:
        """The share (0..1) of active members who showed up; 0 when nobody was active."""
        return self.showed_up / self.active if self.active else 0.0


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The numbers written on a group's picture."""

    group_streak: int
    best_day: GroupDay | None  # the most members showing up (the latest on a tie)
    average_share: float | None  # mean share over the days someone was active, today aside
    active_today: int
    check_ins: int  # member-days that counted in the window


@dataclass(frozen=True, slots=True)
class GroupYear:
    """A group's last ``len(days)`` days, oldest first, ending on ``today``."""

    today: date
    started: date | None  # the group's first entry; None before any
    days: tuple[GroupDay, ...]
    figures: GroupFigures


def showed_up_by_day(members: Iterable[Mapping[date, Mark]], rules: Rules) -> Counter[date]:
    """How many members showed up on each day (days with nobody are absent)."""
    return Counter(day for days in members for day, mark in days.items() if counts(mark, rules))


def active_by_day(
    members: Iterable[Mapping[date, Mark]], first: date, last: date
) -> dict[date, int]:
    """How many members were active on each day of ``first``..``last``.

    Each entry keeps its member active for ``ACTIVE_DAYS`` more days (``groups.is_active``
    of the latest entry, without asking it day by day); a member's spans are joined first so
    they count once a day, then summed in one pass over the window. Days are counted as
    ordinals: a big group's year is thousands of entries.
    """
    low, high = first.toordinal(), last.toordinal()
    delta = [0] * (high - low + 2)

    def add(start: int, end: int) -> None:
        start, end = max(start, low), min(end, high)
        if start <= end:
            delta[start - low] += 1
            delta[end - low + 1] -= 1

    for days in members:
        start = end = -1
        for entry in sorted(day.toordinal() for day in days):
            if entry > high:
                break
            if start >= 0 and entry <= end + 1:
                end = entry + ACTIVE_DAYS
                continue
            if start >= 0:
                add(start, end)
            start, end = entry, entry + ACTIVE_DAYS
        if start >= 0:
            add(start, end)
    active, running = {}, 0
    for offset in range(high - low + 1):
        running += delta[offset]
        active[first + timedelta(days=offset)] = running
    return active


def average_share(days: Iterable[GroupDay]) -> float | None:
    """The mean share over the days someone was active; None if nobody was on any."""
    shares = [day.share for day in days if day.active]
    return sum(shares) / len(shares) if shares else None


def group_days(
    members: Sequence[Mapping[date, Mark]],
    rules: Rules,
    first: date,
    last: date,
    *,
    showed: Mapping[date, int] | None = None,
) -> tuple[GroupDay, ...]:
    """Each day of ``first``..``last``: members who showed up and members active
    (``showed``: ``showed_up_by_day`` if the caller has it already)."""
    if showed is None:
        showed = showed_up_by_day(members, rules)
    active = active_by_day(members, first, last)
    return tuple(GroupDay(day, showed.get(day, 0), active[day]) for day in sorted(active))


def first_entry(members: Iterable[Mapping[date, Mark]], today: date) -> date | None:
    """The group's first entry (of any kind) up to ``today``; None before any."""
    return min((day for history in members for day in history if day <= today), default=None)


def group_year(
    members: Sequence[Mapping[date, Mark]],
    rules: Rules,
    today: date,
    *,
    share_percent: int = 0,
    length: int = YEAR_DAYS,
) -> GroupYear:
    """Everything a group's heatmap shows.

    ``members`` holds each member's whole history (a DONE wins over a FAIL on a day): the
    group streak may be older than the window.
    """
    window = window_days(today, length)
    showed = showed_up_by_day(members, rules)
    days = group_days(members, rules, window[0], today, showed=showed)
    active_today = days[-1].active
    bar = group_bar(share_percent, active_today)
    started = first_entry(members, today)
    figures = GroupFigures(
        group_streak=group_streak_from_counts(showed, bar, today),
        best_day=max(
            (d for d in days if d.showed_up), key=lambda d: (d.showed_up, d.day), default=None
        ),
        # Today is still open: counting it would pull the average down every morning.
        average_share=average_share(days[:-1]),
        active_today=active_today,
        check_ins=sum(d.showed_up for d in days),
    )
    return GroupYear(today=today, started=started, days=days, figures=figures)
