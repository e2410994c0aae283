"""What every handler needs: its unit of work, who is speaking, in which group, and how to
answer.

A handler turns an update into an action's inputs (``bot.actions``), calls the action inside
``answering`` (or ``group_command``, which adds the group and the person), and turns the
outcome into texts. Its answer is recorded with the update in the inbox in the same
transaction as the action's work, and sent by the courier once that transaction is
committed: a saved check-in is never answered as unsaved, and a failed send is retried
without touching the saved work. Once the action read the group's row, what is said is in
the group's language.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from telegram import Chat as TgChat
from telegram import InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import i18n, texts
from bot.actions.groups import group_language
from bot.actions.places import GroupSeen, PersonSeen
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.intake.inbox import DATABASE_TROUBLE
from bot.intake.processor import current_update
from bot.outbox.outgoing import Confirmation, Outgoing
from bot.outbox.replies import Replies
from bot.services import Services, services

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def _speak_in(group: GroupInfo) -> None:
    i18n.use(group.language)


@dataclass(frozen=True, slots=True)
class Answer:
    """One update's unit of work, and what it will answer."""

    services: Services
    uow: UnitOfWork
    replies: Replies

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
        self.replies.messages.append(replace(answer, photo=photo, document=document))

    def reply_by_id(self, chat_id: int, message_id: int, text: str) -> None:
        """Answer a message known by its id alone (a reaction on it), quoting it."""
        self.replies.messages.append(Outgoing(chat_id, text, reply_to=message_id))

    def post(self, group: GroupInfo, text: str) -> None:
        """Say something in a group (in its posts' topic), quoting nobody."""
        self.replies.messages.append(Outgoing(group.telegram_id, text, thread_id=group.topic_id))

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
    # In a group the answer quotes what it answers; a private chat is a conversation of two,
    # where a quote on every answer is noise.
    private = message.chat.type == ChatType.PRIVATE
    return Outgoing(
        message.chat_id,
        text,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=None if private else message.message_id,
        markup=markup,
        confirmation=confirmation,
    )


@asynccontextmanager
async def answering(
    context: Context, *, in_groups_language: bool = True, finishes: bool = True
) -> AsyncIterator[Answer]:
    """A unit of work for one update: commit on success (with the update marked handled and
    its answer recorded), then send the answer; roll back and send nothing on an error.
    ``in_groups_language``: once the work reads a group's row, speak its language.
    ``finishes=False``: a first unit of work that answers nothing yet (the answer takes
    slow work done outside any transaction, then a unit of work of its own)."""
    svc = services(context)
    replies = Replies()
    on_group = _speak_in if in_groups_language else None
    async with svc.work(on_group) as uow:
        yield Answer(svc, uow, replies)
        if not finishes:
            assert not replies, "a unit of work that does not finish answers nothing"
            return
        progress = current_update.get()
        if progress is not None:
            await uow.record_update(
                progress.update_id, replies.to_json() if replies.durable else None
            )
    if progress is not None:
        progress.recorded = True
    send(svc, replies, progress.update_id if progress is not None else None)


def send(svc: Services, replies: Replies, update_id: int | None = None) -> None:
    """Hand the answer to ``update_id`` to the courier; the inbox hears what is left to send
    as each part ends, and when all has."""
    if update_id is None or not replies.durable:  # nothing of it kept in the inbox
        replies.dispatch(svc.courier)
        return

    def ended(left: Replies) -> None:
        if left:
            svc.inbox.partly_sent(update_id, left.to_json)
        else:
            svc.inbox.replied(update_id)

    replies.dispatch(svc.courier, ended)


def say(context: Context, message: Message, text: str) -> None:
    """Answer without any database work (nothing to record: a repeat would be harmless)."""
    send(services(context), Replies(messages=[answer_to(message, text)]))


def group_seen(chat: TgChat) -> GroupSeen:
    return GroupSeen(chat.id, chat.title or "", bool(chat.is_forum))


def person_seen(user: User) -> PersonSeen:
    return PersonSeen(user.id, user.first_name, user.username, user.is_bot)


def app_language(user: User) -> str | None:
    """The person's language as their app tells it (None: it told none)."""
    return i18n.of_app(user.language_code)


@dataclass(frozen=True, slots=True)
class Command:
    """A command from a person in a group, inside its unit of work."""

    answer: Answer
    message: Message
    user: User
    group: GroupSeen
    person: PersonSeen

    @property
    def uow(self) -> UnitOfWork:
        return self.answer.uow

    @property
    def text(self) -> str:
        return self.message.text or self.message.caption or ""

    def say(
        self,
        text: str,
        *,
        confirmation: Confirmation | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> None:
        """Answer the command."""
        self.answer.reply(self.message, text, confirmation=confirmation, markup=markup)

    def react(self, emoji: str) -> None:
        self.answer.react(self.message, emoji)

    def about(self) -> PersonSeen | None:
        """Whom the command asks about: the person it replies to, if any."""
        person = replied_person(self.message)
        return person_seen(person) if person is not None else None


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
    group's own language takes over as soon as its row is read (``answering``), or with
    ``speak_the_groups_language`` where nothing else is read."""
    person = update.effective_user if isinstance(update, Update) else None
    i18n.use(i18n.of_person(person.language_code if person else None))


async def speak_the_groups_language(context: Context, chat: TgChat) -> None:
    """For what is said in a group without its unit of work (help, refusals, errors): one
    read of the group's language. If the database can't say, the person's language stays."""
    svc = services(context)
    try:
        async with svc.work() as uow:
            language = await group_language(uow, chat.id)
    except DATABASE_TROUBLE:
        return
    i18n.use(language or i18n.DEFAULT_LANGUAGE)


@asynccontextmanager
async def group_command(
    update: Update, context: Context, *, finishes: bool = True
) -> AsyncIterator[Command | None]:
    """Open the unit of work for a group command from a person (``finishes``: as in
    ``answering``).

    Yields None after answering why, for a private chat or an anonymous sender.
    """
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        yield None
        return
    if not is_group(chat):
        say(context, message, texts.help.private_only_in_groups())
        yield None
        return
    user = speaker(update)
    if user is None:
        await speak_the_groups_language(context, chat)
        say(context, message, texts.help.anonymous_cannot())
        yield None
        return
    async with answering(context, finishes=finishes) as answer:
        yield Command(answer, message, user, group_seen(chat), person_seen(user))


async def in_group_or_private(
    update: Update,
    context: Context,
    in_group: Callable[[Command], Awaitable[None]],
    in_private: Callable[[Answer, Message, User], Awaitable[None]],
) -> None:
    """A command that works in a group (about that group) and in the private chat (about all
    of the person's groups)."""
    if is_group(update.effective_chat):
        async with group_command(update, context) as cmd:
            if cmd is not None:
                await in_group(cmd)
        return
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with answering(context) as answer:
        await in_private(answer, message, user)
