"""``/streak``: a member's streak as seen on their own today (yours, or someone's replied to),
with the last days, their record of never missing twice and the cheers they received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.places import GroupSeen, PersonSeen, asked_about
from bot.actions.plans import plan_of
from bot.actions.target_rules import targets_of, weekly_rules_of
from bot.actions.uow import UnitOfWork
from bot.domain import target_streaks
from bot.domain.comebacks import NeverMissTwice, never_miss_twice
from bot.domain.member_days import CONSISTENCY_WINDOW, DayKind, recent_kinds
from bot.domain.plans import Plan
from bot.domain.streaks import consistency, counts
from bot.domain.target_streaks import MemberStreaks
from bot.domain.weekly_streaks import WeeklyStanding
from bot.domain.zones import member_today
from bot.store.breaks import member_breaks
from bot.store.checkins import history, proof_days
from bot.store.members import state_of, weekly_state_of

# The row of dots: the last days, today included.
RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class StreakCard:
    name: str
    current: int
    best: int
    freezes: int
    recent: tuple[DayKind, ...]  # oldest first, ending today
    recent_proof: tuple[bool, ...]  # for each of ``recent``: an entry that day had proof
    consistency: int  # counted days among the last ``window``
    window: int
    at_risk: bool  # a run alive, not checked in today yet (weekly: every day left is needed)
    back_on: date | None  # on a break: the day it ends after
    never_twice: NeverMissTwice
    cheers: int
    plan: Plan | None
    # A weekly week: this week's check-ins and target (the streak and best are in weeks).
    week: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class NoCheckIns:
    """The person asked about has never checked in here."""

    name: str
    is_bot: bool


async def streak_of(
    uow: UnitOfWork, group: GroupSeen, asker: PersonSeen, about: PersonSeen | None
) -> StreakCard | NoCheckIns:
    """The card of ``about`` (someone replied to), else of the asker."""
    asked = await asked_about(uow, group, asker, about)
    place, member, shown = asked.place, asked.member, asked.shown
    if member is None or member.last_entry_day is None:
        return NoCheckIns(shown.first_name, shown.is_bot)
    rules = place.rules
    today = member_today(uow.now, member.timezone, place.chat.timezone, uow.default_zone)
    # The whole history: "never miss twice" is a record over all of it.
    days = await history(session=uow.session, member_id=member.id)
    breaks = await member_breaks(session=uow.session, member_id=member.id)
    kept = MemberStreaks(state_of(member), weekly_state_of(member))
    targets = await targets_of(uow, member)
    weekly = weekly_rules_of(place.chat)
    seen = target_streaks.standing(kept, today, breaks, targets, rules, weekly)
    week = None
    if isinstance(seen, WeeklyStanding) and seen.week is not None:
        week = (seen.week.check_ins, seen.week.target)
    counting = {day for day, mark in days.items() if counts(mark, rules)}
    on_break = next((b for b in breaks if today in b), None)
    first = today - timedelta(days=RECENT_DAYS - 1)
    proved = await proof_days(session=uow.session, member_id=member.id, since=first)
    return StreakCard(
        name=member.first_name,
        current=seen.current,
        best=seen.best,
        freezes=seen.freezes,
        recent=recent_kinds(days, breaks, rules, today, RECENT_DAYS),
        recent_proof=tuple(first + timedelta(days=i) in proved for i in range(RECENT_DAYS)),
        consistency=consistency(counting, today, CONSISTENCY_WINDOW),
        window=CONSISTENCY_WINDOW,
        at_risk=seen.at_risk,
        back_on=on_break.end + timedelta(days=1) if on_break else None,
        never_twice=never_miss_twice(counting, breaks, rules, today),
        cheers=member.cheers_received,
        plan=plan_of(member),
        week=week,
    )
