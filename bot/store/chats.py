"""Groups: finding or creating them, their settings as the domain's rules and times, their
schedule's columns, pausing them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import PAIRS_DEFAULT_TIME, PostKind, PostTimes
from bot.domain.streaks import Rules
from bot.store.db import insert_for
from bot.store.models import Chat


def rest_weekdays(chat: Chat) -> frozenset[int]:
    return frozenset(day for day in range(7) if chat.rest_days & (1 << day))


def rest_days_mask(weekdays: frozenset[int]) -> int:
    return sum(1 << day for day in weekdays)


def rules_of(chat: Chat) -> Rules:
    return Rules(
        rest_weekdays=rest_weekdays(chat),
        freeze_every=chat.freeze_every,
        freeze_max=chat.freeze_max,
        fail_counts=chat.fail_counts,
    )


def post_times(chat: Chat) -> PostTimes:
    pairs = (chat.cue_time or PAIRS_DEFAULT_TIME) if chat.buddies_weekly else None
    return PostTimes(chat.cue_time, chat.recap_time, chat.weekly_day, chat.weekly_time, pairs)


# Where each scheduled kind of post keeps its next instant.
NEXT_DUE_COLUMNS = {
    PostKind.CUE: "next_cue_at",
    PostKind.RECAP: "next_recap_at",
    PostKind.WEEKLY: "next_weekly_at",
    PostKind.PAIRS: "next_pairs_at",
}


def next_due_of(chat: Chat, kind: PostKind) -> datetime | None:
    value: datetime | None = getattr(chat, NEXT_DUE_COLUMNS[kind])
    return value


def set_next_due(chat: Chat, kind: PostKind, at: datetime | None) -> None:
    setattr(chat, NEXT_DUE_COLUMNS[kind], at)


async def ensure_chat(
    *,
    session: AsyncSession,
    telegram_id: int,
    title: str,
    is_forum: bool,
    now: datetime,
    lock: bool = False,
) -> tuple[Chat, bool]:
    """The group's row, created on first sight (safe when two updates race to create it),
    and whether this call created it. ``lock``: as ``get_chat``'s ``share``.

    Read first: a known group (nearly every update) costs one statement and writes nothing.
    """
    chat = await get_chat(session=session, telegram_id=telegram_id, share=lock)
    created = False
    if chat is None:
        insert = insert_for(session)
        made = await session.execute(
            insert(Chat)
            .values(telegram_id=telegram_id, title=title[:255], is_forum=is_forum, created_at=now)
            .on_conflict_do_nothing(index_elements=["telegram_id"])
            .returning(Chat.id)
        )
        created = made.scalar_one_or_none() is not None
        chat = await get_chat(session=session, telegram_id=telegram_id, share=lock)
        assert chat is not None  # just inserted, or by whoever raced us to it
    refresh_chat(chat, title=title, is_forum=is_forum)
    return chat, created


def refresh_chat(chat: Chat, *, title: str, is_forum: bool) -> None:
    """Keep what Telegram shows of the group now (written only when it changed)."""
    if chat.title != title[:255] or chat.is_forum != is_forum:
        chat.title, chat.is_forum = title[:255], is_forum


# The group's row, as every update in a group reads it; built once (see PerDialect).
_CHAT = select(Chat).where(Chat.telegram_id == bindparam("telegram_id"))
_CHAT_LOCKED = _CHAT.with_for_update().execution_options(populate_existing=True)
_CHAT_SHARED = _CHAT.with_for_update(read=True, key_share=True).execution_options(
    populate_existing=True
)


async def get_chat(
    *, session: AsyncSession, telegram_id: int, lock: bool = False, share: bool = False
) -> Chat | None:
    """The group's row. ``lock`` holds it for this transaction against any other hold (a
    change of its streak rules, a move); ``share`` against a ``lock`` only, so check-ins
    of the group go side by side but wait for a rules change (PostgreSQL: FOR UPDATE and
    FOR KEY SHARE; SQLite's transactions take turns anyway)."""
    query = _CHAT_LOCKED if lock else _CHAT_SHARED if share else _CHAT
    result = await session.execute(query, {"telegram_id": telegram_id})
    return result.scalar_one_or_none()


async def chat_named_by(*, session: AsyncSession, telegram_id: int) -> Chat | None:
    """The group that has, or had before it became a supergroup, this Telegram id."""
    found = await get_chat(session=session, telegram_id=telegram_id)
    if found is None:
        result = await session.execute(
            select(Chat).where(Chat.previous_telegram_id == telegram_id).limit(1)
        )
        found = result.scalar_one_or_none()
    return found


async def chat_by_row(*, session: AsyncSession, row_id: int, share: bool = False) -> Chat | None:
    """The group with this row id (a reminder's ✅ names its group so); ``share`` as in
    ``get_chat``."""
    query = select(Chat).where(Chat.id == row_id)
    if share:
        query = query.with_for_update(read=True, key_share=True)
    result = await session.execute(query.execution_options(populate_existing=True))
    return result.scalar_one_or_none()


async def language_of(*, session: AsyncSession, telegram_id: int) -> str | None:
    """The language the bot speaks in the group; None for a group it doesn't know yet."""
    result = await session.execute(select(Chat.language).where(Chat.telegram_id == telegram_id))
    return result.scalar_one_or_none()


async def set_active(*, session: AsyncSession, telegram_id: int, active: bool) -> None:
    await session.execute(update(Chat).where(Chat.telegram_id == telegram_id).values(active=active))


async def set_topic(*, session: AsyncSession, telegram_id: int, topic_id: int | None) -> None:
    await session.execute(
        update(Chat).where(Chat.telegram_id == telegram_id).values(topic_id=topic_id)
    )


async def forget_group_run(*, session: AsyncSession, chat_id: int) -> None:
    """The group's past day counts changed: its run as last counted is counted again."""
    await session.execute(
        update(Chat)
        .where(Chat.id == chat_id)
        .values(run_bar=None, run_first_day=None, run_counted_to=None)
    )
