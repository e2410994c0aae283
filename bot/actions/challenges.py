"""``/challenge``: an admin starts a challenge with an end, members join it (a button, or
``/challenge join``), anyone sees everyone's progress; an admin stops it.

The group's days (which day of the challenge it is, whether joining is still open) are the
group's local dates; each member's progress is judged on their own today
(``bot.domain.zones``). Progress reads only the challenge's days of its members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.actions.places import GroupSeen, PersonSeen, enter, enter_group
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.challenges import (
    ChallengeRules,
    Progress,
    Terms,
    day_number,
    first_day_allowed,
    joinable,
    progress,
)
from bot.domain.zones import group_today, member_today, member_zone
from bot.store import challenges as store
from bot.store.chats import rules_of
from bot.store.checkins import counting_kinds
from bot.store.models import Challenge, Chat

# The results come at this local time on the day after the last (in the group's zone):
# every member's last day is over by then, and so is the late check-in for it.
RESULTS_AT = time(12, 0)


def challenge_rules(challenge: Challenge, chat: Chat) -> ChallengeRules:
    return ChallengeRules(
        first_day=challenge.first_day,
        last_day=challenge.last_day,
        weekly_target=challenge.weekly_target,
        freezes=challenge.freezes,
        freeze_every=chat.freeze_every,
        freeze_max=chat.freeze_max,
    )


def results_instant(last_day: date, zone: ZoneInfo) -> datetime:
    """When a challenge ending on ``last_day`` has its results posted."""
    return datetime.combine(last_day + timedelta(days=1), RESULTS_AT, tzinfo=zone)


@dataclass(frozen=True, slots=True)
class Standing:
    """A member in a challenge, and how far they are."""

    name: str
    user_id: int
    progress: Progress


@dataclass(frozen=True, slots=True)
class ChallengeView:
    """A group's current challenge as ``/challenge`` shows it."""

    id: int
    title: str
    first_day: date
    last_day: date
    weekly_target: int | None
    freezes: bool
    late_join: bool
    day: int  # of the challenge, on the group's today (0 before it starts)
    days: int
    open_to_join: bool
    standings: list[Standing]


async def standings_of(uow: UnitOfWork, challenge: Challenge, chat: Chat) -> list[Standing]:
    """Everyone in the challenge, in the order they joined, each on their own today."""
    rules = challenge_rules(challenge, chat)
    found = await store.joined(
        session=uow.session, challenge=challenge, kinds=counting_kinds(rules_of(chat))
    )
    return [
        Standing(
            j.member.first_name,
            j.member.user_id,
            progress(
                rules,
                j.days,
                member_today(uow.now, j.member.timezone, chat.timezone, uow.default_zone),
            ),
        )
        for j in found
    ]


async def view_of(uow: UnitOfWork, challenge: Challenge, chat: Chat) -> ChallengeView:
    today = group_today(uow.now, chat.timezone, uow.default_zone)
    rules = challenge_rules(challenge, chat)
    return ChallengeView(
        id=challenge.id,
        title=challenge.title,
        first_day=challenge.first_day,
        last_day=challenge.last_day,
        weekly_target=challenge.weekly_target,
        freezes=challenge.freezes,
        late_join=challenge.late_join,
        day=day_number(rules, today),
        days=rules.days,
        open_to_join=joinable(rules, today, late_join=challenge.late_join),
        standings=await standings_of(uow, challenge, chat),
    )


async def show_challenge(uow: UnitOfWork, group: GroupSeen) -> ChallengeView | None:
    """The group's current challenge; None without one."""
    chat = await enter_group(uow, group)
    challenge = await store.current_challenge(session=uow.session, chat_id=chat.id)
    return None if challenge is None else await view_of(uow, challenge, chat)


class StartRefused(StrEnum):
    ONE_AT_A_TIME = "one_at_a_time"  # the group has a challenge already
    BAD_START = "bad_start"  # not from tomorrow to a year ahead


@dataclass(frozen=True, slots=True)
class NotStarted:
    why: StartRefused
    current: str = ""  # the current challenge's title, when there is one


async def start_challenge(
    uow: UnitOfWork, group: GroupSeen, terms: Terms
) -> ChallengeView | NotStarted:
    """Start the challenge (an admin asked): from ``terms.first_day``, else tomorrow."""
    chat = await enter_group(uow, group)
    today = group_today(uow.now, chat.timezone, uow.default_zone)
    first = terms.first_day or today + timedelta(days=1)
    if not first_day_allowed(first, today):
        return NotStarted(StartRefused.BAD_START)
    last = first + timedelta(days=terms.days - 1)
    zone = member_zone(None, chat.timezone, uow.default_zone)
    challenge = Challenge(
        chat_id=chat.id,
        title=terms.title,
        first_day=first,
        last_day=last,
        weekly_target=terms.weekly_target,
        freezes=terms.freezes,
        late_join=terms.late_join,
        created_at=uow.now,
        results_at=results_instant(last, zone),
        stopped=False,
    )
    if not await store.add_challenge(session=uow.session, challenge=challenge):
        current = await store.current_challenge(session=uow.session, chat_id=chat.id)
        return NotStarted(StartRefused.ONE_AT_A_TIME, current.title if current else "")
    return await view_of(uow, challenge, chat)


class JoinRefused(StrEnum):
    NONE = "none"  # no challenge now (or the button's is over)
    CLOSED = "closed"  # it started, and late joining is off
    ALREADY = "already"


@dataclass(frozen=True, slots=True)
class Joined:
    """A join, or why not (``refused``)."""

    title: str
    name: str
    first_day: date
    refused: JoinRefused | None = None
    group: GroupInfo | None = None  # where to tell it


async def join_challenge(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, challenge_id: int | None = None
) -> Joined:
    """The person joins the group's current challenge (``challenge_id``: the one a button
    was posted for; a button of an older challenge joins nothing)."""
    place = await enter(uow, group, person)
    challenge = await store.current_challenge(session=uow.session, chat_id=place.chat.id)
    name = place.member.first_name
    if challenge is None or (challenge_id is not None and challenge.id != challenge_id):
        return Joined("", name, uow.now.date(), JoinRefused.NONE)
    rules = challenge_rules(challenge, place.chat)
    today = group_today(uow.now, place.chat.timezone, uow.default_zone)
    if not joinable(rules, today, late_join=challenge.late_join):
        return Joined(challenge.title, name, challenge.first_day, JoinRefused.CLOSED)
    fresh = await store.join(
        session=uow.session, challenge_id=challenge.id, member_id=place.member.id, now=uow.now
    )
    refused = None if fresh else JoinRefused.ALREADY
    return Joined(challenge.title, name, challenge.first_day, refused, place.group)


async def stop_challenge(uow: UnitOfWork, group: GroupSeen) -> str | None:
    """An admin ends the current challenge without results: its title; None without one."""
    chat = await enter_group(uow, group)
    challenge = await store.current_challenge(session=uow.session, chat_id=chat.id)
    if challenge is None:
        return None
    await store.finish(session=uow.session, challenge_id=challenge.id, now=uow.now, stopped=True)
    return challenge.title


async def results_in_zone(uow: UnitOfWork, chat: Chat) -> None:
    """The group's time zone changed: its current challenge's results come at noon of the
    new zone (a challenge that already ended keeps the time it had)."""
    challenge = await store.current_challenge(session=uow.session, chat_id=chat.id)
    if challenge is None or challenge.results_at <= uow.now:
        return
    zone = member_zone(None, chat.timezone, uow.default_zone)
    challenge.results_at = results_instant(challenge.last_day, zone)
