"""When each group's cue and recap are next due, and claiming them exactly once.

Every group keeps its next cue and recap instants. A tick claims the due ones in one
transaction that moves each instant to the next day: PostgreSQL skips rows another replica
has locked (``FOR UPDATE SKIP LOCKED``); SQLite takes the write lock for the whole
transaction (``BEGIN IMMEDIATE``), so two processes on one file take turns. What a
transaction claimed no other will, and ``posts`` holds one row per group, kind and local
day as the last word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.calendar import local_date, next_daily_instant
from bot.store.chats import zone_of
from bot.store.db import is_postgres
from bot.store.models import Chat
from bot.store.posts import PostKind


@dataclass(frozen=True, slots=True)
class Due:
    """A claimed cue or recap: the group (as claimed), and the instant it was due."""

    chat: Chat
    kind: PostKind
    due_at: datetime


def reschedule(chat: Chat, now: datetime, default_zone: ZoneInfo) -> None:
    """Set the group's next cue and recap from its settings (after a change, or on joining)."""
    zone = zone_of(chat, default_zone)
    chat.next_cue_at = next_daily_instant(now, chat.cue_time, zone) if chat.cue_time else None
    chat.next_recap_at = next_daily_instant(now, chat.recap_time, zone) if chat.recap_time else None


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
    column = Chat.next_cue_at if kind is PostKind.CUE else Chat.next_recap_at
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
        zone = zone_of(chat, default_zone)
        if kind is PostKind.CUE:
            assert chat.next_cue_at is not None
            assert chat.cue_time is not None
            claimed.append(Due(chat, kind, chat.next_cue_at))
            chat.next_cue_at = next_daily_instant(
                max(chat.next_cue_at, oldest), chat.cue_time, zone
            )
        else:
            assert chat.next_recap_at is not None
            assert chat.recap_time is not None
            claimed.append(Due(chat, kind, chat.next_recap_at))
            chat.next_recap_at = next_daily_instant(
                max(chat.next_recap_at, oldest), chat.recap_time, zone
            )
    return claimed


def local_day(chat: Chat, moment: datetime, default_zone: ZoneInfo) -> date:
    return local_date(moment, zone_of(chat, default_zone))
