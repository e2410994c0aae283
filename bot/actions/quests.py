"""The weekly quest of a group that has it (``/settings quest on``; bot.domain.quests).

A week's quest is made the first time anything looks at it (its goal is then kept for the
week, sized from the group's day counts of the four weeks before). The recap shows this
week's progress; the first cue or recap of the next week settles the week that ended, once:
its check-ins, whether it was met, a badge for each member who checked in if it was, and
each member's own count with their bonus from teammates who kept their own target, daily
or weekly (bot.actions.target_rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.target_rules import first_weekday_of, group_targets
from bot.actions.uow import UnitOfWork
from bot.domain.calendar import local_date
from bot.domain.quests import LOOKBACK_WEEKS, QuestEnd, own_week, quest_end, quest_goal
from bot.domain.weekly import week_of
from bot.domain.zones import group_today, member_zone
from bot.store import quests as store
from bot.store.chats import rules_of
from bot.store.checkins import counted_days, counting_kinds
from bot.store.members import members_of
from bot.store.models import Chat
from bot.store.reports import day_counts

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class QuestProgress:
    """This week's quest so far."""

    goal: int
    check_ins: int


@dataclass(frozen=True, slots=True)
class QuestNews:
    """What a cue or recap says of the quest: the week that ended (settled now), and the
    week it speaks in."""

    ended: QuestEnd | None
    now: QuestProgress


async def _week_quest(uow: UnitOfWork, chat: Chat, week: date) -> tuple[int, int]:
    """The quest of ``week`` (made now if it has none): its goal, and its check-ins so far."""
    first_day = local_date(chat.created_at, member_zone(None, chat.timezone, uow.default_zone))
    since = week - LOOKBACK_WEEKS * WEEK
    counts = (
        await day_counts(
            session=uow.session, chat_ids=[chat.id], first=since, last=week + WEEK - timedelta(1)
        )
    ).get(chat.id, {})
    existing = await store.quest_of(session=uow.session, chat_id=chat.id, week=week)
    if existing is None:
        before = [
            sum(n for day, n in counts.items() if start <= day < start + WEEK)
            for start in (since + k * WEEK for k in range(LOOKBACK_WEEKS))
            if start + WEEK > first_day  # the group had that week (or part of it)
        ]
        existing = await store.ensure_quest(
            session=uow.session, chat_id=chat.id, week=week, goal=quest_goal(before)
        )
    done = sum(n for day, n in counts.items() if week <= day < week + WEEK)
    return existing.goal, done


async def quest_now(uow: UnitOfWork, chat: Chat) -> QuestProgress | None:
    """This week's quest so far, on the group's today (settling nothing); None where the
    group has no quest."""
    if not chat.quest:
        return None
    week = week_of(group_today(uow.now, chat.timezone, uow.default_zone))
    goal, done = await _week_quest(uow, chat, week)
    return QuestProgress(goal, done)


async def quest_news(uow: UnitOfWork, chat: Chat, day: date) -> QuestNews | None:
    """The quest as the group's post of ``day`` tells it; None where there is no quest."""
    if not chat.quest:
        return None
    week = week_of(day)
    ended = await _settle(uow, chat, week - WEEK)
    goal, done = await _week_quest(uow, chat, week)
    return QuestNews(ended, QuestProgress(goal, done))


async def _settle(uow: UnitOfWork, chat: Chat, week: date) -> QuestEnd | None:
    """Settle the quest of ``week`` if it had one not settled yet: what it came to."""
    quest = await store.quest_of(session=uow.session, chat_id=chat.id, week=week)
    if quest is None or quest.settled_at is not None:
        return None
    rules = rules_of(chat)
    members = await members_of(session=uow.session, chat_id=chat.id)
    targets = await group_targets(uow, chat.id, members)
    first_weekday = first_weekday_of(chat)
    # From the first day of a weekly member's own week, which may begin before the quest's.
    days = await counted_days(
        session=uow.session,
        member_ids=[m.id for m in members],
        first=own_week(week, first_weekday),
        last=week + WEEK - timedelta(days=1),
        kinds=counting_kinds(rules),
    )
    ended = quest_end(
        quest.goal,
        week,
        [(m.id, m.first_name, days.get(m.id, set())) for m in members],
        rules.rest_weekdays,
        {m.id: targets.of(m.id) for m in members},
        first_weekday,
    )
    if not await store.settle(
        session=uow.session,
        quest_id=quest.id,
        check_ins=ended.check_ins,
        met=ended.met,
        now=uow.now,
    ):
        return None
    if ended.met:
        await store.award(
            session=uow.session, quest_id=quest.id, member_ids=[m.member_id for m in ended.members]
        )
    return ended
