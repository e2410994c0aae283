"""Buddies: pairs of members in a group (two, or three the bot put together).

A member is in one pair at most: the member's row is the key of ``buddies``, so two
acceptances at once can't both pair the same person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import insert_for
from bot.store.models import Buddy, BuddyPair, Member


@dataclass(frozen=True, slots=True)
class Pair:
    """A pair with its members' rows (by name)."""

    row: BuddyPair
    members: list[Member]

    def others(self, member_id: int) -> list[Member]:
        return [m for m in self.members if m.id != member_id]


async def make_pair(
    *,
    session: AsyncSession,
    chat_id: int,
    member_ids: Sequence[int],
    now: datetime,
    by_bot: bool = False,
) -> BuddyPair | None:
    """Pair these members; None (and nothing written) when one of them is in a pair already."""
    async with session.begin_nested() as savepoint:
        pair = BuddyPair(chat_id=chat_id, created_at=now, by_bot=by_bot)
        session.add(pair)
        await session.flush()
        insert = insert_for(session)
        added = await session.execute(
            insert(Buddy)
            .values([{"member_id": m, "pair_id": pair.id} for m in member_ids])
            .on_conflict_do_nothing(index_elements=["member_id"])
            .returning(Buddy.member_id)
        )
        if len(list(added.scalars())) < len(set(member_ids)):
            await savepoint.rollback()
            return None
    return pair


async def leave_pair(*, session: AsyncSession, member_id: int, chat_id: int) -> None:
    """The member leaves their pair: a pair of two ends, a pair of three goes on as two."""
    await session.execute(delete(Buddy).where(Buddy.member_id == member_id))
    await end_broken_pairs(session=session, chat_id=chat_id)


async def end_pair(*, session: AsyncSession, pair_id: int) -> None:
    await session.execute(delete(Buddy).where(Buddy.pair_id == pair_id))
    await session.execute(delete(BuddyPair).where(BuddyPair.id == pair_id))


async def pairs_where(*, session: AsyncSession, member_ids: Iterable[int]) -> dict[int, Pair]:
    """The pair of each of these members who has one, by member id."""
    ids = list(member_ids)
    if not ids:
        return {}
    found = select(Buddy.pair_id).where(Buddy.member_id.in_(ids)).scalar_subquery()
    pairs = await _pairs(session, BuddyPair.id.in_(found))
    return {m.id: pair for pair in pairs for m in pair.members if m.id in ids}


async def pair_of(*, session: AsyncSession, member_id: int) -> Pair | None:
    return (await pairs_where(session=session, member_ids=[member_id])).get(member_id)


async def pairs_in(*, session: AsyncSession, chat_ids: Iterable[int]) -> list[Pair]:
    """Every pair of these groups."""
    return await _pairs(session, BuddyPair.chat_id.in_(list(chat_ids)))


async def _pairs(session: AsyncSession, where: object) -> list[Pair]:
    rows = await session.execute(
        select(BuddyPair, Member)
        .join(Buddy, Buddy.pair_id == BuddyPair.id)
        .join(Member, Member.id == Buddy.member_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(BuddyPair.id, Member.first_name, Member.id)
    )
    pairs: dict[int, Pair] = {}
    for pair, member in rows:
        pairs.setdefault(pair.id, Pair(pair, [])).members.append(member)
    return list(pairs.values())


async def end_broken_pairs(*, session: AsyncSession, chat_id: int) -> None:
    """Pairs of the group left with fewer than two members (one was forgotten) end."""
    lonely = (
        select(BuddyPair.id)
        .outerjoin(Buddy, Buddy.pair_id == BuddyPair.id)
        .where(BuddyPair.chat_id == chat_id)
        .group_by(BuddyPair.id)
        .having(func.count(Buddy.member_id) < 2)
    )
    ids = list((await session.execute(lonely)).scalars())
    if ids:
        await session.execute(delete(Buddy).where(Buddy.pair_id.in_(ids)))
        await session.execute(delete(BuddyPair).where(BuddyPair.id.in_(ids)))


def by_member(pairs: Iterable[Pair]) -> dict[int, set[int]]:
    """Each member's buddies (member ids) in these pairs."""
    found: dict[int, set[int]] = defaultdict(set)
    for pair in pairs:
        ids = {m.id for m in pair.members}
        for member_id in ids:
            found[member_id] |= ids - {member_id}
    return found
