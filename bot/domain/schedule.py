"""When a group's cue, recap and weekly picture are next due.

The cue and the recap come daily at their local times, the weekly picture on its weekday at
its time (``weekly.next_weekly_instant``), the weekly pairing of buddies on Mondays at the
cue's time (09:00 when the cue is off); any of them may be off. Times are the group's
local times (``zones``); a time that a daylight-saving change skips or repeats fires as
``calendar.next_daily_instant`` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.calendar import next_daily_instant
from bot.domain.weekly import next_weekly_instant

__all__ = ["POST_WINDOW", "SCHEDULED", "PostKind", "PostTimes", "next_due", "window_end"]

# A post is sent within this long after it was due, or not at all (not at a strange hour).
POST_WINDOW = timedelta(hours=2)


class PostKind(StrEnum):
    """What the bot posts by itself in a group."""

    CUE = "cue"
    RECAP = "recap"
    WELCOME = "welcome"
    WEEKLY = "weekly"
    CHALLENGE = "challenge"  # a challenge's results, once, when it ends
    PAIRS = "pairs"  # the bot's weekly pairing of buddies


# The kinds that come on a schedule (a welcome comes when the bot is added).
SCHEDULED = (PostKind.CUE, PostKind.RECAP, PostKind.WEEKLY, PostKind.PAIRS)
# The weekly pairing comes on Mondays, at the cue's time or this one.
PAIRS_DAY = 0
PAIRS_DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True, slots=True)
class PostTimes:
    """A group's chosen times; None where a post is off."""

    cue: time | None
    recap: time | None
    weekly_day: int | None  # 0 = Monday
    weekly_time: time | None
    pairs: time | None = None  # the Monday time of the weekly pairing; None: off


def next_due(kind: PostKind, times: PostTimes, after: datetime, zone: ZoneInfo) -> datetime | None:
    """When the group's ``kind`` is next due strictly after ``after``; None when it is off."""
    if kind is PostKind.CUE:
        return next_daily_instant(after, times.cue, zone) if times.cue else None
    if kind is PostKind.RECAP:
        return next_daily_instant(after, times.recap, zone) if times.recap else None
    if kind is PostKind.WEEKLY:
        if times.weekly_day is None or times.weekly_time is None:
            return None
        return next_weekly_instant(after, times.weekly_day, times.weekly_time, zone)
    if kind is PostKind.PAIRS:
        if times.pairs is None:
            return None
        return next_weekly_instant(after, PAIRS_DAY, times.pairs, zone)
    raise ValueError(f"{kind} is not a scheduled post")


def window_end(due_at: datetime) -> datetime:
    """Until when a post due at ``due_at`` may still be sent."""
    return due_at + POST_WINDOW
