"""Figures that several views and posts share, each found one way: members' streaks as seen
on their own today (``bot.domain.zones``), and each group's day counts, active members and
group streak as of the group's today. Whole batches cost a few queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.actions.target_rules import NO_TARGETS, targets_of_chats, weekly_rules_of
from bot.actions.uow import UnitOfWork
from bot.domain import streaks, target_streaks
from bot.domain.gaps import in_break
from bot.domain.groups import (
    AT_RISK_MIN_WEEKS,
    active_since,
    group_bar,
    group_streak_from_counts,
    is_active,
    is_at_risk,
)
from bot.domain.streaks import Break, Rules, Standing
from bot.domain.target_streaks import MemberStreaks
from bot.domain.weekly_streaks import WeeklyStanding, WeekProgress
from bot.domain.zones import member_today
from bot.store import reports
from bot.store.breaks import breaks_of_members
from bot.store.chats import rules_of
from bot.store.members import state_of, weekly_state_of
from bot.store.models import Chat, Member

# The group streak is read from this many recent days for a whole batch; a group whose
# streak is longer has the rest read on its own.
RECENT_DAYS = 60
# How far back a long group streak is looked for; a longer one shows as this many days.
GROUP_STREAK_HORIZON = 1000


def today_of(uow: UnitOfWork, member: Member, chat: Chat, at: datetime | None = None) -> date:
    """The member's today in the group, now (or ``at``)."""
    return member_today(at or uow.now, member.timezone, chat.timezone, uow.default_zone)


async def breaks_by_member(
    uow: UnitOfWork, members: Sequence[Member], start: date, end: date
) -> dict[int, list[Break]]:
    """The members' breaks overlapping ``start`` to ``end``, by member id."""
    found: dict[int, list[Break]] = defaultdict(list)
    if not members:
        return found
    for member_id, brk in await breaks_of_members(
        session=uow.session, member_ids=[m.id for m in members], start=start, end=end
    ):
        found[member_id].append(brk)
    return found


@dataclass(frozen=True, slots=True)
class Seen:
    """A member's streak as seen on their own today, with their breaks around it; in a week
    with a weekly target, in weeks, with the week's progress."""

    today: date
    standing: Standing
    breaks: list[Break]
    week: WeekProgress | None = None  # None: a daily week (the standing is in days)
    # A weekly run that needs every day left this week, today first: no check-in today yet,
    # and today is no break day.
    needs_today: bool = False

    @property
    def week_so_far(self) -> tuple[int, int] | None:
        """This week's check-ins and target, in a weekly week."""
        return None if self.week is None else (self.week.check_ins, self.week.target)


def at_risk_tonight(seen: Seen, rules: Rules) -> bool:
    """Whether the member should hear that their streak is at risk: a daily one ends tonight
    without a check-in (``groups.is_at_risk``); a weekly one needs today and every day left."""
    if seen.week is not None:
        return seen.needs_today and seen.standing.current >= AT_RISK_MIN_WEEKS
    return is_at_risk(seen.standing, seen.today, rules, seen.breaks)


async def standings(
    uow: UnitOfWork,
    members: Sequence[Member],
    chats: Mapping[int, Chat],
    at: Mapping[int, datetime] | None = None,
) -> dict[int, Seen]:
    """Each member's streak (by member id), judged by their group's rules (``chats`` by chat
    row id) on their own today, now or at the moment ``at`` gives for their group, with one
    query for all their breaks."""
    if not members:
        return {}
    today = {
        m.id: today_of(uow, m, chats[m.chat_id], at.get(m.chat_id) if at else None) for m in members
    }
    starts = [d for m in members for d in (m.streak_last_day, m.weekly_last_week) if d is not None]
    breaks = await breaks_by_member(
        uow,
        members,
        min(starts, default=min(today.values())),
        max(today.values()) + timedelta(days=7),  # a week's days left may hold a break
    )
    targets = await targets_of_chats(uow, members)
    seen = {}
    for member in members:
        chat = chats[member.chat_id]
        day, rules = today[member.id], rules_of(chat)
        found = breaks[member.id]
        changes = targets.get(member.chat_id, NO_TARGETS).of(member.id)
        if not changes:  # as nearly everyone: days only
            standing = streaks.standing(state_of(member), day, found, rules)
            seen[member.id] = Seen(day, standing, found)
            continue
        kept = MemberStreaks(state_of(member), weekly_state_of(member))
        weekly = weekly_rules_of(chat)
        either = target_streaks.standing(kept, day, found, changes, rules, weekly)
        if isinstance(either, WeeklyStanding):
            standing = Standing(
                either.current, either.best, either.freezes, either.freezes_used, either.at_risk
            )
            needs_today = (
                either.at_risk and kept.weekly.last_day != day and not in_break(day, found)
            )
            seen[member.id] = Seen(day, standing, found, either.week, needs_today)
        else:
            seen[member.id] = Seen(day, either, found)
    return seen


async def standing_of(uow: UnitOfWork, member: Member, chat: Chat) -> Seen:
    """One member's streak as seen on their own today (``standings``)."""
    return (await standings(uow, [member], {chat.id: chat}))[member.id]


@dataclass(frozen=True, slots=True)
class GroupFigures:
    counts: dict[date, int]  # members who showed up, by recent day
    active: int  # members active as of the group's today
    streak: int  # the group streak


async def group_figures(
    uow: UnitOfWork, chats: Sequence[Chat], today: Mapping[int, date]
) -> dict[int, GroupFigures]:
    """Each group's figures (by chat row id) as of its ``today`` (by chat row id too)."""
    if not chats:
        return {}
    ids = [chat.id for chat in chats]
    first, last = min(today.values()), max(today.values())
    counts = await reports.day_counts(
        session=uow.session, chat_ids=ids, first=first - timedelta(days=RECENT_DAYS), last=last
    )
    active: dict[int, int] = defaultdict(int)
    for chat_id, last_entry in await reports.latest_entry_days(
        session=uow.session, chat_ids=ids, since=active_since(first)
    ):
        if is_active(last_entry, today[chat_id]):
            active[chat_id] += 1
    bars = {chat.id: group_bar(chat.group_share, active[chat.id]) for chat in chats}
    streak = {
        chat.id: group_streak_from_counts(counts[chat.id], bars[chat.id], today[chat.id])
        for chat in chats
    }
    # The groups whose streak reaches past the recent days: the rest read for all at once.
    longer = [chat_id for chat_id in ids if streak[chat_id] >= RECENT_DAYS]
    if longer:
        horizon = {
            chat_id: today[chat_id] - timedelta(days=GROUP_STREAK_HORIZON) for chat_id in longer
        }
        older = await reports.day_counts(
            session=uow.session,
            chat_ids=longer,
            first=min(horizon.values()),
            last=max(today[chat_id] for chat_id in longer),
        )
        for chat_id in longer:
            within = {
                d: n for d, n in older[chat_id].items() if horizon[chat_id] <= d <= today[chat_id]
            }
            streak[chat_id] = group_streak_from_counts(within, bars[chat_id], today[chat_id])
    return {
        chat.id: GroupFigures(counts[chat.id], active[chat.id], streak[chat.id]) for chat in chats
    }


async def group_counts(uow: UnitOfWork, chat: Chat, today: date) -> dict[date, int]:
    """How many members showed up on each day, as far back as the group streak ending
    ``today`` (or yesterday) may reach: the recent days, or up to the horizon when every one
    of them had someone."""
    counts = await reports.day_counts(
        session=uow.session,
        chat_ids=[chat.id],
        first=today - timedelta(days=RECENT_DAYS),
        last=today,
    )
    if len(counts[chat.id]) < RECENT_DAYS:
        return counts[chat.id]
    longer = await reports.day_counts(
        session=uow.session,
        chat_ids=[chat.id],
        first=today - timedelta(days=GROUP_STREAK_HORIZON),
        last=today,
    )
    return longer[chat.id]
