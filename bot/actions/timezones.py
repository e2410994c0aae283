"""``/timezone [Area/City]``: show or set your own time zone.

Your own zone is kept per person and per group membership. In a group it is set for your
check-ins there, and becomes the zone of your private reminder. In the private chat it is
set for your check-ins in every group you're in, and for your reminder. A change keeps the
zone left and when (``bot.domain.calendar``: the day of the change can't count twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.actions.places import GroupSeen, PersonSeen, enter, zone_of_member
from bot.actions.reminders import schedule_reminder
from bot.actions.uow import UnitOfWork
from bot.domain.zone_names import UnknownZone, resolve_zone
from bot.store.models import Member
from bot.store.people import ensure_person, memberships, started
from bot.store.private import remember_started


@dataclass(frozen=True, slots=True)
class ZoneShown:
    zone: ZoneInfo
    local_time: time  # what the clock says there now
    own: bool  # chosen by the person (else the group's, or the default)


@dataclass(frozen=True, slots=True)
class ZoneSet:
    zone: ZoneInfo
    local_time: time
    groups: int  # in the private chat: the groups it now applies to


@dataclass(frozen=True, slots=True)
class ZoneUnknown:
    text: str
    suggestions: tuple[str, ...]


def _clock(uow: UnitOfWork, zone: ZoneInfo) -> time:
    return uow.now.astimezone(zone).time()


def _move(member: Member, current: ZoneInfo, zone: ZoneInfo, now: datetime) -> None:
    """The member's check-ins count by ``zone`` from now on."""
    if zone.key != current.key:
        member.previous_timezone = current.key
        member.timezone_changed_at = now
    member.timezone = zone.key


async def in_group(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, text: str, language: str | None
) -> ZoneShown | ZoneSet | ZoneUnknown:
    """``/timezone`` in a group: show (``text`` empty) or set the person's zone there."""
    place = await enter(uow, group, person)
    current = place.zone(uow.default_zone)
    if not text:
        return ZoneShown(current, _clock(uow, current), bool(place.member.timezone))
    try:
        zone = resolve_zone(text)
    except UnknownZone as unknown:
        return ZoneUnknown(text, unknown.suggestions)
    _move(place.member, current, zone, uow.now)
    own = await ensure_person(session=uow.session, user_id=person.user_id, language=language)
    own.timezone = zone.key
    await uow.session.flush()
    await schedule_reminder(uow, own, await started(session=uow.session, user_id=person.user_id))
    return ZoneSet(zone, _clock(uow, zone), 1)


async def in_private(
    uow: UnitOfWork, person: PersonSeen, text: str, language: str | None
) -> ZoneShown | ZoneSet | ZoneUnknown:
    """``/timezone`` in the private chat: show, or set the person's zone everywhere. Writing
    to the bot in private starts it, as ``/start`` does."""
    await remember_started(session=uow.session, user_id=person.user_id, now=uow.now)
    own = await ensure_person(session=uow.session, user_id=person.user_id, language=language)
    groups = await memberships(session=uow.session, user_id=person.user_id)
    if not text:
        zone = await schedule_reminder(uow, own, started=True)
        return ZoneShown(zone, _clock(uow, zone), bool(own.timezone))
    try:
        zone = resolve_zone(text)
    except UnknownZone as unknown:
        return ZoneUnknown(text, unknown.suggestions)
    for member, chat in groups:
        _move(member, zone_of_member(member, chat, uow.default_zone), zone, uow.now)
    own.timezone = zone.key
    await schedule_reminder(uow, own, started=True)
    return ZoneSet(zone, _clock(uow, zone), len(groups))
