"""Who and where: a group and a person as an update shows them, and their rows loaded for an
action (made on first sight).

A check-in holds the member's row for its transaction, and the group's row against a change
of its streak rules (``bot.store.members.known_member``): the two are applied one after the
other, so a rules change never overwrites a streak just told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.actions.schedule import reschedule
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.streaks import Rules
from bot.domain.zones import member_today, member_zone
from bot.store.chats import ensure_chat, refresh_chat, rules_of
from bot.store.members import ensure_member, find_member, known_member, refresh_member
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class GroupSeen:
    """A group as an update shows it."""

    telegram_id: int
    title: str
    is_forum: bool = False


@dataclass(frozen=True, slots=True)
class PersonSeen:
    """A person as an update shows them."""

    user_id: int
    first_name: str
    username: str | None = None
    is_bot: bool = False


def group_info(chat: Chat) -> GroupInfo:
    return GroupInfo(chat.telegram_id, chat.title, chat.language, chat.topic_id)


@dataclass(frozen=True, slots=True)
class Place:
    """A person's row in a group, with the group's, loaded for one unit of work."""

    chat: Chat
    member: Member
    # False when the member is known to follow no target (every day counts), so that a
    # check-in need not read them.
    has_targets: bool = True

    @property
    def group(self) -> GroupInfo:
        return group_info(self.chat)

    @property
    def rules(self) -> Rules:
        return rules_of(self.chat)

    def zone(self, default: ZoneInfo) -> ZoneInfo:
        return zone_of_member(self.member, self.chat, default)

    def today(self, now: datetime, default: ZoneInfo) -> date:
        """The member's local date at ``now`` (``bot.domain.zones``)."""
        return member_today(now, self.member.timezone, self.chat.timezone, default)


def zone_of_member(member: Member, chat: Chat, default: ZoneInfo) -> ZoneInfo:
    """The zone the member's days count by (``bot.domain.zones``)."""
    return member_zone(member.timezone, chat.timezone, default)


async def enter_group(uow: UnitOfWork, group: GroupSeen, *, checking_in: bool = False) -> Chat:
    """The group's row, with the title Telegram shows now; a group seen for the first time
    gets its cue and recap scheduled."""
    chat, created = await ensure_chat(
        session=uow.session,
        telegram_id=group.telegram_id,
        title=group.title,
        is_forum=group.is_forum,
        now=uow.now,
        lock=checking_in,
    )
    if created:
        reschedule(chat, uow.now, uow.default_zone)
    uow.entered(group_info(chat))
    return chat


async def enter(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, *, checking_in: bool = False
) -> Place:
    """The person's row in the group and the group's, made on first sight. ``checking_in``
    holds them as a check-in needs (see the module's docs)."""
    known = await known_member(
        session=uow.session,
        telegram_chat_id=group.telegram_id,
        user_id=person.user_id,
        lock=checking_in,
    )
    has_targets = True
    if known is not None:
        chat, member, has_targets = known.chat, known.member, known.has_targets
        refresh_chat(chat, title=group.title, is_forum=group.is_forum)
        uow.entered(group_info(chat))
    else:
        chat = await enter_group(uow, group, checking_in=checking_in)
        member = await ensure_member(
            session=uow.session,
            chat_id=chat.id,
            user_id=person.user_id,
            first_name=person.first_name,
            username=person.username,
            now=uow.now,
            lock=checking_in,
        )
    refresh_member(member, first_name=person.first_name, username=person.username)
    return Place(chat, member, has_targets)


@dataclass(frozen=True, slots=True)
class AskedAbout:
    """A view of someone (``/streak``, ``/stats``): the caller's place, and the member asked
    about (the caller, or someone replied to) as shown and as found here (None: never
    checked in or spoke here)."""

    place: Place
    shown: PersonSeen
    member: Member | None


async def asked_about(
    uow: UnitOfWork, group: GroupSeen, asker: PersonSeen, about: PersonSeen | None
) -> AskedAbout:
    """The member ``about`` (someone replied to), else the asker."""
    place = await enter(uow, group, asker)
    member: Member | None = place.member
    if about is not None and about.user_id != asker.user_id:
        member = await find_member(
            session=uow.session, chat_id=place.chat.id, user_id=about.user_id
        )
    return AskedAbout(place, about or asker, member)
