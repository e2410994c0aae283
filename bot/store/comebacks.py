"""Who came back today after a missed day (bot.domain.comebacks), for a batch of groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.comebacks import is_comeback
from bot.domain.streaks import Break, Mark, counts
from bot.store.breaks import breaks_of_members
from bot.store.chats import rules_of
from bot.store.models import Chat, CheckIn, Member


async def todays_comebacks(
    *, session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, list[str]]:
    """The names of each group's members whose check-in today is a comeback (keyed by chat
    id; ``today`` by chat id too)."""
    found: dict[int, list[str]] = defaultdict(list)
    if not chats:
        return found
    rows = await session.execute(
        select(Member).where(
            Member.chat_id.in_(list(today)), Member.streak_last_day >= min(today.values())
        )
    )
    showed = {m.id: m for m in rows.scalars() if m.streak_last_day == today[m.chat_id]}
    if not showed:
        return found
    # Each member's latest day before today, per kind: whether a /fail counts is the group's.
    latest = await session.execute(
        select(CheckIn.member_id, CheckIn.kind, func.max(CheckIn.day))
        .join(Member, Member.id == CheckIn.member_id)
        .where(CheckIn.member_id.in_(list(showed)), CheckIn.day < Member.streak_last_day)
        .group_by(CheckIn.member_id, CheckIn.kind)
    )
    rules = {chat.id: rules_of(chat) for chat in chats}
    previous: dict[int, date] = {}
    for member_id, kind, day in latest:
        if counts(Mark(kind), rules[showed[member_id].chat_id]):
            previous[member_id] = max(day, previous.get(member_id, day))
    if not previous:
        return found
    their_breaks: dict[int, list[Break]] = defaultdict(list)
    for member_id, brk in await breaks_of_members(
        session=session,
        member_ids=list(previous),
        start=min(previous.values()),
        end=max(today.values()),
    ):
        their_breaks[member_id].append(brk)
    for member_id, before in previous.items():
        member = showed[member_id]
        day = today[member.chat_id]
        if is_comeback(before, day, their_breaks[member_id], rules[member.chat_id]):
            found[member.chat_id].append(member.first_name)
    for names in found.values():
        names.sort(key=str.casefold)
    return found
