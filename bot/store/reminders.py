"""Private reminders: who is due, and their groups.

People are claimed like groups' cues (bot.store.schedule): the due ones in one transaction
that moves each to their next day, PostgreSQL skipping rows another replica holds. The
reminders themselves are posts of their own outbox (bot.store.posts, ``REMINDER``): one per
person and local day, whatever the number of replicas and groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import is_postgres
from bot.store.models import Chat, Member, Person, PrivateUser


@dataclass(frozen=True, slots=True)
class DuePerson:
    person: Person
    due_at: datetime
    started: bool  # started the bot in private and has not blocked it


async def unscheduled_people(*, session: AsyncSession, limit: int) -> list[int]:
    """People who started the bot in private but have no reminder scheduled (those who
    started before reminders existed, say)."""
    rows = await session.execute(
        select(PrivateUser.user_id)
        .outerjoin(Person, Person.user_id == PrivateUser.user_id)
        .where(
            PrivateUser.blocked.is_(False),
            or_(Person.user_id.is_(None), Person.next_reminder_at.is_(None)),
        )
        .limit(limit)
    )
    return list(rows.scalars())


async def claim_due_people(*, session: AsyncSession, now: datetime, limit: int) -> list[DuePerson]:
    """People whose reminder is due, held by this transaction (the caller moves them on)."""
    query = (
        select(Person, PrivateUser.blocked)
        .outerjoin(PrivateUser, PrivateUser.user_id == Person.user_id)
        .where(Person.next_reminder_at.is_not(None), Person.next_reminder_at <= now)
        .order_by(Person.next_reminder_at)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(of=Person, skip_locked=True)
    due = []
    for person, blocked in await session.execute(query):
        assert person.next_reminder_at is not None
        due.append(DuePerson(person, person.next_reminder_at, blocked is False))
    return due


async def memberships_of(
    *, session: AsyncSession, user_ids: Sequence[int]
) -> dict[int, list[tuple[Member, Chat]]]:
    """Each person's member rows with their groups."""
    found: dict[int, list[tuple[Member, Chat]]] = defaultdict(list)
    if not user_ids:
        return found
    rows = await session.execute(
        select(Member, Chat)
        .join(Chat, Chat.id == Member.chat_id)
        .where(Member.user_id.in_(list(user_ids)))
    )
    for member, chat in rows:
        found[member.user_id].append((member, chat))
    return found
