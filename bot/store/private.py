"""People who started the bot in a private chat (so it may write to them there)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import insert_for
from bot.store.models import PrivateUser


async def remember_started(*, session: AsyncSession, user_id: int, now: datetime) -> None:
    insert = insert_for(session)
    await session.execute(
        insert(PrivateUser)
        .values(user_id=user_id, started_at=now, blocked=False)
        .on_conflict_do_update(index_elements=["user_id"], set_={"blocked": False})
    )


async def set_blocked(*, session: AsyncSession, user_id: int, blocked: bool) -> None:
    """The person blocked the bot (or started it again): no direct messages meanwhile."""
    await session.execute(
        update(PrivateUser).where(PrivateUser.user_id == user_id).values(blocked=blocked)
    )
