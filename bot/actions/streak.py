"""``/streak``: a member's streak as seen on their own today (yours, or someone's replied to),
with the last days, their record of never missing twice and the cheers they received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.buddies import BuddyShown, buddy_of
from bot.actions.places import GroupSeen, PersonSeen, asked_about
from bot.actions.plans import plan_of
from bot.actions.uow import UnitOfWork
from bot.domain.comebacks import NeverMissTwice, never_miss_twice
from bot.domain.member_days import CONSISTENCY_WINDOW, DayKind, recent_kinds
from bot.domain.plans import Plan
from bot.domain.streaks import consistency, counts, standing
from bot.domain.zones import member_today
from bot.store.breaks import member_breaks
from bot.store.checkins import history
from bot.store.members import state_of

# The row of dots: the last days, today included.
RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class StreakCard:
    name: str
    current: int
    best: int
    freezes: int
    recent: tuple[DayKind, ...]  # oldest first, ending today
    consistency: int  # counted days among the last ``window``
    window: int
    at_risk: bool  # a run alive, not checked in today yet
    back_on: date | None  # on a break: the day it ends after
    never_twice: NeverMissTwice
    cheers: int
    plan: Plan | None
    buddy: BuddyShown | None  # their buddies and the pair's streak


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
    seen = standing(state_of(member), today, breaks, rules)
    counting = {day for day, mark in days.items() if counts(mark, rules)}
    buddy = await buddy_of(uow, place.chat, member)
    on_break = next((b for b in breaks if today in b), None)
    return StreakCard(
        name=member.first_name,
        current=seen.current,
        best=seen.best,
        freezes=seen.freezes,
        recent=recent_kinds(days, breaks, rules, today, RECENT_DAYS),
        consistency=consistency(counting, today, CONSISTENCY_WINDOW),
        window=CONSISTENCY_WINDOW,
        at_risk=seen.at_risk,
        back_on=on_break.end + timedelta(days=1) if on_break else None,
        never_twice=never_miss_twice(counting, breaks, rules, today),
        cheers=member.cheers_received,
        plan=plan_of(member),
        buddy=buddy if isinstance(buddy, BuddyShown) else None,
    )
