"""What a daily run and a weekly run share: a ladder of milestones, a freeze earned, a gap
settled against the freezes held, a new personal best.

The units differ (days, weeks) and so do the numbers (``streaks.Rules``,
``weekly_streaks.WeeklyRules``); the arithmetic is one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Ladder", "Settled", "is_new_best", "settle", "with_earned_freeze"]


@dataclass(frozen=True, slots=True)
class Ladder:
    """Milestones: each rung, then every ``then_every`` above the last rung."""

    rungs: tuple[int, ...]
    then_every: int

    def __post_init__(self) -> None:
        if not self.rungs or list(self.rungs) != sorted(set(self.rungs)) or self.rungs[0] < 1:
            raise ValueError(f"rungs must rise from 1 or more, got {self.rungs}")
        if self.then_every < 1:
            raise ValueError(f"then_every must be at least 1, got {self.then_every}")

    def reached(self, count: int) -> bool:
        """Whether a run of ``count`` stands on a milestone."""
        if count in self.rungs:
            return True
        return count > self.rungs[-1] and count % self.then_every == 0

    def next_after(self, count: int) -> int:
        """The first milestone above ``count`` ("3 more to 30")."""
        for rung in self.rungs:
            if rung > count:
                return rung
        return (count // self.then_every + 1) * self.then_every


def with_earned_freeze(count: int, freezes: int, every: int, most: int) -> int:
    """The freezes held once a run reached ``count``: one more when ``count`` is a multiple of
    ``every`` (0: never), never more than ``most``."""
    earned = every > 0 and count % every == 0
    return min(freezes + 1, most) if earned else freezes


@dataclass(frozen=True, slots=True)
class Settled:
    """A run after the gap before its next counted day (or week) was judged."""

    current: int  # the run's length so far: unchanged if bridged, 0 if broken
    freezes: int  # freezes still held
    used: int  # freezes spent on the gap
    broken: int  # the length of the run the gap broke, 0 if none


def settle(current: int, freezes: int, missed: int) -> Settled:
    """A gap with ``missed`` days (or weeks) is covered when the freezes held are enough;
    otherwise the run breaks and the freezes go with it."""
    if missed <= freezes:
        return Settled(current, freezes - missed, missed, 0)
    return Settled(0, 0, 0, current)


def is_new_best(current: int, best_before_run: int, least_worth_telling: int) -> bool:
    """Whether a run that just reached ``current`` passed the best of the runs before it for
    the first time, and that best was worth beating (at least ``least_worth_telling``)."""
    return best_before_run >= least_worth_telling and current == best_before_run + 1
