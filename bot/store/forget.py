"""``/forgetme``: everything kept about one member of one group goes.

Their entries, goals, breaks, announcements, cheers (given and received) and their place
in a pair of buddies go with their member row (the database cascades); a pair left with one
member ends, a pair of three goes on as two. What others' rows say about them is brought back in
step: the group's day counts lose their days, and the members they cheered their cheers.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Rules
from bot.store.buddies import end_broken_pairs
from bot.store.chats import forget_group_run
from bot.store.checkins import counting_kinds
from bot.store.cheers import recount_received
from bot.store.models import ChatDay, CheckIn, Cheer, Member


async def forget_member(*, session: AsyncSession, member: Member, rules: Rules) -> None:
    counted = (
        await session.execute(
            select(CheckIn.day)
            .where(CheckIn.member_id == member.id, CheckIn.kind.in_(counting_kinds(rules)))
            .distinct()
        )
    ).scalars()
    days = list(counted)
    if days:
        await forget_group_run(session=session, chat_id=member.chat_id)
        await session.execute(
            update(ChatDay)
            .where(ChatDay.chat_id == member.chat_id, ChatDay.day.in_(days))
            .values(members=ChatDay.members - 1)
        )
    cheered = (
        await session.execute(select(Cheer.member_id).where(Cheer.giver_id == member.id))
    ).scalars()
    cheered_ids = set(cheered) - {member.id}
    await session.execute(delete(Member).where(Member.id == member.id))
    await recount_received(session=session, member_ids=cheered_ids)
    await end_broken_pairs(session=session, chat_id=member.chat_id)
    session.expunge(member)
