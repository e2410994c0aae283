"""``/remind on|off|HH:MM``: the "streak at risk" reminder.

Someone who started the bot in a private chat gets it there, at their own hour
(``bot.actions.reminders``); anyone else is mentioned in the group's evening recap. In a
group, ``on``/``off`` is about that group; in the private chat, about all of the person's
groups. ``HH:MM`` chooses the hour (for all groups, and turns it on where it is said).
``/remind`` alone shows the state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.reminders import schedule_reminder
from bot.actions.uow import UnitOfWork
from bot.domain.parsing import clock_time, switch
from bot.store.people import ensure_person, memberships, started
from bot.store.private import remember_started


@dataclass(frozen=True, slots=True)
class BadRemind:
    """Neither on, off nor an hour."""


@dataclass(frozen=True, slots=True)
class GroupReminder:
    on: bool  # for this group
    at: time
    zone: str
    privately: bool  # the person started the bot in private (else: the recap mentions them)


@dataclass(frozen=True, slots=True)
class PrivateReminder:
    """In the private chat: what changed, and where things stand."""

    switched: bool | None  # turned on or off in every group (None: not asked)
    hour_set: bool
    at: time
    zone: str
    groups: int
    groups_on: int


def _parsed(word: str) -> tuple[time | None, bool | None]:
    return (clock_time(word), switch(word)) if word else (None, None)


async def in_group(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, word: str, language: str | None
) -> GroupReminder | BadRemind:
    place = await enter(uow, group, person)
    hour, on = _parsed(word)
    if word and hour is None and on is None:
        return BadRemind()
    own = await ensure_person(session=uow.session, user_id=person.user_id, language=language)
    if hour is not None:
        own.remind_at, on = hour, True
    if on is not None:
        place.member.remind = on
    await uow.session.flush()  # the member's choice is part of what is judged
    privately = await started(session=uow.session, user_id=person.user_id)
    zone = await schedule_reminder(uow, own, privately)
    return GroupReminder(place.member.remind, own.remind_at, zone.key, privately)


async def in_private(
    uow: UnitOfWork, person: PersonSeen, word: str, language: str | None
) -> PrivateReminder | BadRemind:
    """Writing to the bot in private starts it, as ``/start`` does."""
    hour, on = _parsed(word)
    if word and hour is None and on is None:
        return BadRemind()
    await remember_started(session=uow.session, user_id=person.user_id, now=uow.now)
    own = await ensure_person(session=uow.session, user_id=person.user_id, language=language)
    groups = await memberships(session=uow.session, user_id=person.user_id)
    if hour is not None:
        own.remind_at = hour
    if on is not None:
        for member, _ in groups:
            member.remind = on
    zone = await schedule_reminder(uow, own, started=True)
    return PrivateReminder(
        switched=on,
        hour_set=hour is not None,
        at=own.remind_at,
        zone=zone.key,
        groups=len(groups),
        groups_on=sum(member.remind for member, _ in groups),
    )
