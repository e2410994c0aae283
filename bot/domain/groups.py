"""What a group's members count as together: who is active, the group streak's bar, who is at risk.

Pure: the store fetches the rows, the handlers and jobs format the result.

- A member is **active** on a day if their latest check-in is at most ``ACTIVE_DAYS`` days old.
- The group streak counts a day when at least ``group_bar`` members checked in: one member, or
  the admins' share of the active members (rounded up, never fewer than one).
- A member's streak is **at risk** (worth a reminder) when a run of at least
  ``AT_RISK_MIN_STREAK`` days is alive but has no check-in today, and today is neither a rest
  day of the group nor inside one of the member's breaks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from bot.domain.gaps import Break, in_break
from bot.domain.streaks import Rules, Standing, group_streak

# A member counts as active with a check-in in this many days (the group streak's share).
ACTIVE_DAYS = 14
# Reminders and at-risk mentions are for runs at least this long: a one-day streak is not
# worth a nudge in front of the group.
AT_RISK_MIN_STREAK = 2
# For a run of weeks, one week kept is worth a nudge: it took several check-ins.
AT_RISK_MIN_WEEKS = 1


def active_since(today: date) -> date:
    """The earliest latest-check-in day that still makes a member active on ``today``."""
    return today - timedelta(days=ACTIVE_DAYS)


def is_active(last_entry_day: date | None, today: date) -> bool:
    return last_entry_day is not None and last_entry_day >= active_since(today)


def group_bar(share_percent: int, active_members: int) -> int:
    """How many members must check in for a day to count for the group."""
    if not 0 <= share_percent <= 100:
        raise ValueError(f"share must be 0..100 percent, got {share_percent}")
    return max(1, math.ceil(share_percent * active_members / 100))


def group_streak_from_counts(counts: Mapping[date, int], bar: int, today: date) -> int:
    """The group streak from how many members checked in on each day."""
    return group_streak((day for day, members in counts.items() if members >= bar), today)


def is_at_risk(standing: Standing, today: date, rules: Rules, breaks: Sequence[Break]) -> bool:
    """Whether the member should hear that their streak ends tonight without a check-in."""
    return (
        standing.at_risk
        and standing.current >= AT_RISK_MIN_STREAK
        and today.weekday() not in rules.rest_weekdays
        and not in_break(today, breaks)
    )
