"""Goals: one open goal per member and group; achieved goals are kept as an archive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Goal, Member


async def open_goal(*, session: AsyncSession, member_id: int) -> Goal | None:
    result = await session.execute(
        select(Goal).where(Goal.member_id == member_id, Goal.achieved_at.is_(None))
    )
    return result.scalar_one_or_none()


async def set_goal(*, session: AsyncSession, member_id: int, text: str, now: datetime) -> Goal:
    """Set the open goal's text (a new goal replaces the words of the old one)."""
    goal = await open_goal(session=session, member_id=member_id)
    if goal is None:
        goal = Goal(member_id=member_id, text=text, created_at=now)
        session.add(goal)
    else:
        goal.text = text
    await session.flush()
    return goal


async def achieve_goal(*, session: AsyncSession, member_id: int, now: datetime) -> Goal | None:
    """Archive the open goal as reached; None if there was none."""
    goal = await open_goal(session=session, member_id=member_id)
    if goal is not None:
        goal.achieved_at = now
        await session.flush()
    return goal


async def achieved_count(*, session: AsyncSession, member_id: int) -> int:
    result = await session.execute(
        select(Goal.id).where(Goal.member_id == member_id, Goal.achieved_at.is_not(None))
    )
    return len(result.all())


async def group_goals(*, session: AsyncSession, chat_id: int) -> list[tuple[Member, Goal]]:
    """Every open goal in the group with its member (the caller orders them by the
    streak as of today, which the kept state alone can't tell)."""
    result = await session.execute(
        select(Member, Goal)
        .join(Goal, Goal.member_id == Member.id)
        .where(Member.chat_id == chat_id, Goal.achieved_at.is_(None))
    )
    return [(member, goal) for member, goal in result]
