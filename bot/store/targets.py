"""Targets over time (``bot.domain.targets``): each member's own changes, and their group's
default changes (``member_id`` NULL)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.targets import TargetChange
from bot.store.models import Target

# A group's own changes are filed under this key in ``changes_in``.
GROUP = None


async def changes_in(
    *, session: AsyncSession, chat_id: int, member_ids: Sequence[int] | None = None
) -> dict[int | None, list[TargetChange]]:
    """The group's changes (under ``GROUP``) and its members' (by member id; only those of
    ``member_ids`` when given), each list in the order they were made."""
    query = select(Target.member_id, Target.starts, Target.per_week).where(
        Target.chat_id == chat_id
    )
    if member_ids is not None:
        query = query.where(or_(Target.member_id.is_(None), Target.member_id.in_(member_ids)))
    found: dict[int | None, list[TargetChange]] = defaultdict(list)
    for member_id, starts, per_week in await session.execute(query.order_by(Target.id)):
        found[member_id].append(TargetChange(starts, per_week))
    return found


async def changes_of_chats(
    *, session: AsyncSession, chat_ids: Sequence[int], member_ids: Sequence[int]
) -> dict[int, dict[int | None, list[TargetChange]]]:
    """``changes_in`` for several groups at once (by chat row id), of ``member_ids`` only."""
    found: dict[int, dict[int | None, list[TargetChange]]] = defaultdict(lambda: defaultdict(list))
    if not chat_ids:
        return found
    rows = await session.execute(
        select(Target.chat_id, Target.member_id, Target.starts, Target.per_week)
        .where(
            Target.chat_id.in_(list(chat_ids)),
            or_(Target.member_id.is_(None), Target.member_id.in_(list(member_ids))),
        )
        .order_by(Target.id)
    )
    for chat_id, member_id, starts, per_week in rows:
        found[chat_id][member_id].append(TargetChange(starts, per_week))
    return found


async def chats_with_targets(*, session: AsyncSession, chat_ids: Sequence[int]) -> set[int]:
    """Which of the groups have a target set, the group's or a member's."""
    if not chat_ids:
        return set()
    rows = await session.execute(
        select(Target.chat_id).where(Target.chat_id.in_(list(chat_ids))).distinct()
    )
    return set(rows.scalars())


async def add_change(
    *,
    session: AsyncSession,
    chat_id: int,
    member_id: int | None,
    starts: date,
    per_week: int | None,
    at: datetime,
) -> None:
    """A change of the member's target (or the group's, with ``member_id`` None)."""
    session.add(
        Target(chat_id=chat_id, member_id=member_id, starts=starts, per_week=per_week, set_at=at)
    )
    await session.flush()
