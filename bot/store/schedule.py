"""The groups whose cue, recap or weekly picture is due, held for the transaction that posts
them (bot.actions.posting moves each to its next one).

PostgreSQL skips rows another replica holds (``FOR NO KEY UPDATE SKIP LOCKED``: a check-in's
hold on its group never makes the tick skip it); SQLite takes the write lock for the whole
transaction (``BEGIN IMMEDIATE``), so two processes on one file take turns. What a
transaction claimed no other will, and ``posts`` holds one row per group, kind and local day
as the last word.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import PostKind
from bot.store.chats import NEXT_DUE_COLUMNS
from bot.store.db import is_postgres
from bot.store.models import Chat, Person


async def due_groups(
    *,
    session: AsyncSession,
    kind: PostKind,
    now: datetime,
    limit: int,
    hold: bool = True,
    left_out: Collection[int] = (),
) -> list[Chat]:
    """Up to ``limit`` active groups whose ``kind`` is due at ``now``, earliest first, but
    those in ``left_out`` (row ids); held for this transaction unless ``hold`` is False (a
    look that claims nothing)."""
    column = getattr(Chat, NEXT_DUE_COLUMNS[kind])
    query = (
        select(Chat)
        .where(Chat.active.is_(True), column.is_not(None), column <= now)
        .order_by(column)
        .limit(limit)
    )
    if left_out:
        query = query.where(Chat.id.not_in(list(left_out)))
    if hold and is_postgres(session):
        query = query.with_for_update(key_share=True, skip_locked=True)
    return list((await session.execute(query)).scalars().all())


async def held_if_still_due(
    *, session: AsyncSession, chat_id: int, kind: PostKind, due_at: datetime
) -> Chat | None:
    """The group, held for this transaction, if its ``kind`` is still due at ``due_at`` (no
    other process posted it meanwhile); None otherwise."""
    column = getattr(Chat, NEXT_DUE_COLUMNS[kind])
    query = select(Chat).where(Chat.id == chat_id, Chat.active.is_(True), column == due_at)
    if is_postgres(session):
        query = query.with_for_update(key_share=True, skip_locked=True)
    result = await session.execute(query.execution_options(populate_existing=True))
    return result.scalar_one_or_none()


async def next_due_at(
    *, session: AsyncSession, kinds: Iterable[PostKind], reminders: bool = False
) -> datetime | None:
    """The earliest instant any active group's post of one of ``kinds`` is due, or with
    ``reminders`` any person's private reminder; None when nothing of that is scheduled."""
    columns = [getattr(Chat, NEXT_DUE_COLUMNS[kind]) for kind in kinds]
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
