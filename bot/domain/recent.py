"""What each of a member's recent days shows in ``/streak`` (the row of dots)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.gaps import Break, in_break
from bot.domain.streaks import Mark, Rules, counts


class DayLook(StrEnum):
    DONE = "done"  # a check-in
    FAIL = "fail"  # an honest /fail that counts
    REST = "rest"  # a rest day of the group or a break day, with no check-in
    OPEN = "open"  # today, not checked in yet: still time
    MISSED = "missed"


def recent_days(
    marks: Mapping[date, Mark],
    breaks: Sequence[Break],
    rules: Rules,
    today: date,
    count: int = 7,
) -> list[DayLook]:
    """The last ``count`` days ending today, oldest first."""
    looks = []
    for offset in range(count - 1, -1, -1):
        day = today - timedelta(days=offset)
        mark = marks.get(day)
        if mark is Mark.DONE:
            looks.append(DayLook.DONE)
        elif mark is Mark.FAIL and counts(mark, rules):
            looks.append(DayLook.FAIL)
        elif day.weekday() in rules.rest_weekdays or in_break(day, breaks):
            looks.append(DayLook.REST)
        elif day == today:
            looks.append(DayLook.OPEN)
        else:
            looks.append(DayLook.MISSED)
    return looks
