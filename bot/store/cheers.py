"""Cheers: who cheered whom, on which message, by /cheer or by a reaction; each cheerer
counts once per message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Mark
from bot.store.db import insert_for
from bot.store.models import CheckIn, Cheer, Member


async def add_cheer(
    *,
    session: AsyncSession,
    giver: Member,
    cheered: Member,
    message_id: int,
    now: datetime,
    by_reaction: bool = False,
) -> bool:
    """Record the cheer (by /cheer, or by a reaction) and count it for ``cheered``; False if
    ``giver`` had already cheered that message, either way (the database's unique key
    decides, also for two at once): then the cheer is only marked as held this way too."""
    way = {"by_reaction": True} if by_reaction else {"by_command": True}
    insert = insert_for(session)
    result = await session.execute(
        insert(Cheer)
        .values(
            member_id=cheered.id,
            giver_id=giver.id,
            message_id=message_id,
            created_at=now,
            by_command=not by_reaction,
            by_reaction=by_reaction,
        )
        .on_conflict_do_nothing(index_elements=["giver_id", "message_id"])
        .returning(Cheer.id)
    )
    if result.scalar_one_or_none() is None:
        await session.execute(
            update(Cheer)
            .where(Cheer.giver_id == giver.id, Cheer.message_id == message_id)
            .values(**way)
        )
        return False
    await session.execute(
        update(Member)
        .where(Member.id == cheered.id)
        .values(cheers_received=Member.cheers_received + 1)
    )
    await session.refresh(cheered, ["cheers_received"])
    return True


async def take_back_reaction(*, session: AsyncSession, giver: Member, message_id: int) -> bool:
    """``giver`` took their reaction on the message back: the cheer goes unless a /cheer
    holds it too. True if a cheer went."""
    gone = await session.execute(
        delete(Cheer)
        .where(
            Cheer.giver_id == giver.id,
            Cheer.message_id == message_id,
            Cheer.by_reaction,
            ~Cheer.by_command,
        )
        .returning(Cheer.member_id)
    )
    cheered = gone.scalar_one_or_none()
    if cheered is None:
        await session.execute(
            update(Cheer)
            .where(Cheer.giver_id == giver.id, Cheer.message_id == message_id)
            .values(by_reaction=False)
        )
        return False
    await session.execute(
        update(Member)
        .where(Member.id == cheered)
        .values(cheers_received=Member.cheers_received - 1)
    )
    return True


async def cheers_on(*, session: AsyncSession, member_id: int, message_id: int) -> int:
    """How many people cheered this message of the member."""
    result = await session.execute(
        select(func.count())
        .select_from(Cheer)
        .where(Cheer.member_id == member_id, Cheer.message_id == message_id)
    )
    return int(result.scalar_one())


async def is_fail_entry(*, session: AsyncSession, member_id: int, source: str) -> bool:
    """Whether the message that ``source`` names made a /fail entry of the member."""
    result = await session.execute(
        select(CheckIn.id).where(
            CheckIn.member_id == member_id,
            CheckIn.source == source,
            CheckIn.kind == Mark.FAIL.value,
        )
    )
    return result.first() is not None


async def recount_received(*, session: AsyncSession, member_ids: Iterable[int]) -> None:
    """Set the members' cheers received to the cheers still recorded (after some went)."""
    ids = list(set(member_ids))
    if not ids:
        return
    counted = (
        select(func.count())
        .select_from(Cheer)
        .where(Cheer.member_id == Member.id)
        .scalar_subquery()
    )
    await session.execute(update(Member).where(Member.id.in_(ids)).values(cheers_received=counted))


async def entry_author(*, session: AsyncSession, source: str) -> Member | None:
    """The member whose entry the message that ``source`` names made, if it made one."""
    result = await session.execute(
        select(Member).join(CheckIn, CheckIn.member_id == Member.id).where(CheckIn.source == source)
    )
    return result.scalars().first()
