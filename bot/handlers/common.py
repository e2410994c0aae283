"""What every group command needs: who is speaking, in which group, in which session."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Chat as TgChat
from telegram import Message, ReactionTypeEmoji, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot import texts
from bot.domain.calendar import day_key
from bot.services import Services, services
from bot.store.chats import ensure_chat, zone_of
from bot.store.db import session_scope
from bot.store.members import day_key_state_of, ensure_member
from bot.store.models import Chat, Member
from bot.store.schedule import reschedule

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True, slots=True)
class GroupCall:
    """A command from a known person in a group, inside one database transaction."""

    services: Services
    session: AsyncSession
    message: Message
    user: User
    chat: Chat
    member: Member
    now: datetime

    @property
    def group_zone(self) -> ZoneInfo:
        return zone_of(self.chat, self.services.default_zone)

    @property
    def zone(self) -> ZoneInfo:
        return self.zone_of(self.member)

    def zone_of(self, member: Member) -> ZoneInfo:
        return member_zone(member, self.chat, self.services.default_zone)

    def day_key(self, moment: datetime) -> date:
        return member_day(self.member, self.zone, moment)


def member_day(member: Member, zone: ZoneInfo, moment: datetime) -> date:
    """The day a check-in made at ``moment`` belongs to (see bot.domain.calendar)."""
    return day_key(
        moment,
        zone,
        day_key_state_of(member),
        previous_zone=ZoneInfo(member.previous_timezone) if member.previous_timezone else None,
        zone_changed_at=member.timezone_changed_at,
    )


def member_zone(member: Member, chat: Chat, default: ZoneInfo) -> ZoneInfo:
    """A member's own zone, else the group's, else the deployment's."""
    return ZoneInfo(member.timezone) if member.timezone else zone_of(chat, default)


def is_group(chat: TgChat | None) -> bool:
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def speaker(update: Update) -> User | None:
    """The person behind the message; None when it was sent as the group or a channel."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return None
    return update.effective_user


@asynccontextmanager
async def group_call(
    update: Update, context: Context, *, lock_member: bool = False
) -> AsyncIterator[GroupCall | None]:
    """Open the unit of work for a group command from a person.

    Yields None after replying why, for a private chat or an anonymous sender.
    """
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        yield None
        return
    if not is_group(chat):
        await reply(message, texts.PRIVATE_ONLY_IN_GROUPS)
        yield None
        return
    user = speaker(update)
    if user is None:
        await reply(message, texts.ANONYMOUS_CANNOT)
        yield None
        return
    svc = services(context)
    now = svc.clock.now()
    async with session_scope(svc.sessions) as session:
        chat_row = await group_row(session, chat, now, svc.default_zone)
        member = await member_row(session, chat_row, user, now, lock=lock_member)
        yield GroupCall(svc, session, message, user, chat_row, member, now)


async def group_row(
    session: AsyncSession, chat: TgChat, now: datetime, default_zone: ZoneInfo
) -> Chat:
    """The group's row, made on first sight, with the title Telegram shows now.

    A group first seen through a command (its "bot added" update was missed) gets its
    cue and recap scheduled here.
    """
    row = await ensure_chat(
        session=session,
        telegram_id=chat.id,
        title=chat.title or "",
        is_forum=bool(chat.is_forum),
        now=now,
    )
    if row.next_cue_at is None and row.next_recap_at is None:
        reschedule(row, now, default_zone)
    return row


async def member_row(
    session: AsyncSession, chat: Chat, user: User, now: datetime, *, lock: bool = False
) -> Member:
    """The person's row in the group, made on first sight; ``lock`` for a check-in."""
    return await ensure_member(
        session=session,
        chat_id=chat.id,
        user_id=user.id,
        first_name=user.first_name,
        username=user.username,
        now=now,
        lock=lock,
    )


async def reply(message: Message, text: str) -> Message | None:
    """Reply in the message's chat and topic; a group that removed the bot just goes quiet."""
    try:
        return await message.reply_text(text, do_quote=True)
    except Forbidden:
        log.info("cannot reply in chat %s: the bot was removed or blocked", message.chat_id)
        return None


async def react(message: Message, emoji: str) -> None:
    """React on the member's message; some groups limit reactions, which costs nothing."""
    try:
        await message.set_reaction(ReactionTypeEmoji(emoji))
    except (BadRequest, Forbidden) as error:
        log.debug("no reaction in chat %s: %s", message.chat_id, error)
