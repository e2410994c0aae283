"""Challenges with an end: their terms as an admin writes them, and each member's progress.

A challenge runs from its first day to its last, both inclusive, in the members' own day
keys (the days their check-ins count for). It asks for a check-in every day, or, with a
weekly target, for that many days in each of its weeks (the seven days from its first day,
then the next seven, ...). Rest days and breaks don't bridge a challenge's days: it is a
promise of its own. With ``freezes on`` a member earns a challenge freeze as the group's
rule says (every ``freeze_every`` counted days, or every 4 counted weeks), holding at most
``freeze_max``; a missed day (or week) is covered by one if held.

Progress is a pure function of the member's counted days inside the challenge and their
own today; nothing is kept but the days.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.parsing import switch

__all__ = [
    "MAX_DAYS",
    "MAX_TITLE_CHARS",
    "WEEKS_PER_FREEZE",
    "ChallengeRules",
    "Mark",
    "Problem",
    "Progress",
    "Results",
    "Terms",
    "day_number",
    "first_day_allowed",
    "joinable",
    "parse_terms",
    "progress",
    "results",
]

MAX_DAYS = 366
MAX_TITLE_CHARS = 64
# How far ahead a challenge may be set to start.
MAX_LEAD_DAYS = 366
# In a weekly challenge with freezes, one is earned every this many counted weeks (as a
# weekly rhythm's streak earns them).
WEEKS_PER_FREEZE = 4

_LENGTH = re.compile(r"^(\d{1,3})\s*(d|days?|w|weeks?)$", re.IGNORECASE)
_TARGET = re.compile(r"^(\d)\s*(?:x|×)?\s*/\s*(?:w|wk|week)$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Problem(StrEnum):
    """Why what an admin wrote is not a challenge."""

    NO_LENGTH = "no_length"  # no "30d" or "4w" first
    BAD_LENGTH = "bad_length"  # out of range
    NO_TITLE = "no_title"
    TITLE_TOO_LONG = "title_too_long"
    BAD_TARGET = "bad_target"  # "N/week" out of 1..6, or weeks not whole
    BAD_DATE = "bad_date"  # not a date, or not from tomorrow to a year ahead
    BAD_SWITCH = "bad_switch"  # "freezes" or "late" without on/off


@dataclass(frozen=True, slots=True)
class Terms:
    """A challenge as an admin asked for it."""

    title: str
    days: int
    weekly_target: int | None  # check-in days a week; None: every day
    first_day: date | None  # None: tomorrow
    freezes: bool
    late_join: bool


def parse_terms(text: str) -> Terms | Problem:
    """``30d No sugar``, ``4w 3/week Gym from 2027-01-05 freezes on late on``: the length
    first, then the title, with the options anywhere after the length."""
    words = text.split()
    if len(words) > 1 and words[0].isdigit() and _LENGTH.match("1" + words[1]):
        words = [words[0] + words[1], *words[2:]]  # "4 weeks"
    if not words:
        return Problem.NO_LENGTH
    length = _LENGTH.match(words[0])
    if length is None:
        return Problem.NO_LENGTH
    count, unit = int(length.group(1)), length.group(2)[0].lower()
    days = count * 7 if unit == "w" else count
    if not 2 <= days <= MAX_DAYS:
        return Problem.BAD_LENGTH
    target: int | None = None
    first: date | None = None
    freezes = late = False
    title: list[str] = []
    rest = words[1:]
    index = 0
    while index < len(rest):
        word, following = rest[index], rest[index + 1] if index + 1 < len(rest) else ""
        low = word.lower()
        weekly = _TARGET.match(word)
        if weekly is not None:
            target = int(weekly.group(1))
            index += 1
        elif low == "from" and _DATE.match(following):
            found = _date(following)
            if found is None:
                return Problem.BAD_DATE
            first = found
            index += 2
        elif low in ("freezes", "late") and switch(following) is not None:
            if low == "freezes":
                freezes = bool(switch(following))
            else:
                late = bool(switch(following))
            index += 2
        else:
            title.append(word)
            index += 1
    if target is not None and (not 1 <= target <= 6 or days % 7):
        return Problem.BAD_TARGET
    name = " ".join(title)
    if not name:
        return Problem.NO_TITLE
    if len(name) > MAX_TITLE_CHARS:
        return Problem.TITLE_TOO_LONG
    return Terms(name, days, target, first, freezes, late)


def _date(word: str) -> date | None:
    match = _DATE.match(word)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def first_day_allowed(first: date, today: date) -> bool:
    """A challenge starts from tomorrow (members join before it starts) to a year ahead."""
    return today < first <= today + timedelta(days=MAX_LEAD_DAYS)


@dataclass(frozen=True, slots=True)
class ChallengeRules:
    """What a member's progress in a challenge depends on."""

    first_day: date
    last_day: date
    weekly_target: int | None
    freezes: bool
    freeze_every: int  # the group's: counted days per freeze (daily challenges)
    freeze_max: int

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def units(self) -> int:
        """What must be met: days, or weeks with a weekly target."""
        return self.days // 7 if self.weekly_target else self.days


def day_number(rules: ChallengeRules, today: date) -> int:
    """Today is day n of the challenge (0 before it starts, past ``days`` after it)."""
    return max(0, (today - rules.first_day).days + 1)


def joinable(rules: ChallengeRules, today: date, *, late_join: bool) -> bool:
    """Members join until it starts, or while it runs if the admins allow it."""
    if today < rules.first_day:
        return True
    return late_join and today <= rules.last_day


class Mark(StrEnum):
    """A challenge day as a member's grid shows it."""

    DONE = "done"  # a counted check-in
    FROZEN = "frozen"  # missed, covered by a challenge freeze
    MISSED = "missed"
    OPEN = "open"  # today (or this week), still to do
    RESTED = "rested"  # a weekly challenge's day without a check-in, in a week that was met
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class Progress:
    """A member's challenge so far."""

    marks: tuple[Mark, ...]  # one a day, first to last
    check_ins: int  # counted days inside the challenge
    met: int  # days (or weeks) met, covered ones included
    units: int  # days (or weeks) asked for
    missed: int  # days (or weeks) missed, not covered

    @property
    def still_in(self) -> bool:
        """Nothing missed so far: completing every day is still possible."""
        return self.missed == 0

    @property
    def completed(self) -> bool:
        return self.met == self.units


def progress(rules: ChallengeRules, counted: Collection[date], today: date) -> Progress:
    """The member's progress on their own ``today``, from their counted days (those outside
    the challenge are ignored)."""
    days = [rules.first_day + timedelta(days=n) for n in range(rules.days)]
    inside = {day for day in days if day in counted}
    if rules.weekly_target is None:
        return _daily(rules, days, inside, today)
    return _weekly(rules, days, inside, today, rules.weekly_target)


class _Freezes:
    """Challenge freezes: earned every ``every`` counted units, at most ``most`` held."""

    def __init__(self, on: bool, every: int, most: int) -> None:
        self.on, self.every, self.most = on, max(1, every), most
        self.held = self.counted = 0

    def counted_one(self) -> None:
        self.counted += 1
        if self.on and self.counted % self.every == 0:
            self.held = min(self.most, self.held + 1)

    def cover(self) -> bool:
        if self.held <= 0:
            return False
        self.held -= 1
        return True


def _daily(rules: ChallengeRules, days: Sequence[date], inside: set[date], today: date) -> Progress:
    freezes = _Freezes(rules.freezes, rules.freeze_every, rules.freeze_max)
    marks: list[Mark] = []
    for day in days:
        if day in inside:
            marks.append(Mark.DONE)
            freezes.counted_one()
        elif day > today:
            marks.append(Mark.FUTURE)
        elif day == today:
            marks.append(Mark.OPEN)
        else:
            marks.append(Mark.FROZEN if freezes.cover() else Mark.MISSED)
    met = sum(1 for mark in marks if mark in (Mark.DONE, Mark.FROZEN))
    missed = marks.count(Mark.MISSED)
    return Progress(tuple(marks), len(inside), met, len(days), missed)


def _weekly(
    rules: ChallengeRules, days: Sequence[date], inside: set[date], today: date, target: int
) -> Progress:
    freezes = _Freezes(rules.freezes, WEEKS_PER_FREEZE, rules.freeze_max)
    marks: list[Mark] = []
    met = missed = 0
    for start in range(0, len(days), 7):
        week = days[start : start + 7]
        done = sum(1 for day in week if day in inside)
        if done >= target:
            met += 1
            freezes.counted_one()
            empty = Mark.RESTED
        elif week[-1] >= today:
            empty = Mark.OPEN
        elif freezes.cover():
            met += 1
            empty = Mark.FROZEN
        else:
            missed += 1
            empty = Mark.MISSED
        for day in week:
            if day in inside:
                marks.append(Mark.DONE)
            elif day > today:
                marks.append(Mark.FUTURE)
            elif empty is Mark.OPEN and day < today:
                marks.append(Mark.RESTED)  # this week's days so far: the week is still open
            else:
                marks.append(empty)
    return Progress(tuple(marks), len(inside), met, len(days) // 7, missed)


@dataclass(frozen=True, slots=True)
class Results:
    """A challenge's end: who met every day (or week), who came closest, and the group's
    total of check-ins in it."""

    completed: tuple[str, ...]
    closest: tuple[str, ...]  # the most met of those who did not complete (none if 0)
    closest_met: int
    units: int
    total: int


def results(rules: ChallengeRules, members: Sequence[tuple[str, Progress]]) -> Results:
    """The results of ``members`` (name, progress at the end), names in the order given."""
    completed = tuple(name for name, p in members if p.completed)
    others = [(name, p) for name, p in members if not p.completed]
    best = max((p.met for _, p in others), default=0)
    closest = tuple(name for name, p in others if best and p.met == best)
    total = sum(p.check_ins for _, p in members)
    return Results(completed, closest, best, rules.units, total)
