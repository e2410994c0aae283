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
    uow: UnitOfWork, chats: Sequence[Chat], today: Mapping[int, date], *, keep: bool = False
) -> dict[int, GroupFigures]:
    """Each group's figures (by chat row id) as of its ``today`` (by chat row id too);
    ``keep`` as ``group_streaks``."""
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
    streak = await group_streaks(uow, chats, counts, bars, today, keep=keep)
    return {
        chat.id: GroupFigures(counts[chat.id], active[chat.id], streak[chat.id]) for chat in chats
    }


async def group_streaks(
    uow: UnitOfWork,
    chats: Sequence[Chat],
    recent: Mapping[int, Mapping[date, int]],
    bars: Mapping[int, int],
    today: Mapping[int, date],
    *,
    keep: bool = False,
) -> dict[int, int]:
    """Each group's streak (by chat row id) as of its ``today``, from its ``recent`` day
    counts (``RECENT_DAYS`` back from today) and its bar. A run that goes on past the recent
    days goes on as the group's row keeps it (``Chat.run_first_day``); where that was not
    kept, or for another bar, it is counted back, for all such groups at once, each as far
    as its own horizon. So a long streak costs what a short one does.

    Only with ``keep`` is what was counted kept on the row: the cue's, which holds the
    groups' rows against a change of their rules (a replay) and a ``/forgetme`` while it
    counts, so that what it keeps can't have been counted from day counts those changed
    meanwhile. The views (``/top``, ``/stats``, the weekly picture, the Mini App) read it."""
    streak, ends, unknown, starts = {}, {}, {}, {}
    for chat in chats:
        day, bar, counts = today[chat.id], bars[chat.id], recent[chat.id]
        length = group_streak_from_counts(counts, bar, day)
        streak[chat.id] = length
        end = day if counts.get(day, 0) >= bar else day - timedelta(days=1)
        first = end - timedelta(days=length - 1)
        if not length or first > day - timedelta(days=RECENT_DAYS):
            continue  # the run lies within the recent days
        ends[chat.id] = end
        if chat.run_bar == bar and chat.run_first_day and _kept_run_holds(chat, first):
            starts[chat.id] = chat.run_first_day
        else:
            unknown[chat.id] = first
    if unknown:
        starts |= await _count_back(uow, unknown, bars, today)
    for chat in chats:
        if chat.id in ends:
            earliest = today[chat.id] - timedelta(days=GROUP_STREAK_HORIZON)
            streak[chat.id] = (ends[chat.id] - max(starts[chat.id], earliest)).days + 1
            if keep:
                _keep_run(chat, bars[chat.id], starts[chat.id], today[chat.id])
    return streak


def _kept_run_holds(chat: Chat, first: date) -> bool:
    """Whether the run kept on the group's row joins the recent days' run, which starts on
    ``first``: the kept one's days reach at least the day before it."""
    return (
        chat.run_first_day is not None
        and chat.run_counted_to is not None
        and chat.run_first_day <= first <= chat.run_counted_to + timedelta(days=1)
    )


def _keep_run(chat: Chat, bar: int, first_day: date, today: date) -> None:
    """Keep the group's run on its row: from ``first_day``, with ``bar``, counted up to the
    first of today's recent days (no older day changes but by a replay or a /forgetme)."""
    counted_to = today - timedelta(days=RECENT_DAYS)
    if (chat.run_bar, chat.run_first_day) != (bar, first_day) or (
        chat.run_counted_to is None or chat.run_counted_to < counted_to
    ):
        chat.run_bar, chat.run_first_day, chat.run_counted_to = bar, first_day, counted_to


async def _count_back(
    uow: UnitOfWork, firsts: Mapping[int, date], bars: Mapping[int, int], today: Mapping[int, date]
) -> dict[int, date]:
    """The first day of each group's run that holds ``firsts`` (by chat row id), read back as
    far as each group's horizon, in one query for all."""
    horizon = {chat_id: today[chat_id] - timedelta(days=GROUP_STREAK_HORIZON) for chat_id in firsts}
    older = await reports.day_counts(
        session=uow.session,
        chat_ids=list(firsts),
        first=min(horizon.values()),
        last=max(firsts.values()),
    )
    starts = {}
    for chat_id, first in firsts.items():
        within = {d: n for d, n in older[chat_id].items() if horizon[chat_id] <= d <= first}
        length = group_streak_from_counts(within, bars[chat_id], first)
        starts[chat_id] = first - timedelta(days=max(length, 1) - 1)
    return starts


async def group_streak_of(uow: UnitOfWork, chat: Chat, today: date, bar: int) -> int:
    """One group's streak as of ``today`` with ``bar`` (``group_streaks``)."""
    recent = await reports.day_counts(
        session=uow.session,
        chat_ids=[chat.id],
        first=today - timedelta(days=RECENT_DAYS),
        last=today,
    )
    return (await group_streaks(uow, [chat], recent, {chat.id: bar}, {chat.id: today}))[chat.id]
