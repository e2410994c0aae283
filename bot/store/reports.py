"""What the daily cue, the evening recap and the group figures read, for a whole batch of
groups at once.

A tick claims up to a few hundred groups; each question below is one query for all of them
(``chat_id IN (...)``), so the cost per group stays small however many groups are due. What
the rows mean (who is active, at risk, saved by a freeze) is the domain's to say.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Announcement, ChatDay, Member, PrivateUser


async def day_counts(
    *, session: AsyncSession, chat_ids: Sequence[int], first: date, last: date
) -> dict[int, dict[date, int]]:
    """How many members showed up on each day from ``first`` to ``last``, by group."""
    counts: dict[int, dict[date, int]] = defaultdict(dict)
    rows = await session.execute(
        select(ChatDay.chat_id, ChatDay.day, ChatDay.members).where(
            ChatDay.chat_id.in_(list(chat_ids)),
            ChatDay.day >= first,
            ChatDay.day <= last,
            ChatDay.members > 0,
        )
    )
    for chat_id, day, members in rows:
        counts[chat_id][day] = members
    return counts


async def latest_entry_days(
    *, session: AsyncSession, chat_ids: Sequence[int], since: date
) -> list[tuple[int, date]]:
    """Each member's latest entry day, by group, for those with one since ``since``."""
    rows = await session.execute(
        select(Member.chat_id, Member.last_entry_day).where(
            Member.chat_id.in_(list(chat_ids)), Member.last_entry_day >= since
        )
    )
    return [(chat_id, day) for chat_id, day in rows if day is not None]


async def members_counted_since(
    *, session: AsyncSession, chat_ids: Sequence[int], since: date
) -> list[Member]:
    """The groups' members whose latest counted day is ``since`` or later, longest streak
    first, then by name."""
    rows = await session.execute(
        select(Member)
        .where(
            Member.chat_id.in_(list(chat_ids)),
            or_(Member.streak_last_day >= since, Member.weekly_last_day >= since),
        )
        .order_by(Member.streak_current.desc(), Member.first_name)
    )
    return list(rows.scalars())


async def announced_since(
    *, session: AsyncSession, chat_ids: Sequence[int], since: date
) -> list[tuple[int, str, str, int, date]]:
    """Milestones and bests announced on ``since`` or later: (chat id, member's first name,
    kind, value, day), in the order they were made."""
    rows = await session.execute(
        select(
            Member.chat_id,
            Member.first_name,
            Announcement.kind,
            Announcement.value,
            Announcement.day,
        )
        .join(Member, Member.id == Announcement.member_id)
        .where(Member.chat_id.in_(list(chat_ids)), Announcement.day >= since)
        .order_by(Announcement.id)
    )
    return [(c, n, k, v, d) for c, n, k, v, d in rows]


async def runs_with_freezes_held(
    *, session: AsyncSession, chat_ids: Sequence[int], last_day_before: date
) -> list[Member]:
    """Members with a run and a freeze, whose latest counted day is before
    ``last_day_before``: those a freeze may be keeping in the run."""
    rows = await session.execute(
        select(Member).where(
            Member.chat_id.in_(list(chat_ids)),
            Member.streak_current > 0,
            Member.freezes > 0,
            Member.streak_last_day < last_day_before,
        )
    )
    return list(rows.scalars())


async def runs_to_mention(
    *,
    session: AsyncSession,
    chat_ids: Sequence[int],
    min_streak: int,
    min_weeks: int,
    last_day_before: date,
) -> list[Member]:
    """Members who want to hear when their run is at risk (``/remind``), in the group's
    recap: a run of ``min_streak`` days or ``min_weeks`` weeks or more whose latest counted
    day is before ``last_day_before``, and no private chat with the bot (they hear it there
    instead)."""
    rows = await session.execute(
        select(Member).where(
            Member.chat_id.in_(list(chat_ids)),
            Member.remind.is_(True),
            or_(
                and_(
                    Member.streak_current >= min_streak,
                    Member.streak_last_day < last_day_before,
                ),
                and_(Member.weekly_current >= min_weeks, Member.weekly_last_day < last_day_before),
            ),
            ~exists().where(PrivateUser.user_id == Member.user_id, PrivateUser.blocked.is_(False)),
        )
    )
    return list(rows.scalars())


async def members_with_plans(*, session: AsyncSession, chat_ids: Sequence[int]) -> list[Member]:
    """The groups' members who made an if-then plan, by name."""
    rows = await session.execute(
        select(Member)
        .where(Member.chat_id.in_(list(chat_ids)), Member.plan_what.is_not(None))
        .order_by(Member.first_name, Member.id)
    )
    return list(rows.scalars())
