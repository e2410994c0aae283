"""Local dates, time zones and the next instant of a daily time (DST-correct).

Pure: instants come in as arguments, always time-zone aware.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# A late check-in for yesterday is accepted until this local time.
LATE_CHECKIN_UNTIL = time(3, 0)


@dataclass(frozen=True, slots=True)
class UnknownZone(Exception):
    """The text names no IANA time zone; ``suggestions`` are close matches (maybe none)."""

    text: str
    suggestions: tuple[str, ...]


def resolve_zone(text: str) -> ZoneInfo:
    """The IANA zone ``text`` names (case-insensitive), or UnknownZone with close matches:
    ``berlin`` suggests ``Europe/Berlin``."""
    raise NotImplementedError


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    raise NotImplementedError


def day_key(
    moment: datetime,
    zone: ZoneInfo,
    *,
    last_day: date | None = None,
    previous_zone: ZoneInfo | None = None,
    zone_changed_at: datetime | None = None,
) -> date:
    """The day a check-in made at ``moment`` belongs to (see the rule in the module docs)."""
    raise NotImplementedError


def next_daily_instant(after: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first instant strictly after ``after`` at which the local time in ``zone`` is ``at``."""
    raise NotImplementedError


def late_checkin_open(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether a check-in for yesterday is still accepted at ``moment`` (before 03:00 local)."""
    raise NotImplementedError
