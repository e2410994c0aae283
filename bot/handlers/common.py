"""What every handler needs: its unit of work, who is speaking, in which group, and how to
answer.

A handler does its database work and says what to answer inside ``unit_of_work`` (or
``group_call``, which adds the group and the member). Its answer is recorded with the
update in the inbox in the same transaction, and sent by the courier once that transaction
is committed: a saved check-in is never answered as unsaved, and a failed send is retried
without touching the saved work.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Chat as TgChat
from telegram import InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import i18n, texts
from bot.domain.calendar import day_key, zone_in_force
from bot.intake.inbox import DATABASE_TROUBLE
from bot.intake.processor import current_update
from bot.outbox.courier import Confirmation, Outgoing
from bot.outbox.replies import Replies
from bot.services import Services, services
from bot.store.chats import ensure_chat, language_of, refresh_chat, zone_of
from bot.store.db import session_scope
from bot.store.inbox import mark_handled
from bot.store.members import (
    day_key_state_of,
    ensure_member,
    find_member,
    known_member,
    refresh_member,
)
from bot.store.models import Chat, Member
from bot.store.people import zone_in
from bot.store.schedule import reschedule

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True, slots=True)
class Work:
    """One update's unit of work: its transaction, and what it will answer."""

    services: Services
    session: AsyncSession
    replies: Replies
    now: datetime

    def reply(
        self,
        message: Message,
        text: str,
        *,
        confirmation: Confirmation | None = None,
        markup: InlineKeyboardMarkup | None = None,
        photo: bytes | None = None,
        document: tuple[str, bytes] | None = None,
    ) -> None:
        """Answer ``message`` in its chat (and forum topic), quoting it; with a ``photo`` or
        a ``document`` (file name, content), ``text`` is its caption."""
        answer = answer_to(message, text, confirmation, markup)
        answer.photo, answer.document = photo, document
        self.replies.messages.append(answer)

    def post(self, chat_id: int, text: str, *, thread_id: int | None = None) -> None:
        """Say something in a chat, quoting nobody."""
        self.replies.messages.append(Outgoing(chat_id, text, thread_id=thread_id))

    def react(self, message: Message, emoji: str) -> None:
        self.replies.reactions.append((message.chat_id, message.message_id, emoji))

    def answer_button(self, query_id: str, text: str | None) -> None:
        self.replies.answer = (query_id, text)


def answer_to(
    message: Message,
    text: str,
    confirmation: Confirmation | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> Outgoing:
    return Outgoing(
        message.chat_id,
        text,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=message.message_id,
        markup=markup,
        confirmation=confirmation,
    )


@asynccontextmanager
async def unit_of_work(context: Context) -> AsyncIterator[Work]:
    """A transaction for one update: commit on success (with the update marked handled and
    its answer recorded), then send the answer; roll back and send nothing on an error."""
    svc = services(context)
    replies = Replies()
    async with session_scope(svc.sessions) as session:
        work = Work(svc, session, replies, svc.clock.now())
        yield work
        progress = current_update.get()
        if progress is not None:
            await mark_handled(
                session=session,
                update_id=progress.update_id,
                reply=replies.to_json() if replies.durable else None,
                now=work.now,
            )
    if progress is not None:
        progress.recorded = True
    send(svc, replies, progress.update_id if progress is not None else None)


def send(svc: Services, replies: Replies, update_id: int | None = None) -> None:
    """Hand the answer to the courier; the inbox hears when it was sent."""

    async def sent() -> None:
        if update_id is not None:
            svc.inbox.replied(update_id)

    replies.dispatch(svc.courier, sent)


def say(context: Context, message: Message, text: str) -> None:
    """Answer without any database work (nothing to record: a repeat would be harmless)."""
    send(services(context), Replies(messages=[answer_to(message, text)]))


@dataclass(frozen=True, slots=True)
class GroupCall:
    """A command from a known person in a group, inside its unit of work."""

    work: Work
    message: Message
    user: User
    chat: Chat
    member: Member

    @property
    def services(self) -> Services:
        return self.work.services

    @property
    def session(self) -> AsyncSession:
        return self.work.session

    @property
    def now(self) -> datetime:
        return self.work.now

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

    def zone_at(self, moment: datetime) -> ZoneInfo:
        return member_zone_at(self.member, self.zone, moment)

    def say(self, text: str, *, confirmation: Confirmation | None = None) -> None:
        """Answer the command."""
        self.work.reply(self.message, text, confirmation=confirmation)

    def react(self, emoji: str) -> None:
        self.work.react(self.message, emoji)

    async def asked_about(self) -> tuple[User, Member | None]:
        """Whom the command is about: the person replied to, else the caller; and their
        member row here (None when they never wrote in this group)."""
        person = replied_person(self.message) or self.user
        if person.id == self.user.id:
            return person, self.member
        found = await find_member(session=self.session, chat_id=self.chat.id, user_id=person.id)
        return person, found


def member_day(member: Member, zone: ZoneInfo, moment: datetime) -> date:
    """The day a check-in made at ``moment`` belongs to (see bot.domain.calendar)."""
    previous_zone, changed_at = _latest_change(member)
    return day_key(
        moment,
        zone,
        day_key_state_of(member),
        previous_zone=previous_zone,
        zone_changed_at=changed_at,
    )


def member_zone_at(member: Member, zone: ZoneInfo, moment: datetime) -> ZoneInfo:
    """The zone a check-in made at ``moment`` is made in: ``zone``, the member's now, or the
    one they left if the moment came before (see bot.domain.calendar)."""
    previous_zone, changed_at = _latest_change(member)
    return zone_in_force(moment, zone, previous_zone=previous_zone, zone_changed_at=changed_at)


def _latest_change(member: Member) -> tuple[ZoneInfo | None, datetime | None]:
    """The zone the member left at their latest change of zone, and when."""
    previous = ZoneInfo(member.previous_timezone) if member.previous_timezone else None
    return previous, member.timezone_changed_at


def member_zone(member: Member, chat: Chat, default: ZoneInfo) -> ZoneInfo:
    """A member's own zone, else the group's, else the deployment's."""
    return zone_in(member, chat, default)


def replied_person(message: Message) -> User | None:
    """Who the message replies to; None without a reply, for a topic's first message (not a
    reply to a person) and for a message sent as a chat."""
    target = message.reply_to_message
    if target is None or target.forum_topic_created is not None or target.sender_chat:
        return None
    return target.from_user


def is_group(chat: TgChat | None) -> bool:
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def speaker(update: Update) -> User | None:
    """The person behind the message; None when it was sent as the group or a channel."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return None
    return update.effective_user


async def speak_the_persons_language(update: object, context: Context) -> None:
    """First of all handlers: what is said while handling this update is in the language of
    the person behind it (their Telegram app's, if the bot speaks it). In a group, the
    group's own language takes over as soon as its row is read (``group_row``), or with
    ``speak_the_groups_language`` where nothing else is read."""
    person = update.effective_user if isinstance(update, Update) else None
    i18n.use(i18n.of_person(person.language_code if person else None))


async def speak_the_groups_language(context: Context, chat: TgChat) -> None:
    """For what is said in a group without its unit of work (help, refusals): one read of
    the group's language. If the database can't say, the person's language stays."""
    try:
        async with session_scope(services(context).sessions) as session:
            language = await language_of(session=session, telegram_id=chat.id)
    except DATABASE_TROUBLE:
        return
    i18n.use(language or i18n.DEFAULT_LANGUAGE)


@asynccontextmanager
async def group_call(
    update: Update, context: Context, *, lock_member: bool = False
) -> AsyncIterator[GroupCall | None]:
    """Open the unit of work for a group command from a person.

    Yields None after answering why, for a private chat or an anonymous sender.
    """
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        yield None
        return
    if not is_group(chat):
        say(context, message, texts.PRIVATE_ONLY_IN_GROUPS)
        yield None
        return
    user = speaker(update)
    if user is None:
        await speak_the_groups_language(context, chat)
        say(context, message, texts.ANONYMOUS_CANNOT)
        yield None
        return
    async with unit_of_work(context) as work:
        svc = work.services
        known = await known_member(
            session=work.session, telegram_chat_id=chat.id, user_id=user.id, lock=lock_member
        )
        if known is not None:
            chat_row, member = known
            refresh_chat(chat_row, title=chat.title or "", is_forum=bool(chat.is_forum))
            _settle_group(chat_row, work.now, svc.default_zone)
            refresh_member(member, first_name=user.first_name, username=user.username)
        else:
            chat_row = await group_row(work.session, chat, work.now, svc.default_zone)
            member = await member_row(work.session, chat_row, user, work.now, lock=lock_member)
        yield GroupCall(work, message, user, chat_row, member)


async def group_row(
    session: AsyncSession, chat: TgChat, now: datetime, default_zone: ZoneInfo
) -> Chat:
    """The group's row, made on first sight, with the title Telegram shows now; what is
    said from here on is in the group's language.

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
    _settle_group(row, now, default_zone)
    return row


def _settle_group(row: Chat, now: datetime, default_zone: ZoneInfo) -> None:
    if row.next_cue_at is None and row.next_recap_at is None:
        reschedule(row, now, default_zone)
    i18n.use(row.language)  # from now on, this update is answered in the group's language


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
