"""What the daily cue and the evening recap say about a group: a few queries per group."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import group_streak
from bot.store.breaks import breaks_of_members
from bot.store.chats import rules_of
from bot.store.models import Announcement, Chat, ChatDay, Member
from bot.store.standings import standings_of

# A member is "active" with a check-in in this many days (the group streak's share).
ACTIVE_DAYS = 14
# How far back the group streak is looked for; a longer one shows as this many days.
GROUP_STREAK_HORIZON = 1000


@dataclass(frozen=True, slots=True)
class CueFacts:
    showed_up_yesterday: int
    active_members: int
    group_streak: int
    saved_by_freezes: list[tuple[str, int, int]]  # name, freezes used, streak kept


@dataclass(frozen=True, slots=True)
class RecapFacts:
    showed_up: list[tuple[str, int]]  # name, streak
    milestones: list[tuple[str, str, int]]  # name, "milestone" or "best", days
    at_risk: list[tuple[str, int]]  # name, user id


async def active_members(*, session: AsyncSession, chat_id: int, today: date) -> int:
    since = today - timedelta(days=ACTIVE_DAYS)
    result = await session.execute(
        select(func.count(Member.id)).where(
            Member.chat_id == chat_id, Member.last_entry_day >= since
        )
    )
    return int(result.scalar_one())


async def group_streak_of(*, session: AsyncSession, chat: Chat, today: date, active: int) -> int:
    """Days in a row on which enough members showed up (one, or the admins' share)."""
    bar = max(1, math.ceil(chat.group_share * active / 100))
    result = await session.execute(
        select(ChatDay.day).where(
            ChatDay.chat_id == chat.id,
            ChatDay.day >= today - timedelta(days=GROUP_STREAK_HORIZON),
            ChatDay.day <= today,
            ChatDay.members >= bar,
        )
    )
    return group_streak(result.scalars(), today)


async def cue_facts(*, session: AsyncSession, chat: Chat, today: date) -> CueFacts:
    yesterday = today - timedelta(days=1)
    showed = await session.execute(
        select(ChatDay.members).where(ChatDay.chat_id == chat.id, ChatDay.day == yesterday)
    )
    active = await active_members(session=session, chat_id=chat.id, today=today)
    # Only members whose run is alive but who missed yesterday can have used a freeze.
    candidates = (
        (
            await session.execute(
                select(Member).where(
                    Member.chat_id == chat.id,
                    Member.streak_current > 0,
                    Member.freezes > 0,
                    Member.streak_last_day < yesterday,
                )
            )
        )
        .scalars()
        .all()
    )
    seen = await standings_of(
        session=session, members=candidates, rules=rules_of(chat), today=today
    )
    saved = [
        (m.first_name, seen[m.id].freezes_used, seen[m.id].current)
        for m in candidates
        if seen[m.id].current > 0 and seen[m.id].freezes_used > 0
    ]
    return CueFacts(
        showed_up_yesterday=showed.scalar_one_or_none() or 0,
        active_members=active,
        group_streak=await group_streak_of(session=session, chat=chat, today=today, active=active),
        saved_by_freezes=saved,
    )


async def recap_facts(*, session: AsyncSession, chat: Chat, today: date) -> RecapFacts:
    showed = await session.execute(
        select(Member.first_name, Member.streak_current)
        .where(Member.chat_id == chat.id, Member.streak_last_day == today)
        .order_by(Member.streak_current.desc(), Member.first_name)
    )
    told = await session.execute(
        select(Member.first_name, Announcement.kind, Announcement.value)
        .join(Member, Member.id == Announcement.member_id)
        .where(Member.chat_id == chat.id, Announcement.day == today)
        .order_by(Announcement.id)
    )
    at_risk: list[tuple[str, int]] = []
    rules = rules_of(chat)
    if chat.at_risk_mentions and today.weekday() not in rules.rest_weekdays:
        candidates = (
            (
                await session.execute(
                    select(Member).where(
                        Member.chat_id == chat.id,
                        Member.remind.is_(True),
                        Member.streak_current >= 2,
                        Member.streak_last_day < today,
                    )
                )
            )
            .scalars()
            .all()
        )
        seen = await standings_of(session=session, members=candidates, rules=rules, today=today)
        resting = {
            member_id
            for member_id, _ in await breaks_of_members(
                session=session, member_ids=[m.id for m in candidates], start=today, end=today
            )
        }
        at_risk = [
            (m.first_name, m.user_id)
            for m in candidates
            if seen[m.id].current >= 2 and m.id not in resting
        ]
    return RecapFacts(
        showed_up=[(n, s) for n, s in showed],
        milestones=[(n, k, v) for n, k, v in told],
        at_risk=at_risk,
    )
