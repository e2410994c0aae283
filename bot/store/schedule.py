"""When each group's cue, recap and weekly picture are next due, and claiming them once.

Every group keeps the next instant of each. A tick claims the due ones in one
transaction that moves each instant to the next day: PostgreSQL skips rows another replica
has locked (``FOR UPDATE SKIP LOCKED``); SQLite takes the write lock for the whole
transaction (``BEGIN IMMEDIATE``), so two processes on one file take turns. What a
transaction claimed no other will, and ``posts`` holds one row per group, kind and local
day as the last word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.calendar import local_date, next_daily_instant
from bot.domain.weekly import next_weekly_instant
from bot.store.chats import zone_of
from bot.store.db import is_postgres
from bot.store.models import Chat, Person
from bot.store.posts import PostKind


@dataclass(frozen=True, slots=True)
class Due:
    """A claimed cue, recap or weekly picture: the group (as claimed), and the instant it was
    due."""

    chat: Chat
    kind: PostKind
    due_at: datetime


# Where each scheduled kind of post keeps its next instant.
_NEXT_AT = {
    PostKind.CUE: "next_cue_at",
    PostKind.RECAP: "next_recap_at",
    PostKind.WEEKLY: "next_weekly_at",
}


def next_instant(chat: Chat, kind: PostKind, after: datetime, zone: ZoneInfo) -> datetime | None:
    """When the group's ``kind`` is next due after ``after``; None when it is off."""
    if kind is PostKind.CUE:
        return next_daily_instant(after, chat.cue_time, zone) if chat.cue_time else None
    if kind is PostKind.RECAP:
        return next_daily_instant(after, chat.recap_time, zone) if chat.recap_time else None
    if chat.weekly_day is None or chat.weekly_time is None:
        return None
    return next_weekly_instant(after, chat.weekly_day, chat.weekly_time, zone)


def reschedule(chat: Chat, now: datetime, default_zone: ZoneInfo) -> None:
    """Set the group's next cue, recap and weekly picture from its settings (after a change,
    or on joining)."""
    zone = zone_of(chat, default_zone)
    for kind, column in _NEXT_AT.items():
        setattr(chat, column, next_instant(chat, kind, now, zone))


async def claim_due(
    *,
    session: AsyncSession,
    kind: PostKind,
    now: datetime,
    default_zone: ZoneInfo,
    limit: int,
    window: timedelta,
) -> list[Due]:
    """Claim up to ``limit`` groups whose ``kind`` is due, moving each to its next one.

    A post may still go out within ``window`` after it was due. The next one is the first
    after the claimed one that is not already past its window: after a long downtime the
    one due today is still due (and claimed next), not skipped with the stale one.
    """
    oldest = now - window
    name = _NEXT_AT[kind]
    column = getattr(Chat, name)
    query = (
        select(Chat)
        .where(Chat.active.is_(True), column.is_not(None), column <= now)
        .order_by(column)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    chats = (await session.execute(query)).scalars().all()
    claimed = []
    for chat in chats:
        due_at = getattr(chat, name)
        assert due_at is not None
        claimed.append(Due(chat, kind, due_at))
        after = max(due_at, oldest)
        setattr(chat, name, next_instant(chat, kind, after, zone_of(chat, default_zone)))
    return claimed


async def next_due_at(
    *, session: AsyncSession, kinds: Iterable[PostKind], reminders: bool = False
) -> datetime | None:
    """The earliest instant any active group's post of one of ``kinds`` is due, or with
    ``reminders`` any person's private reminder; None when nothing of that is scheduled."""
    columns = [getattr(Chat, _NEXT_AT[kind]) for kind in kinds]
    queries = [
        select(column).where(Chat.active.is_(True), column.is_not(None)).order_by(column).limit(1)
        for column in columns
    ]
    if reminders:
        queries.append(
            select(Person.next_reminder_at)
            .where(Person.next_reminder_at.is_not(None))
            .order_by(Person.next_reminder_at)
            .limit(1)
        )
    found = [(await session.execute(query)).scalar_one_or_none() for query in queries]
    return min((instant for instant in found if instant is not None), default=None)


def local_day(chat: Chat, moment: datetime, default_zone: ZoneInfo) -> date:
    return local_date(moment, zone_of(chat, default_zone))
