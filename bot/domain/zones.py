"""Which zone a member's days count by, and which local date it is for them now.

Decided here once, for every check-in, view and job: a member's own zone (``/timezone``),
else the group's (``/settings timezone``), else the deployment's ``DEFAULT_TIMEZONE``. A
question about the group as a whole (its cue, its recap, its streak) is the same question for
someone without a zone of their own.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.calendar import local_date

__all__ = ["group_today", "member_today", "member_zone"]


def member_zone(own: str | None, group: str | None, default: ZoneInfo) -> ZoneInfo:
    """The zone a member's days count by: their own, else the group's, else ``default``."""
    if own:
        return ZoneInfo(own)
    if group:
        return ZoneInfo(group)
    return default


def member_today(now: datetime, own: str | None, group: str | None, default: ZoneInfo) -> date:
    """The local date it is for a member of a group at ``now``."""
    return local_date(now, member_zone(own, group, default))


def group_today(now: datetime, group: str | None, default: ZoneInfo) -> date:
    """The local date it is for the group at ``now`` (for someone without a zone of their
    own)."""
    return member_today(now, None, group, default)
