"""A member's streak as seen today: the kept state plus the days since."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import streaks
from bot.domain.streaks import Rules, Standing
from bot.store.breaks import breaks_between, breaks_of_members
from bot.store.members import state_of
from bot.store.models import Member


async def standing_of(
    *, session: AsyncSession, member: Member, rules: Rules, today: date
) -> Standing:
    state = state_of(member)
    breaks = await breaks_between(
        session=session, member_id=member.id, start=state.last_day, end=today
    )
    return streaks.standing(state, today, breaks, rules)


async def standings_of(
    *, session: AsyncSession, members: Sequence[Member], rules: Rules, today: date
) -> dict[int, Standing]:
    """Standings of many members with one query for their breaks (keyed by member id)."""
    if not members:
        return {}
    starts = [m.streak_last_day for m in members if m.streak_last_day is not None]
    rows = await breaks_of_members(
        session=session,
        member_ids=[m.id for m in members],
        start=min(starts, default=today),
        end=today,
    )
    by_member: dict[int, list[streaks.Break]] = defaultdict(list)
    for member_id, brk in rows:
        by_member[member_id].append(brk)
    return {m.id: streaks.standing(state_of(m), today, by_member[m.id], rules) for m in members}
