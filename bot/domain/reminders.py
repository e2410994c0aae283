"""The private "streak at risk" reminder: whose hour, in which zone, about which groups.

- A person's reminder comes at their own hour (``DEFAULT_REMIND_AT`` unless they chose one
  with ``/remind HH:MM``), once a day at most, in *their own* time zone:
  1. the zone they chose with ``/timezone`` (in any group or in the private chat; the latest
     choice wins), kept per person;
  2. else the zone their check-ins count by in the group where they checked in last (their
     zone there, else the group's);
  3. else the deployment's default zone.
- It lists the groups where their streak is at risk (``groups.is_at_risk``: a run of two days
  or more, alive, not checked in today, on a day that is neither a rest day nor a break day),
  each judged on the member's own today in that group. With no group at risk, nothing is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import next_daily_instant

__all__ = ["DEFAULT_REMIND_AT", "latest_daily_instant", "own_zone", "reminder_language"]

DEFAULT_REMIND_AT = time(20, 0)


def own_zone(
    chosen: str | None, memberships: Iterable[tuple[date | None, str]], default: str
) -> str:
    """A person's own zone: ``chosen``, else the zone of the membership (latest entry day,
    zone there) they checked in in last, else ``default``."""
    if chosen:
        return chosen
    latest: tuple[date, str] | None = None
    for last_entry_day, zone in memberships:
        if last_entry_day is not None and (latest is None or last_entry_day > latest[0]):
            latest = (last_entry_day, zone)
    return latest[1] if latest is not None else default


def reminder_language(own: str | None, group_languages: Sequence[str], default: str) -> str:
    """The language a reminder is written in: the person's own as last seen, else that of
    the first of their groups it lists (their longest streak's), else ``default``."""
    if own:
        return own
    return group_languages[0] if group_languages else default


def latest_daily_instant(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The latest instant at or before ``now`` at which the local time in ``zone`` is ``at``:
    the reminder due now, when the one the schedule kept is older (the bot was down)."""
    instant = next_daily_instant(now - timedelta(days=2), at, zone)
    while (following := next_daily_instant(instant, at, zone)) <= now:
        instant = following
    return instant
