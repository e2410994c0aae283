"""A member's streak as seen today: the kept state plus the days since."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import streaks
from bot.domain.streaks import Rules, Standing
from bot.store.breaks import breaks_of_members
from bot.store.members import state_of
from bot.store.models import Member


async def standing_of(
    *, session: AsyncSession, member: Member, rules: Rules, today: date
) -> Standing:
    seen = await standings_of(session=session, members=[member], rules=rules, today=today)
    return seen[member.id]


async def standings_of(
    *, session: AsyncSession, members: Sequence[Member], rules: Rules, today: date
) -> dict[int, Standing]:
    """Standings of members of one group (keyed by member id)."""
    return await standings_across(
        session=session, members=members, judged={m.chat_id: (rules, today) for m in members}
    )


async def standings_across(
    *,
    session: AsyncSession,
    members: Sequence[Member],
    judged: Mapping[int, tuple[Rules, date]],
) -> dict[int, Standing]:
    """Standings of members of many groups, each judged by its group's rules and today
    (``judged`` is keyed by chat id), with one query for all their breaks."""
    if not members:
        return {}
    days = [judged[m.chat_id][1] for m in members]
    starts = [m.streak_last_day for m in members if m.streak_last_day is not None]
    rows = await breaks_of_members(
        session=session,
        member_ids=[m.id for m in members],
        start=min(starts, default=min(days)),
        end=max(days),
    )
    by_member: dict[int, list[streaks.Break]] = defaultdict(list)
    for member_id, brk in rows:
        by_member[member_id].append(brk)
    seen = {}
    for member in members:
        rules, today = judged[member.chat_id]
        seen[member.id] = streaks.standing(state_of(member), today, by_member[member.id], rules)
    return seen
