"""People across their groups: their own time zone, reminder hour and language, and where
they are.

A person's row is made when they first choose something for themselves (``/timezone``,
``/remind``) or start the bot in a private chat. Their private reminder is scheduled only
while they have started the bot there and not blocked it (``next_reminder_at``, claimed by
bot.store.reminders). The reminder is written outside any update, so the language their
Telegram app spoke is kept on the row when they write to the bot privately or choose
something for themselves; a normal check-in in a group costs no statement for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.calendar import next_daily_instant
from bot.domain.reminders import own_zone
from bot.store.chats import zone_of
from bot.store.db import insert_for
from bot.store.models import Chat, Member, Person, PrivateUser


def zone_in(member: Member, chat: Chat, default: ZoneInfo) -> ZoneInfo:
    """The zone a member's check-ins count by in a group: their own, else the group's, else
    the deployment's."""
    return ZoneInfo(member.timezone) if member.timezone else zone_of(chat, default)


def person_zone(
    person: Person, memberships: list[tuple[Member, Chat]], default: ZoneInfo
) -> ZoneInfo:
    """Their own zone (bot.domain.reminders.own_zone)."""
    found = ((m.last_entry_day, zone_in(m, c, default).key) for m, c in memberships)
    return ZoneInfo(own_zone(person.timezone, found, default.key))


def language_of(person: Person, groups: Sequence[Chat], default: str) -> str:
    """The language to write to a person in: their own as last seen, else that of the first
    of ``groups`` (the one that matters most to them right now), else ``default``."""
    if person.language:
        return person.language
    return groups[0].language if groups else default


async def ensure_person(
    *, session: AsyncSession, user_id: int, language: str | None = None
) -> Person:
    """The person's row, made on first sight; ``language`` (when Telegram told it) is kept."""
    insert = insert_for(session)
    await session.execute(
        insert(Person)
        .values(user_id=user_id, language=language)
        .on_conflict_do_nothing(index_elements=["user_id"])
    )
    found = await session.execute(
        select(Person).where(Person.user_id == user_id).execution_options(populate_existing=True)
    )
    person = found.scalar_one()
    if language is not None and person.language != language:
        person.language = language
    return person


async def memberships(*, session: AsyncSession, user_id: int) -> list[tuple[Member, Chat]]:
    """The person's member rows, with their groups."""
    rows = await session.execute(
        select(Member, Chat).join(Chat, Chat.id == Member.chat_id).where(Member.user_id == user_id)
    )
    return [(member, chat) for member, chat in rows]


async def started(*, session: AsyncSession, user_id: int) -> bool:
    """Whether the person started the bot in a private chat and has not blocked it."""
    row = await session.get(PrivateUser, user_id)
    return row is not None and not row.blocked


async def reschedule_reminder(
    *, session: AsyncSession, person: Person, now: datetime, default: ZoneInfo
) -> ZoneInfo:
    """Set when the person's reminder is next due (none unless they started the bot in
    private); returns their own zone."""
    zone = person_zone(person, await memberships(session=session, user_id=person.user_id), default)
    if await started(session=session, user_id=person.user_id):
        person.next_reminder_at = next_daily_instant(now, person.remind_at, zone)
    else:
        person.next_reminder_at = None
    return zone


async def schedule_person(
    *,
    session: AsyncSession,
    user_id: int,
    now: datetime,
    default: ZoneInfo,
    language: str | None = None,
) -> None:
    """The person can be written to in private (again): their reminder is scheduled."""
    person = await ensure_person(session=session, user_id=user_id, language=language)
    await reschedule_reminder(session=session, person=person, now=now, default=default)
