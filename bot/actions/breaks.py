"""``/break Nd [reason]``: time off without losing the streak.

A break starts today, or tomorrow when today already has a check-in (today already counts);
one already running is replaced by it. Checking in during a break ends it
(``bot.actions.checkin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.domain.parsing import REASON_MAX_CHARS, break_length, clipped
from bot.store.breaks import start_break


@dataclass(frozen=True, slots=True)
class BreakTaken:
    name: str
    days: int
    back_on: date  # the first day after it
    reason: str


@dataclass(frozen=True, slots=True)
class BadLength:
    """Not a length of 1 day to the group's longest."""

    max_days: int


async def take_break(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, length: str, reason: str
) -> BreakTaken | BadLength:
    """A break as long as ``length`` says ("3d", "3"), from today or tomorrow."""
    place = await enter(uow, group, person)
    member = place.member
    days = break_length(length, place.chat.max_break_days)
    if days is None:
        return BadLength(place.chat.max_break_days)
    reason = clipped(reason, REASON_MAX_CHARS)
    today = place.today(uow.now, uow.default_zone)
    checked_in = member.last_entry_day is not None and member.last_entry_day >= today
    row = await start_break(
        session=uow.session,
        member=member,
        start=today + timedelta(days=1) if checked_in else today,
        days=days,
        reason=reason,
        now=uow.now,
    )
    return BreakTaken(member.first_name, days, row.end_day + timedelta(days=1), reason)
