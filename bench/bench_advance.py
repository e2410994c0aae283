"""How long ``advance`` takes as a member's history grows: it should not grow with it.

Run on demand, never in the test suite:

    python -m bench.bench_advance

For states built from 10, 1,000 and 100,000 past check-ins it times one ``advance`` (the work
of a /done) after a one-day gap and after a year-long gap with breaks and rest days, and, for
contrast, one ``replay`` of the whole history.
"""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

if __package__ in {None, ""}:  # run as a file: make ``bot`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.streaks import Break, Mark, Rules, StreakState, advance, replay

SIZES = (10, 1_000, 100_000)
RULES = Rules(rest_weekdays=frozenset({6}), freeze_every=7, freeze_max=2, fail_counts=True)
FIRST_DAY = date(1700, 1, 1)  # far enough back for 100,000 daily check-ins to end before today


def history(size: int) -> dict[date, Mark]:
    """``size`` check-ins, one every day but every 10th day missed."""
    days: dict[date, Mark] = {}
    day = FIRST_DAY
    while len(days) < size:
        if (day - FIRST_DAY).days % 10 != 9:
            days[day] = Mark.FAIL if len(days) % 5 == 0 else Mark.DONE
        day += timedelta(days=1)
    return days


def per_call_us(stmt: Callable[[], object], repeat: int = 5) -> float:
    """The best of ``repeat`` runs, in microseconds per call."""
    timer = timeit.Timer(stmt)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def main() -> None:
    print(f"{'past check-ins':>15} {'advance +1 day':>15} {'advance +1 year':>16} {'replay':>12}")
    for size in SIZES:
        days = history(size)
        state = StreakState()
        for day, mark in sorted(days.items()):
            state = advance(state, day, mark, [], RULES).state
        assert state == replay(days, [], RULES)
        assert state.last_day is not None
        next_day = state.last_day + timedelta(days=1)
        next_year = state.last_day + timedelta(days=365)
        breaks = [
            Break(state.last_day + timedelta(days=30), state.last_day + timedelta(days=44)),
            Break(state.last_day + timedelta(days=40), state.last_day + timedelta(days=50)),
        ]
        near = per_call_us(partial(advance, state, next_day, Mark.DONE, [], RULES))
        far = per_call_us(partial(advance, state, next_year, Mark.DONE, breaks, RULES))
        full = per_call_us(partial(replay, days, [], RULES), repeat=1 if size > 10_000 else 3)
        print(f"{size:>15,} {near:>13.2f}µs {far:>14.2f}µs {full:>10,.0f}µs")


if __name__ == "__main__":
    main()
