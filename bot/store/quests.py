"""Weekly quests: a group's quest of a week (made once, as the database decides), settling
it once (a conditional update), its badges, and how many a member earned."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import insert_for
from bot.store.models import Chat, Member, Quest, QuestBadge


async def quest_of(*, session: AsyncSession, chat_id: int, week: date) -> Quest | None:
    result = await session.execute(
        select(Quest).where(Quest.chat_id == chat_id, Quest.week == week)
    )
    return result.scalar_one_or_none()


async def ensure_quest(*, session: AsyncSession, chat_id: int, week: date, goal: int) -> Quest:
    """The group's quest of ``week``, made with ``goal`` if it had none (a race keeps the
    first)."""
    insert = insert_for(session)
    await session.execute(
        insert(Quest)
        .values(chat_id=chat_id, week=week, goal=goal)
        .on_conflict_do_nothing(index_elements=["chat_id", "week"])
    )
    quest = await quest_of(session=session, chat_id=chat_id, week=week)
    assert quest is not None
    return quest


async def settle(
    *, session: AsyncSession, quest_id: int, check_ins: int, met: bool, now: datetime
) -> bool:
    """Settle the quest if nothing did yet; True when this call did."""
    done = await session.execute(
        update(Quest)
        .where(Quest.id == quest_id, Quest.settled_at.is_(None))
        .values(check_ins=check_ins, met=met, settled_at=now)
        .returning(Quest.id)
    )
    return done.scalar_one_or_none() is not None


async def award(*, session: AsyncSession, quest_id: int, member_ids: Sequence[int]) -> None:
    if not member_ids:
        return
    insert = insert_for(session)
    await session.execute(
        insert(QuestBadge)
        .values([{"member_id": m, "quest_id": quest_id} for m in member_ids])
        .on_conflict_do_nothing(index_elements=["member_id", "quest_id"])
    )


async def badges_of(*, session: AsyncSession, member_id: int) -> int:
    """How many quests the member completed (earned the badge of)."""
    result = await session.execute(
        select(func.count()).select_from(QuestBadge).where(QuestBadge.member_id == member_id)
    )
    return int(result.scalar_one())


async def badges_by(
    *, session: AsyncSession, user_id: int, chat_id: int | None = None
) -> list[tuple[Quest, str]]:
    """The quests the person earned the badge of (in one group, or in all), each with the
    group's title (``/export``)."""
    scope = [Member.user_id == user_id]
    if chat_id is not None:
        scope.append(Member.chat_id == chat_id)
    rows = await session.execute(
        select(Quest, Chat.title)
        .join(QuestBadge, QuestBadge.quest_id == Quest.id)
        .join(Member, Member.id == QuestBadge.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope)
    )
    return [(quest, title) for quest, title in rows]
