"""What the daily cue and the evening recap say, for a whole batch of groups at once.

A tick claims up to a few hundred groups; each question below is one query for all of them
(``chat_id IN (...)``), so the cost per group stays small however many groups are due.
Each group is judged by its own rules and its own local "today".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.groups import (
    AT_RISK_MIN_STREAK,
    active_since,
    group_bar,
    group_streak_from_counts,
    is_active,
    is_at_risk,
)
from bot.domain.streaks import Break, Rules
from bot.store.breaks import breaks_of_members
from bot.store.chats import rules_of
from bot.store.comebacks import todays_comebacks
from bot.store.models import Announcement, Chat, ChatDay, Member, PrivateUser
from bot.store.standings import standings_across

# The group streak is read from this many recent days for the whole batch; a group whose
# streak is longer has the rest read on its own.
RECENT_DAYS = 60
# How far back a long group streak is looked for; a longer one shows as this many days.
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
    comebacks: list[str] = field(default_factory=list)  # names (bot.domain.comebacks)


async def cue_facts(
    *, session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, CueFacts]:
    """The morning's news for each group (keyed by chat id); ``today`` by chat id too."""
    if not chats:
        return {}
    counts, active, streaks = await _group_days(session, chats, today)
    saved = await _saved_by_freezes(session, chats, today)
    return {
        chat.id: CueFacts(
            showed_up_yesterday=counts[chat.id].get(today[chat.id] - timedelta(days=1), 0),
            active_members=active[chat.id],
            group_streak=streaks[chat.id],
            saved_by_freezes=saved[chat.id],
        )
        for chat in chats
    }


async def group_streaks(
    *, session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, int]:
    """Each group's streak (keyed by chat id)."""
    _, _, streaks = await _group_days(session, chats, today)
    return streaks


async def _group_days(
    session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> tuple[dict[int, dict[date, int]], dict[int, int], dict[int, int]]:
    """Recent showing-up counts by day, active members, and the group streak, by group."""
    ids, first, last = list(today), min(today.values()), max(today.values())
    counts = await _day_counts(session, ids, first - timedelta(days=RECENT_DAYS), last)
    active = await _active_members(session, ids, today)
    streaks = {}
    for chat in chats:
        streak = _group_streak(counts[chat.id], chat, active[chat.id], today[chat.id])
        if streak >= RECENT_DAYS:
            streak = await _long_group_streak(session, chat, active[chat.id], today[chat.id])
        streaks[chat.id] = streak
    return counts, active, streaks


async def recap_facts(
    *, session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, RecapFacts]:
    """The evening's news for each group (keyed by chat id)."""
    if not chats:
        return {}
    ids, first = list(today), min(today.values())
    showed: dict[int, list[tuple[str, int]]] = defaultdict(list)
    rows = await session.execute(
        select(Member.chat_id, Member.first_name, Member.streak_current, Member.streak_last_day)
        .where(Member.chat_id.in_(ids), Member.streak_last_day >= first)
        .order_by(Member.streak_current.desc(), Member.first_name)
    )
    for chat_id, first_name, streak, last_day in rows:
        if last_day == today[chat_id]:
            showed[chat_id].append((first_name, streak))
    told: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    announced = await session.execute(
        select(
            Member.chat_id,
            Member.first_name,
            Announcement.kind,
            Announcement.value,
            Announcement.day,
        )
        .join(Member, Member.id == Announcement.member_id)
        .where(Member.chat_id.in_(ids), Announcement.day >= first)
        .order_by(Announcement.id)
    )
    for chat_id, first_name, kind, value, day in announced:
        if day == today[chat_id]:
            told[chat_id].append((first_name, kind, value))
    at_risk = await _at_risk(session, chats, today)
    comebacks = await todays_comebacks(session=session, chats=chats, today=today)
    return {
        chat.id: RecapFacts(showed[chat.id], told[chat.id], at_risk[chat.id], comebacks[chat.id])
        for chat in chats
    }


async def _day_counts(
    session: AsyncSession, ids: list[int], first: date, last: date
) -> dict[int, dict[date, int]]:
    """How many members showed up on each recent day, by group."""
    counts: dict[int, dict[date, int]] = defaultdict(dict)
    rows = await session.execute(
        select(ChatDay.chat_id, ChatDay.day, ChatDay.members).where(
            ChatDay.chat_id.in_(ids),
            ChatDay.day >= first,
            ChatDay.day <= last,
            ChatDay.members > 0,
        )
    )
    for chat_id, day, members in rows:
        counts[chat_id][day] = members
    return counts


async def _active_members(
    session: AsyncSession, ids: list[int], today: Mapping[int, date]
) -> dict[int, int]:
    active: dict[int, int] = defaultdict(int)
    rows = await session.execute(
        select(Member.chat_id, Member.last_entry_day).where(
            Member.chat_id.in_(ids), Member.last_entry_day >= active_since(min(today.values()))
        )
    )
    for chat_id, last_entry in rows:
        if is_active(last_entry, today[chat_id]):
            active[chat_id] += 1
    return active


def _group_streak(counts: Mapping[date, int], chat: Chat, active: int, today: date) -> int:
    return group_streak_from_counts(counts, group_bar(chat.group_share, active), today)


async def _long_group_streak(session: AsyncSession, chat: Chat, active: int, today: date) -> int:
    counts = await _day_counts(
        session, [chat.id], today - timedelta(days=GROUP_STREAK_HORIZON), today
    )
    return _group_streak(counts[chat.id], chat, active, today)


def _judged(chats: Sequence[Chat], today: Mapping[int, date]) -> dict[int, tuple[Rules, date]]:
    return {chat.id: (rules_of(chat), today[chat.id]) for chat in chats}


async def _saved_by_freezes(
    session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, list[tuple[str, int, int]]]:
    """Who a freeze is keeping in the run: alive, but with days missed since."""
    latest = max(today.values()) - timedelta(days=1)
    rows = await session.execute(
        select(Member).where(
            Member.chat_id.in_(list(today)),
            Member.streak_current > 0,
            Member.freezes > 0,
            Member.streak_last_day < latest,
        )
    )
    candidates = [
        m
        for m in rows.scalars()
        if m.streak_last_day is not None
        and m.streak_last_day < today[m.chat_id] - timedelta(days=1)
    ]
    seen = await standings_across(session=session, members=candidates, judged=_judged(chats, today))
    saved: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for member in candidates:
        standing = seen[member.id]
        if standing.current > 0 and standing.freezes_used > 0:
            saved[member.chat_id].append(
                (member.first_name, standing.freezes_used, standing.current)
            )
    return saved


async def _at_risk(
    session: AsyncSession, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, list[tuple[str, int]]]:
    """Members at risk tonight (bot.domain.groups.is_at_risk) who want to hear it, in groups
    that post the mentions. Those who started the bot in private hear it there instead
    (bot.jobs.reminders)."""
    asking = [chat for chat in chats if chat.at_risk_mentions]
    at_risk: dict[int, list[tuple[str, int]]] = defaultdict(list)
    if not asking:
        return at_risk
    rows = await session.execute(
        select(Member).where(
            Member.chat_id.in_([chat.id for chat in asking]),
            Member.remind.is_(True),
            Member.streak_current >= AT_RISK_MIN_STREAK,
            Member.streak_last_day < max(today.values()),
            ~exists().where(PrivateUser.user_id == Member.user_id, PrivateUser.blocked.is_(False)),
        )
    )
    candidates = [
        m
        for m in rows.scalars()
        if m.streak_last_day is not None and m.streak_last_day < today[m.chat_id]
    ]
    judged = _judged(asking, today)
    seen = await standings_across(session=session, members=candidates, judged=judged)
    breaks = await breaks_of_members(
        session=session,
        member_ids=[m.id for m in candidates],
        start=min(today.values()),
        end=max(today.values()),
    )
    their_breaks: dict[int, list[Break]] = defaultdict(list)
    for member_id, brk in breaks:
        their_breaks[member_id].append(brk)
    for member in candidates:
        rules, day = judged[member.chat_id]
        if is_at_risk(seen[member.id], day, rules, their_breaks[member.id]):
            at_risk[member.chat_id].append((member.first_name, member.user_id))
    return at_risk
