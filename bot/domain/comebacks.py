"""Comebacks and "never miss twice" (docs/streak-rules.md), as pure functions.

The idea: missing one day happens; missing two in a row is how habits end. So the first
check-in after a missed day is celebrated, and beside the strict streak there is a second
record to beat, the longest run without two misses in a row.

- A *missed day* is what the streak rules call one: a day between two counted days that is
  neither a rest weekday nor inside a break (``streaks.missed_days_between``), whether a
  freeze covered it or not. Rest days and breaks bridge: they neither count nor miss, so a
  miss, a rest day and a miss are two misses in a row. Today is never missed yet.
- A counted day is a *comeback* when at least one day was missed since the member's previous
  counted day (``streaks.advance`` says how many: ``Advance.missed``). The first counted day
  ever is a start, not a comeback.
- A *never-miss-twice run* is a run of counted days in which no gap between two of them holds
  more than one missed day. Its length is its counted days. The run is alive today while at
  most one day was missed since its last counted day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.streaks import Break, Rules, missed_days_between

__all__ = ["MISSES_ALLOWED", "NeverMissTwice", "is_comeback", "never_miss_twice"]

# Missed days in a row that a never-miss-twice run survives.
MISSES_ALLOWED = 1


@dataclass(frozen=True, slots=True)
class NeverMissTwice:
    """The run without two misses in a row, as seen today, and the longest ever."""

    current: int  # counted days in the run alive today; 0 once two days were missed
    best: int


def is_comeback(previous: date | None, day: date, breaks: Sequence[Break], rules: Rules) -> bool:
    """Whether a counted ``day`` after the counted day ``previous`` is a comeback."""
    return previous is not None and missed_days_between(previous, day, breaks, rules) > 0


def never_miss_twice(
    counted_days: Iterable[date], breaks: Sequence[Break], rules: Rules, today: date
) -> NeverMissTwice:
    """The current and longest never-miss-twice runs of a member's counted days (a pass
    over the counted days; each gap is judged arithmetically, never day by day)."""
    run = best = 0
    last: date | None = None
    for day in sorted(set(counted_days)):
        if last is not None and missed_days_between(last, day, breaks, rules) > MISSES_ALLOWED:
            run = 0
        run += 1
        best = max(best, run)
        last = day
    alive = last is not None and (
        last >= today or missed_days_between(last, today, breaks, rules) <= MISSES_ALLOWED
    )
    return NeverMissTwice(current=run if alive else 0, best=best)
