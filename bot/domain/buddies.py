"""Buddies: the pair's streak, and the bot's weekly pairing.

**The pair's streak** counts the days on which every member of the pair (two, or three when
the bot paired an odd number) checked in, each by their own date (a member's day keys are in
their own zone). A day on which each member either checked in or was bridged (a rest day of
the group, a day inside their announced break) bridges: it adds nothing and breaks nothing. A
day still under way for a member who has not checked in yet (their today, or later for a
member west of the others) breaks nothing either. Any other day breaks the run. Freezes are
the member's own: they never cover the pair's days. Only days since the pair was made count.

The run ends at the latest member's today and reaches back no further than ``since``; the
caller may pass a later ``since`` to read less: a day that breaks a member's own run breaks
the pair's, so the pair's run starts no earlier than the latest of the members' own run
starts.

**The weekly pairing** pairs the group's active members at random (seeded, so that a replay
pairs alike), two by two, and an odd one out joins a pair of three. Nobody gets the same
buddy as last week where another pairing allows it.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain.gaps import Break, in_break

__all__ = [
    "PAIRING_TRIES",
    "MemberDays",
    "kept_today",
    "pair_streak",
    "repeats",
    "weekly_pairs",
]

_ONE_DAY = timedelta(days=1)
# Shuffles tried for a pairing without last week's buddies; the best of them is taken.
PAIRING_TRIES = 200


@dataclass(frozen=True, slots=True)
class MemberDays:
    """One member of a pair: the days they checked in (that count), their breaks, and their
    own today."""

    counted: frozenset[date]
    today: date
    breaks: Sequence[Break] = field(default_factory=tuple)

    def bridged(self, day: date, rest_weekdays: Collection[int]) -> bool:
        return day.weekday() in rest_weekdays or in_break(day, self.breaks)


def pair_streak(members: Sequence[MemberDays], rest_weekdays: Collection[int], since: date) -> int:
    """The pair's streak as of each member's today: days all of them checked in, in the
    unbroken run back to ``since`` at the earliest (see the module's docs)."""
    if not members:
        return 0
    day = max(member.today for member in members)
    streak = 0
    while day >= since:
        if all(day in member.counted for member in members):
            streak += 1
        elif not all(
            day in member.counted
            or member.bridged(day, rest_weekdays)
            or day >= member.today  # not over yet for them
            for member in members
        ):
            break
        day -= _ONE_DAY
    return streak


def kept_today(members: Sequence[MemberDays]) -> bool:
    """Every member of the pair checked in on their own today."""
    return bool(members) and all(member.today in member.counted for member in members)


def weekly_pairs(
    members: Sequence[int], last_week: Mapping[int, Collection[int]], seed: int
) -> list[tuple[int, ...]]:
    """The members (ids) in pairs, a pair of three for an odd number (nobody alone: one
    member is no pair). ``last_week``: each member's buddies of last week, to avoid."""
    people = sorted(set(members))
    if len(people) < 2:
        return []
    shuffler = random.Random(seed)
    best: list[tuple[int, ...]] = []
    fewest = -1
    for _ in range(PAIRING_TRIES):
        shuffler.shuffle(people)
        pairs = _in_twos(people)
        found = repeats(pairs, last_week)
        if fewest < 0 or found < fewest:
            best, fewest = pairs, found
        if fewest == 0:
            break
    return [tuple(sorted(pair)) for pair in best]


def _in_twos(people: Sequence[int]) -> list[tuple[int, ...]]:
    pairs = [tuple(people[i : i + 2]) for i in range(0, len(people) - 1, 2)]
    if len(people) % 2:
        pairs[-1] = (*pairs[-1], people[-1])
    return pairs


def repeats(pairs: Sequence[tuple[int, ...]], last_week: Mapping[int, Collection[int]]) -> int:
    """How many two people of one pair were buddies last week too."""
    return sum(
        1
        for pair in pairs
        for i, one in enumerate(pair)
        for other in pair[i + 1 :]
        if other in last_week.get(one, ())
    )
