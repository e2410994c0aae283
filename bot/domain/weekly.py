"""When a group's weekly picture is due, which week it shows, and which week it belongs to.

- It is due on the chosen weekday at the chosen local time, in the group's zone (DST as for
  the daily cue: ``calendar.next_daily_instant``).
- It shows the seven days ending on the day it is posted when posted from noon on (the week
  is done), else ending the day before (a morning post looks back on the week just ended).
- It is posted once per calendar week (Monday to Sunday, of the day it was due): moving the
  weekday within a week never posts a second one that week.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import next_daily_instant
from bot.domain.targets import week_start

__all__ = ["EVENING_FROM", "next_weekly_instant", "shown_week_last_day", "week_of"]

# From this local time on, the week shown ends on the day of the post.
EVENING_FROM = time(12, 0)
MONDAY = 0


def next_weekly_instant(after: datetime, weekday: int, at: time, zone: ZoneInfo) -> datetime:
    """The first instant strictly after ``after`` that is ``at`` on ``weekday`` (0 = Monday)
    in ``zone``, in UTC."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0..6, got {weekday}")
    instant = next_daily_instant(after, at, zone)
    # Eight daily instants always reach the weekday, whatever a zone does to its dates.
    for _ in range(8):
        if instant.astimezone(zone).weekday() == weekday:
            return instant
        instant = next_daily_instant(instant, at, zone)
    raise AssertionError("no such weekday within eight days")  # pragma: no cover


def shown_week_last_day(due_at: datetime, zone: ZoneInfo) -> date:
    """The last day of the week a post due at ``due_at`` shows."""
    local = due_at.astimezone(zone)
    return local.date() if local.time() >= EVENING_FROM else local.date() - timedelta(days=1)


def week_of(day: date) -> date:
    """The Monday of ``day``'s calendar week: the weekly post's key in the outbox."""
    return week_start(day, MONDAY)
