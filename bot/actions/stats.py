"""``/stats``: what a member's year picture shows (yours, or as a reply theirs), or with
``/stats group`` the group's.

A member's year is judged on their own today (``bot.domain.zones``), from their whole
history, so its figures are those ``/streak`` shows. The group's year is judged on the
group's today, from its members' entries in the window and the days before it that "active"
needs; its group streak is the one ``/top`` shows (which may be older than the window).
Either picture shows the weeks since the first entry, up to a year
(``member_days.picture_days``).
The picture is drawn by the caller, after this unit of work: no transaction waits on it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from bot.actions.figures import group_figures
from bot.actions.places import GroupSeen, PersonSeen, asked_about, enter
from bot.actions.streak import NoCheckIns
from bot.actions.target_rules import targets_of, weekly_rules_of
from bot.actions.uow import UnitOfWork
from bot.domain import target_streaks
from bot.domain.group_days import GroupYear, first_entry, group_year
from bot.domain.groups import ACTIVE_DAYS
from bot.domain.member_days import YEAR_DAYS, MemberYear, member_year, picture_days
from bot.domain.target_streaks import MemberStreaks
from bot.domain.weekly_streaks import WeeklyStanding
from bot.domain.zones import group_today, member_today
from bot.store.breaks import member_breaks
from bot.store.checkins import history, proof_days
from bot.store.histories import group_histories
from bot.store.members import state_of, weekly_state_of
from bot.store.quests import badges_of


@dataclass(frozen=True, slots=True)
class MemberStats:
    name: str
    year: MemberYear
    quests: int = 0  # weekly quests completed (their badges)
    # A member with a weekly target this week: weeks now, best weeks, check-ins, target.
    weeks: tuple[int, int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class GroupStats:
    title: str
    year: GroupYear


async def member_stats(
    uow: UnitOfWork, group: GroupSeen, asker: PersonSeen, about: PersonSeen | None
) -> MemberStats | NoCheckIns:
    asked = await asked_about(uow, group, asker, about)
    place, member, shown = asked.place, asked.member, asked.shown
    if member is None or member.last_entry_day is None:
        return NoCheckIns(shown.first_name, shown.is_bot)
    today = member_today(uow.now, member.timezone, place.chat.timezone, uow.default_zone)
    days = await history(session=uow.session, member_id=member.id)
    breaks = await member_breaks(session=uow.session, member_id=member.id)
    length = picture_days(min(days, default=today), today)
    since = today - timedelta(days=length - 1)
    year = member_year(
        days,
        breaks,
        place.rules,
        today,
        cheers=member.cheers_received,
        length=length,
        proved=frozenset(await proof_days(session=uow.session, member_id=member.id, since=since)),
    )
    kept = MemberStreaks(state_of(member), weekly_state_of(member))
    targets = await targets_of(uow, member)
    seen = target_streaks.standing(
        kept, today, breaks, targets, place.rules, weekly_rules_of(place.chat)
    )
    weeks = None
    if isinstance(seen, WeeklyStanding) and seen.week is not None:
        weeks = (seen.current, seen.best, seen.week.check_ins, seen.week.target)
    quests = await badges_of(session=uow.session, member_id=member.id)
    return MemberStats(member.first_name, year, quests, weeks)


async def group_stats(
    uow: UnitOfWork, group: GroupSeen, asker: PersonSeen, days: int = YEAR_DAYS
) -> GroupStats:
    """The group's year; or only its last ``days`` (the app's 12 weeks: a year of every
    member's entries is read only for the picture)."""
    place = await enter(uow, group, asker)
    chat = place.chat
    today = group_today(uow.now, chat.timezone, uow.default_zone)
    first = today - timedelta(days=days - 1)
    histories = await group_histories(
        session=uow.session, chat_id=chat.id, since=first - timedelta(days=ACTIVE_DAYS), until=today
    )
    year = group_year(
        histories,
        place.rules,
        today,
        share_percent=chat.group_share,
        length=min(days, picture_days(first_entry(histories, today) or today, today)),
    )
    streak = (await group_figures(uow, [chat], {chat.id: today}))[chat.id].streak
    year = replace(year, figures=replace(year.figures, group_streak=streak))
    return GroupStats(chat.title, year)
