"""Announced breaks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import streaks
from bot.store.models import Break, Member


def _as_domain(row: Break) -> streaks.Break:
    return streaks.Break(start=row.start_day, end=row.end_day)


async def member_breaks(*, session: AsyncSession, member_id: int) -> list[streaks.Break]:
    result = await session.execute(
        select(Break)
        .where(Break.member_id == member_id, Break.end_day >= Break.start_day)
        .order_by(Break.start_day)
    )
    return [_as_domain(row) for row in result.scalars()]


async def breaks_between(
    *, session: AsyncSession, member_id: int, start: date | None, end: date
) -> list[streaks.Break]:
    """The breaks overlapping ``start`` to ``end`` (all up to ``end`` if no start)."""
    query = select(Break).where(
        Break.member_id == member_id, Break.start_day <= end, Break.end_day >= Break.start_day
    )
    if start is not None:
        query = query.where(Break.end_day >= start)
    result = await session.execute(query.order_by(Break.start_day))
    return [_as_domain(row) for row in result.scalars()]


async def breaks_of_members(
    *, session: AsyncSession, member_ids: Sequence[int], start: date, end: date
) -> list[tuple[int, streaks.Break]]:
    """The breaks of several members overlapping [start, end], with whose they are."""
    result = await session.execute(
        select(Break).where(
            Break.member_id.in_(member_ids), Break.start_day <= end, Break.end_day >= start
        )
    )
    return [(row.member_id, _as_domain(row)) for row in result.scalars()]


async def current_break(*, session: AsyncSession, member_id: int, day: date) -> Break | None:
    """The break that ``day`` falls in, if any."""
    result = await session.execute(
        select(Break)
        .where(Break.member_id == member_id, Break.start_day <= day, Break.end_day >= day)
        .order_by(Break.start_day.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def latest_unwelcomed_break(
    *, session: AsyncSession, member_id: int, day: date
) -> Break | None:
    """The member's most recent break that has begun by ``day`` and that they have not
    yet come back from (so a check-in now is their return)."""
    result = await session.execute(
        select(Break)
        .where(Break.member_id == member_id, Break.start_day <= day, Break.returned_on.is_(None))
        .order_by(Break.start_day.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def start_break(
    *, session: AsyncSession, member: Member, start: date, days: int, reason: str, now: datetime
) -> Break:
    """A break of ``days`` days from ``start``; one already running is replaced by it."""
    member_id = member.id
    member.away_since = start
    running = await current_break(session=session, member_id=member_id, day=start)
    if running is not None:
        running.end_day = start - timedelta(days=1)
        if running.end_day < running.start_day:
            await session.delete(running)
    row = Break(
        member_id=member_id,
        start_day=start,
        end_day=start + timedelta(days=days - 1),
        reason=reason,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def come_back(*, session: AsyncSession, member: Member, day: date) -> bool:
    """A check-in on ``day``: if it is the member's return from a break, the break ends (it
    covers only the days before) and True; otherwise nothing is read or written."""
    if member.away_since is None or member.away_since > day:
        return False
    member.away_since = None
    row = await latest_unwelcomed_break(session=session, member_id=member.id, day=day)
    if row is None:
        return False
    end_early(row, day)
    return True


def end_early(row: Break, day: date) -> None:
    """A check-in on ``day`` ends the break: it covers only the days before."""
    row.returned_on = day
    if row.end_day >= day:
        row.end_day = day - timedelta(days=1)
