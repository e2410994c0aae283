"""``/buddy``: invite a buddy (as a reply, or by @username), answer an invitation, end a
pair, show yours; and the pair's streak as views and posts show it (bot.domain.buddies).

An invitation lives in its buttons: only the invited person's press counts, and it pairs
the two if neither has a buddy by then (the database decides, also for two presses at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.actions.figures import breaks_by_member, today_of
from bot.actions.places import GroupSeen, PersonSeen, enter, group_info
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.buddies import MemberDays, kept_today, pair_streak
from bot.domain.calendar import local_date
from bot.domain.streaks import counts
from bot.domain.zones import member_zone
from bot.store.buddies import Pair, leave_pair, make_pair, pair_of, pairs_where
from bot.store.chats import get_chat, rules_of
from bot.store.histories import members_marks
from bot.store.members import ensure_member, find_member, member_by_username
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class Invited:
    inviter: str
    invitee: str
    invitee_id: int  # the user id whose press counts


@dataclass(frozen=True, slots=True)
class AlreadyPaired:
    """Someone has a buddy already: who, and with whom."""

    name: str
    buddies: tuple[str, ...]
    yourself: bool  # it is the one who invited


@dataclass(frozen=True, slots=True)
class UnknownName:
    """``/buddy @name`` names nobody the bot knows in the group."""

    username: str


@dataclass(frozen=True, slots=True)
class BuddyShown:
    name: str
    buddies: tuple[str, ...]
    streak: int
    by_bot: bool  # the bot paired them this week


@dataclass(frozen=True, slots=True)
class NoBuddy:
    name: str


@dataclass(frozen=True, slots=True)
class Ended:
    name: str
    buddies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InviteAnswered:
    """What a press on an invitation's button did."""

    group: GroupInfo | None
    not_yours: str | None = None  # the invited person's name: someone else pressed
    declined: tuple[str, str] | None = None  # (inviter, invitee)
    paired: tuple[str, str] | None = None  # (inviter, invitee)
    taken: AlreadyPaired | None = None  # one of them found a buddy meanwhile
    gone: bool = False  # the group or the inviter is no longer known


def _names(members: Iterable[Member]) -> tuple[str, ...]:
    return tuple(m.first_name for m in members)


async def invite(
    uow: UnitOfWork, group: GroupSeen, inviter: PersonSeen, invitee: PersonSeen | str
) -> Invited | AlreadyPaired | UnknownName:
    """``inviter`` invites ``invitee`` (a person replied to, or a @username; someone else,
    not a bot: the caller checked)."""
    place = await enter(uow, group, inviter)
    if isinstance(invitee, str):
        found = await member_by_username(
            session=uow.session, chat_id=place.chat.id, username=invitee
        )
        if found is None or found.user_id == inviter.user_id:
            return UnknownName(invitee)
        target = found
    else:
        target = await ensure_member(
            session=uow.session,
            chat_id=place.chat.id,
            user_id=invitee.user_id,
            first_name=invitee.first_name,
            username=invitee.username,
            now=uow.now,
        )
    pairs = await pairs_where(session=uow.session, member_ids=[place.member.id, target.id])
    for member in (place.member, target):
        pair = pairs.get(member.id)
        if pair is not None:
            others = _names(pair.others(member.id))
            return AlreadyPaired(member.first_name, others, member is place.member)
    return Invited(place.member.first_name, target.first_name, target.user_id)


async def answer_invite(
    uow: UnitOfWork,
    telegram_chat_id: int,
    inviter_id: int,
    invitee_id: int,
    presser_id: int,
    accept: bool,
) -> InviteAnswered:
    chat = await get_chat(session=uow.session, telegram_id=telegram_chat_id)
    if chat is None:
        return InviteAnswered(None, gone=True)
    group = group_info(chat)
    uow.entered(group)
    inviter = await find_member(session=uow.session, chat_id=chat.id, user_id=inviter_id)
    invitee = await find_member(session=uow.session, chat_id=chat.id, user_id=invitee_id)
    if inviter is None or invitee is None:
        return InviteAnswered(group, gone=True)
    if presser_id != invitee_id:
        return InviteAnswered(group, not_yours=invitee.first_name)
    names = (inviter.first_name, invitee.first_name)
    if not accept:
        return InviteAnswered(group, declined=names)
    pair = await make_pair(
        session=uow.session, chat_id=chat.id, member_ids=[inviter.id, invitee.id], now=uow.now
    )
    if pair is None:
        pairs = await pairs_where(session=uow.session, member_ids=[inviter.id, invitee.id])
        if invitee.id in pairs and inviter in pairs[invitee.id].members:
            return InviteAnswered(group)  # accepted before: they are buddies already
        member = invitee if invitee.id in pairs else inviter
        others = _names(pairs[member.id].others(member.id)) if member.id in pairs else ()
        return InviteAnswered(group, taken=AlreadyPaired(member.first_name, others, True))
    return InviteAnswered(group, paired=names)


async def end_buddy(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> Ended | NoBuddy:
    """``/buddy off``: the member leaves their pair (a pair of three goes on as two)."""
    place = await enter(uow, group, person)
    pair = await pair_of(session=uow.session, member_id=place.member.id)
    if pair is None:
        return NoBuddy(place.member.first_name)
    await leave_pair(session=uow.session, member_id=place.member.id, chat_id=place.chat.id)
    return Ended(place.member.first_name, _names(pair.others(place.member.id)))


async def show_buddy(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> BuddyShown | NoBuddy:
    place = await enter(uow, group, person)
    return await buddy_of(uow, place.chat, place.member)


async def buddy_of(uow: UnitOfWork, chat: Chat, member: Member) -> BuddyShown | NoBuddy:
    """The member's buddies and the pair's streak (``/buddy``, ``/streak``)."""
    pair = await pair_of(session=uow.session, member_id=member.id)
    if pair is None:
        return NoBuddy(member.first_name)
    streak = (await pair_streaks(uow, chat, [pair]))[pair.row.id]
    return BuddyShown(
        member.first_name, _names(pair.others(member.id)), streak.days, pair.row.by_bot
    )


@dataclass(frozen=True, slots=True)
class PairStreak:
    days: int
    kept_today: bool  # every one of them checked in on their own today


async def pair_streaks(
    uow: UnitOfWork, chat: Chat, pairs: Sequence[Pair], at: datetime | None = None
) -> dict[int, PairStreak]:
    """Each pair's streak (by pair row id) as of now (or ``at``), each member by their own
    today. Reads the days since the pair was made, and no earlier than the latest of its
    members' own run starts (the pair's run can't reach further: bot.domain.buddies)."""
    if not pairs:
        return {}
    rules = rules_of(chat)
    since = {pair.row.id: _reads_from(uow, chat, pair) for pair in pairs}
    members = [m for pair in pairs for m in pair.members]
    first = min(since.values())
    today = {m.id: today_of(uow, m, chat, at) for m in members}
    days = await members_marks(session=uow.session, member_ids=[m.id for m in members], since=first)
    breaks = await breaks_by_member(uow, members, first, max(today.values()))
    found = {}
    for pair in pairs:
        records = [
            MemberDays(
                frozenset(d for d, mark in days.get(m.id, {}).items() if counts(mark, rules)),
                today[m.id],
                tuple(breaks[m.id]),
            )
            for m in pair.members
        ]
        streak = pair_streak(records, rules.rest_weekdays, since[pair.row.id])
        found[pair.row.id] = PairStreak(streak, streak > 0 and kept_today(records))
    return found


def _reads_from(uow: UnitOfWork, chat: Chat, pair: Pair) -> date:
    made = min(
        local_date(pair.row.created_at, member_zone(m.timezone, chat.timezone, uow.default_zone))
        for m in pair.members
    )
    starts = [m.streak_run_start for m in pair.members]
    if all(start is not None for start in starts):
        return max(made, *(s for s in starts if s is not None))
    return made


async def buddies_done_today(
    uow: UnitOfWork, members: Sequence[Member], chats: Mapping[int, Chat]
) -> dict[int, list[str]]:
    """For each of these members (by id), the names of their buddies who checked in on
    their own today (from the kept state: their latest counted day)."""
    pairs = await pairs_where(session=uow.session, member_ids=[m.id for m in members])
    found: dict[int, list[str]] = {}
    for member in members:
        pair = pairs.get(member.id)
        if pair is None:
            continue
        chat = chats[member.chat_id]
        done = [
            other.first_name
            for other in pair.others(member.id)
            if other.streak_last_day is not None
            and other.streak_last_day >= today_of(uow, other, chat)
        ]
        if done:
            found[member.id] = done
    return found
