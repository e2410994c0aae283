"""The days between two check-ins: rest days and breaks bridge, the others are missed.

Counted arithmetically, never day by day, so that judging a gap costs the same whether it is
one day or a year long (``streaks.advance`` relies on this).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Break:
    """An announced break, both ends inclusive, in the member's day keys.

    A break that ends before it starts (called off by a check-in on its first day) covers no
    day; it is accepted so that such a row never stops a streak from being computed.
    """

    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def in_break(day: date, breaks: Iterable[Break]) -> bool:
    return any(day in b for b in breaks)


def breaks_overlapping(breaks: Iterable[Break], first: date, last: date) -> list[Break]:
    """The breaks that share at least one day with ``first``..``last`` (inclusive)."""
    return [b for b in breaks if b.start <= last and b.end >= first]


def count_weekdays(first: date, last: date, weekdays: frozenset[int]) -> int:
    """How many days in ``first``..``last`` (inclusive) fall on one of ``weekdays``."""
    if last < first or not weekdays:
        return 0
    weeks, extra = divmod((last - first).days + 1, 7)
    # Every full week holds each weekday once; only the last partial week needs looking at.
    return weeks * len(weekdays) + _in_partial_week(weekdays)[first.weekday()][extra]


@functools.cache
def _in_partial_week(weekdays: frozenset[int]) -> tuple[tuple[int, ...], ...]:
    """For a week starting on weekday ``s`` and ``n`` days long (n < 7), at ``[s][n]``: how
    many of those days fall on ``weekdays`` (there are only 128 sets of weekdays)."""
    return tuple(
        tuple(sum((start + i) % 7 in weekdays for i in range(days)) for days in range(7))
        for start in range(7)
    )


def _merged(breaks: Iterable[Break], first: date, last: date) -> list[tuple[date, date]]:
    """The breaks clipped to ``first``..``last``, with overlapping ones joined."""
    spans = sorted((max(b.start, first), min(b.end, last)) for b in breaks)
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if start > end:
            continue
        if merged and start <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def missed_days_between(
    earlier: date, later: date, breaks: Sequence[Break], rest_weekdays: frozenset[int]
) -> int:
    """Days strictly between ``earlier`` and ``later`` that are neither rest days nor in a break."""
    first, last = earlier + _ONE_DAY, later - _ONE_DAY
    if last < first:
        return 0
    bridged = count_weekdays(first, last, rest_weekdays)
    for start, end in _merged(breaks, first, last) if breaks else ():
        # A rest day inside a break bridges once, not twice.
        bridged += (end - start).days + 1 - count_weekdays(start, end, rest_weekdays)
    return (last - first).days + 1 - bridged
