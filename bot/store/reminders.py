"""Private reminders: who is due, their groups, and the reminders claimed once per day.

People are claimed like groups' cues (bot.store.schedule): the due ones in one transaction
that moves each to their next day, PostgreSQL skipping rows another replica holds. A
reminder's row is unique per person and local day, so however many replicas and groups, a
person hears at most one a day; it is then sent, retried and marked like a post
(bot.store.posts, with ``outbox=Reminder``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import insert_for, is_postgres
from bot.store.models import Chat, Member, Person, PrivateUser, Reminder
from bot.store.posts import PostState, ToSend


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


@dataclass(frozen=True, slots=True)
class ReminderDraft:
    user_id: int
    day: date
    text: str
    markup: str | None
    window_ends_at: datetime


async def claim_reminders(
    *,
    session: AsyncSession,
    drafts: Sequence[ReminderDraft],
    now: datetime,
    lease: timedelta,
    token: str,
) -> list[ToSend]:
    """Write the drafts (one statement); those not sent before that day, leased to this
    process (``token``) for ``lease``, ready to send."""
    if not drafts:
        return []
    insert = insert_for(session)
    result = await session.execute(
        insert(Reminder)
        .values(
            [
                {
                    "user_id": d.user_id,
                    "day": d.day,
                    "posted_at": now,
                    "state": PostState.PENDING.value,
                    "text": d.text,
                    "markup": d.markup,
                    "window_ends_at": d.window_ends_at,
                    "attempts": 0,
                    "leased_until": now + lease,
                    "lease_token": token,
                }
                for d in drafts
            ]
        )
        .on_conflict_do_nothing(index_elements=["user_id", "day"])
        .returning(Reminder.user_id, Reminder.id)
    )
    fresh = dict(result.all())
    return [
        ToSend(
            fresh[d.user_id],
            token,
            d.user_id,
            None,
            d.text,
            d.markup,
            d.window_ends_at,
            kind="reminder",
            outbox=Reminder,
        )
        for d in drafts
        if d.user_id in fresh
    ]


async def claim_reminder_retries(
    *, session: AsyncSession, now: datetime, limit: int, lease: timedelta, token: str
) -> list[ToSend]:
    """Reminders waiting for another attempt that no live process holds, leased to this one;
    those whose window passed are marked late, those of people who blocked the bot dropped."""
    query = (
        select(Reminder, PrivateUser.blocked)
        .outerjoin(PrivateUser, PrivateUser.user_id == Reminder.user_id)
        .where(
            Reminder.state == PostState.PENDING.value,
            or_(Reminder.next_attempt_at.is_(None), Reminder.next_attempt_at <= now),
            or_(Reminder.leased_until.is_(None), Reminder.leased_until <= now),
        )
        .order_by(Reminder.id)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(of=Reminder, skip_locked=True)
    claimed: list[ToSend] = []
    for row, blocked in await session.execute(query):
        if blocked is not False:
            row.state = PostState.DROPPED.value
        elif row.window_ends_at is not None and row.window_ends_at < now:
            row.state = PostState.LATE.value
        else:
            row.leased_until, row.lease_token = now + lease, token
            claimed.append(
                ToSend(
                    row.id,
                    token,
                    row.user_id,
                    None,
                    row.text,
                    row.markup,
                    row.window_ends_at,
                    kind="reminder",
                    outbox=Reminder,
                )
            )
    return claimed


async def reminded_group(*, session: AsyncSession, row_id: int) -> Chat | None:
    """The group a reminder's ✅ names (by its row id)."""
    return await session.get(Chat, row_id)
