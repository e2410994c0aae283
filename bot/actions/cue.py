"""The daily cue: what each group hears in the morning about the day before, for a batch of
groups due at once.

A cue speaks of the day it was due on (sent late, it still does): how many showed up the day
before (not on the bot's first day in the group: there was no day before), the active
members, the group streak, whose streak a freeze is keeping alive, and, in a group that
shows them (``/settings plans on``), the members' if-then plans; in a group with weekly
targets, each weekly member's week so far and whose week needs every day left, today
first; while a challenge runs, its day and who is still in. A freeze is only said to have
saved someone once their own day without a check-in has ended, in their own zone. After a
day nobody showed up, the cue is the short one (bot.domain.quiet_days).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.actions.challenges import challenge_rules, standings_of
from bot.actions.figures import group_figures, standings
from bot.actions.posting import Due
from bot.actions.quests import QuestNews, quest_news
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.challenges import day_number
from bot.domain.groups import AT_RISK_MIN_WEEKS
from bot.domain.quiet_days import is_short_cue, showed_up_day_before
from bot.store import reports
from bot.store import targets as targets_store
from bot.store.challenges import current_challenges
from bot.store.members import members_of


@dataclass(frozen=True, slots=True)
class Saved:
    name: str
    freezes_used: int
    streak: int


@dataclass(frozen=True, slots=True)
class CueFacts:
    group: GroupInfo
    day: date
    showed_up_yesterday: int | None  # None on the bot's first day in the group
    short: bool  # after a quiet day: one line, and the freezes that saved someone
    active: int
    group_streak: int
    saved: list[Saved]
    plans: list[tuple[str, str, str]]  # name, when, what: in a group that shows plans
    # Members with a weekly target this week: name, check-ins so far, target; by name.
    weeks: list[tuple[str, int, int]] = field(default_factory=list)
    weeks_at_risk: list[str] = field(default_factory=list)  # whose week needs every day left
    challenge: ChallengeDay | None = None  # while a challenge runs
    quest: QuestNews | None = None  # in a group with a weekly quest


@dataclass(frozen=True, slots=True)
class ChallengeDay:
    """A running challenge as the cue tells it: day n of N, and who is still in."""

    title: str
    day: int
    days: int
    still_in: list[str]


async def cue_facts(uow: UnitOfWork, dues: Sequence[Due]) -> dict[int, CueFacts]:
    """The morning's news for each group (by chat row id)."""
    chats = {due.chat.id: due.chat for due in dues}
    day = {due.chat.id: due.day for due in dues}
    figures = await group_figures(uow, list(chats.values()), day, keep=True)
    saved = await _saved_by_freezes(uow, dues)
    plans = await _plans(uow, [due.chat.id for due in dues if due.chat.show_plans])
    weeks, weeks_at_risk = await _weeks(uow, dues)
    running = await _challenges(uow, dues)
    facts = {}
    for due in dues:
        shown = figures[due.chat.id]
        yesterday = showed_up_day_before(shown.counts, due.day, due.first_day)
        facts[due.chat.id] = CueFacts(
            group=due.group,
            day=due.day,
            showed_up_yesterday=yesterday,
            short=is_short_cue(yesterday),
            active=shown.active,
            group_streak=shown.streak,
            saved=saved[due.chat.id],
            plans=plans[due.chat.id],
            weeks=weeks[due.chat.id],
            weeks_at_risk=weeks_at_risk[due.chat.id],
            challenge=running.get(due.chat.id),
            quest=await quest_news(uow, due.chat, due.day),
        )
    return facts


async def _challenges(uow: UnitOfWork, dues: Sequence[Due]) -> dict[int, ChallengeDay]:
    """The groups' running challenges on the cue's day: which day, and who is still in (by
    their own today, nothing missed)."""
    current = await current_challenges(session=uow.session, chat_ids=[d.chat.id for d in dues])
    found = {}
    for due in dues:
        challenge = current.get(due.chat.id)
        if challenge is None:
            continue
        rules = challenge_rules(challenge, due.chat)
        day = day_number(rules, due.day)
        if not 1 <= day <= rules.days:
            continue
        standings = await standings_of(uow, challenge, due.chat)
        still_in = [s.name for s in standings if s.progress.still_in]
        found[due.chat.id] = ChallengeDay(challenge.title, day, rules.days, still_in)
    return found


async def _plans(uow: UnitOfWork, chat_ids: Sequence[int]) -> dict[int, list[tuple[str, str, str]]]:
    """The if-then plans of the groups that show them, by group, by name."""
    found: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    if chat_ids:
        for member in await reports.members_with_plans(session=uow.session, chat_ids=chat_ids):
            found[member.chat_id].append(
                (member.first_name, member.plan_when or "", member.plan_what or "")
            )
    return found


async def _weeks(
    uow: UnitOfWork, dues: Sequence[Due]
) -> tuple[dict[int, list[tuple[str, int, int]]], dict[int, list[str]]]:
    """Each weekly member's week so far, as of the cue's time on their own today, and whose
    week needs every day left (today included), by group; only groups with a target read."""
    weeks: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    at_risk: dict[int, list[str]] = defaultdict(list)
    by_chat = {due.chat.id: due.chat for due in dues}
    with_targets = await targets_store.chats_with_targets(
        session=uow.session, chat_ids=list(by_chat)
    )
    members = [
        member
        for chat_id in sorted(with_targets)
        for member in await members_of(session=uow.session, chat_id=chat_id)
    ]
    seen = await standings(uow, members, by_chat, at={due.chat.id: due.due_at for due in dues})
    for member in sorted(members, key=lambda m: m.first_name.casefold()):
        week = seen[member.id].week
        if week is None:
            continue
        weeks[member.chat_id].append((member.first_name, week.check_ins, week.target))
        if seen[member.id].needs_today and seen[member.id].standing.current >= AT_RISK_MIN_WEEKS:
            at_risk[member.chat_id].append(member.first_name)
    return weeks, at_risk


async def _saved_by_freezes(uow: UnitOfWork, dues: Sequence[Due]) -> dict[int, list[Saved]]:
    """Whom a freeze is keeping in the run: alive on their own today at the cue's time, with
    a day missed since their latest counted one."""
    due_at = {due.chat.id: due.due_at for due in dues}
    latest = max(due.day for due in dues) + timedelta(days=1)
    members = await reports.runs_with_freezes_held(
        session=uow.session, chat_ids=list(due_at), last_day_before=latest
    )
    by_chat = {due.chat.id: due.chat for due in dues}
    seen = await standings(uow, members, by_chat, at=due_at)
    saved: dict[int, list[Saved]] = defaultdict(list)
    for member in members:
        found = seen[member.id]
        # Days only: a freeze keeping a run of weeks is told when the next week counts.
        if found.week is None and found.standing.current > 0 and found.standing.freezes_used > 0:
            saved[member.chat_id].append(
                Saved(member.first_name, found.standing.freezes_used, found.standing.current)
            )
    return saved
