"""Your data: ``/export`` (your history as rows) and ``/forgetme`` (delete it).

``/export`` in a group gives your history there; in the private chat, in all your groups:
every entry (dated by the day it counts for), break (its first and last day), goal (the
days it was set and reached, in the zone your days count by), plan (the day it was
made), buddy (the day you were paired, and with whom), challenge joined (its first and last
day) and weekly quest badge (the week's first and last day, and the group's check-ins of the
goal). ``/forgetme`` deletes everything about you in a group once you confirmed it within
``FORGET_WINDOW``, down to what you sent the group and its answers still kept in the inbox
(a pair of buddies you were in ends, or goes on without you as two).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.places import GroupSeen, PersonSeen, enter, group_info, zone_of_member
from bot.actions.plans import plan_of
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.calendar import local_date
from bot.store.buddies import pairs_where
from bot.store.challenges import joined_by
from bot.store.chats import get_chat, rules_of
from bot.store.forget import forget_member
from bot.store.histories import ExportRow, export_rows, goal_rows, member_rows
from bot.store.inbox import forget_person
from bot.store.members import find_member
from bot.store.people import ensure_person
from bot.store.quests import badges_by

# How long a /forgetme confirmation button works.
FORGET_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Export:
    rows: list[ExportRow]  # oldest first
    today: date  # the day the file is named after


async def export_group(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> Export:
    place = await enter(uow, group, person)
    return await _export(uow, person.user_id, place.chat.id)


async def export_everywhere(uow: UnitOfWork, person: PersonSeen, language: str | None) -> Export:
    # Their language, for the private reminders written outside any update.
    await ensure_person(session=uow.session, user_id=person.user_id, language=language)
    return await _export(uow, person.user_id, None)


async def _export(uow: UnitOfWork, user_id: int, chat_id: int | None) -> Export:
    rows = await export_rows(session=uow.session, user_id=user_id, chat_id=chat_id)
    for goal, member, chat in await goal_rows(
        session=uow.session, user_id=user_id, chat_id=chat_id
    ):
        # A goal has instants, not days: dated in the zone the member's days count by.
        zone = zone_of_member(member, chat, uow.default_zone)
        reached = local_date(goal.achieved_at, zone) if goal.achieved_at else None
        rows.append(
            ExportRow(
                local_date(goal.created_at, zone),
                chat.title,
                "goal",
                goal.text,
                reached,
                goal.created_at,
            )
        )
    places = await member_rows(session=uow.session, user_id=user_id, chat_id=chat_id)
    pairs = await pairs_where(session=uow.session, member_ids=[m.id for m, _ in places])
    for member, chat in places:
        pair = pairs.get(member.id)
        if pair is not None:
            zone = zone_of_member(member, chat, uow.default_zone)
            buddies = ", ".join(m.first_name for m in pair.others(member.id))
            made = pair.row.created_at
            rows.append(ExportRow(local_date(made, zone), chat.title, "buddy", buddies, None, made))
        plan = plan_of(member)
        if plan is not None and member.plan_set_at is not None:
            zone = zone_of_member(member, chat, uow.default_zone)
            text = f"{plan.when}: {plan.what}" if plan.when else plan.what
            rows.append(
                ExportRow(
                    local_date(member.plan_set_at, zone),
                    chat.title,
                    "plan",
                    text,
                    None,
                    member.plan_set_at,
                )
            )
    for challenge, joined_at, title in await joined_by(
        session=uow.session, user_id=user_id, chat_id=chat_id
    ):
        rows.append(
            ExportRow(
                challenge.first_day,
                title,
                "challenge",
                challenge.title,
                challenge.last_day,
                joined_at,
            )
        )
    for quest, title in await badges_by(session=uow.session, user_id=user_id, chat_id=chat_id):
        if quest.settled_at is not None:
            last = quest.week + timedelta(days=6)
            note = f"{quest.check_ins}/{quest.goal}"
            rows.append(ExportRow(quest.week, title, "quest", note, last, quest.settled_at))
    rows.sort(key=lambda row: (row.day, row.recorded_at, row.group))
    return Export(rows, local_date(uow.now, uow.default_zone))


@dataclass(frozen=True, slots=True)
class ForgetAsked:
    name: str
    asked_at: int  # unix time: the confirmation's button carries it
    minutes: int  # how long the button works


async def ask_to_forget(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> ForgetAsked:
    place = await enter(uow, group, person)
    minutes = int(FORGET_WINDOW.total_seconds() // 60)
    return ForgetAsked(place.member.first_name, int(uow.now.timestamp()), minutes)


@dataclass(frozen=True, slots=True)
class ForgetAnswer:
    """How a press on ``/forgetme``'s button ended, and the group's language to say it in."""

    group: GroupInfo | None
    forgotten: bool = False
    not_yours: str | None = None  # pressed by someone else: whose button it is
    expired: bool = False


async def confirm_forget(
    uow: UnitOfWork,
    group_telegram_id: int,
    asker_id: int,
    asked_at: int,
    presser_id: int,
) -> ForgetAnswer:
    """A press on the confirmation ``asker_id`` was given at ``asked_at``."""
    # Held first, as a change of rules holds it: the group's day counts change, and the cue
    # must not keep a run counted from the ones before (bot.actions.figures.group_streaks).
    chat = await get_chat(session=uow.session, telegram_id=group_telegram_id, lock=True)
    member = (
        None
        if chat is None
        else await find_member(session=uow.session, chat_id=chat.id, user_id=asker_id)
    )
    group = group_info(chat) if chat else None
    if presser_id != asker_id:
        return ForgetAnswer(group, not_yours=member.first_name if member else "")
    if uow.now.timestamp() - asked_at > FORGET_WINDOW.total_seconds():
        return ForgetAnswer(group, expired=True)
    if chat is None or member is None:
        return ForgetAnswer(group)
    await forget_member(session=uow.session, member=member, rules=rules_of(chat))
    # What they sent the group, and the answers to it, waiting in the inbox.
    await forget_person(session=uow.session, chat_id=group_telegram_id, user_id=asker_id)
    return ForgetAnswer(group, forgotten=True)
