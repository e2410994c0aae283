"""The ✅ buttons: under the daily cue, one tap checks the presser in; under a private
reminder, one tap checks them in, in the group it names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from telegram import Message, Update, User
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import texts
from bot.domain.streaks import Mark
from bot.handlers.common import (
    Context,
    Work,
    group_row,
    is_group,
    member_day,
    member_row,
    member_zone,
    member_zone_at,
    speak_the_groups_language,
    unit_of_work,
)
from bot.handlers.telling import tell
from bot.outbox.buttons import reminder_group
from bot.services import services
from bot.store.chats import rules_of
from bot.store.checkin_flow import check_in
from bot.store.db import session_scope
from bot.store.members import find_member, is_member, refresh_member
from bot.store.models import Chat, Member
from bot.store.reminders import reminded_group
from bot.store.standings import standing_of

# Who is in a group, as Telegram reports it.
IN_GROUP = (
    ChatMemberStatus.OWNER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.RESTRICTED,
)


async def pressed_checkin(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if not isinstance(message, Message) or not is_group(message.chat):
        services(context).courier.answer(query.id, texts.PRESSED_ANONYMOUS)
        return
    user = query.from_user
    if not await _known(context, message.chat_id, user.id) and not await _in_group(
        context, message.chat_id, user.id
    ):
        # Someone who sees a public group's cue without being in it: no member row for them.
        services(context).courier.answer(query.id, texts.PRESSED_NOT_MEMBER)
        return
    async with unit_of_work(context) as work:
        svc = work.services
        chat = await group_row(work.session, message.chat, work.now, svc.default_zone)
        member = await member_row(work.session, chat, user, work.now, lock=True)
        await _press(
            work,
            query.id,
            chat,
            member,
            user,
            # One entry per cue, presser and day, however often the button is tapped.
            lambda day: f"b:{message.chat.id}:{message.message_id}:{user.id}:{day.isoformat()}",
            message.message_thread_id if message.is_topic_message else None,
        )


async def pressed_reminder(update: Update, context: Context) -> None:
    """A ✅ under a private reminder: check the presser in, in the group it names."""
    query = update.callback_query
    if query is None:
        return
    row = reminder_group(query.data or "")
    user = query.from_user
    async with unit_of_work(context) as work:
        chat = None if row is None else await reminded_group(session=work.session, row_id=row)
        member = (
            None
            if chat is None
            else await find_member(
                session=work.session, chat_id=chat.id, user_id=user.id, lock=True
            )
        )
        if chat is None or member is None or not chat.active:
            work.answer_button(query.id, texts.REMINDER_GROUP_GONE)
            return
        refresh_member(member, first_name=user.first_name, username=user.username)
        await _press(
            work,
            query.id,
            chat,
            member,
            user,
            # One entry per group, person and day, however often a reminder's ✅ is tapped.
            lambda day: f"r:{chat.id}:{user.id}:{day.isoformat()}",
            chat.topic_id,
        )


async def _press(
    work: Work,
    query_id: str,
    chat: Chat,
    member: Member,
    user: User,
    source: Callable[[date], str],
    thread_id: int | None,
) -> None:
    """Check in the presser; the toast tells them their streak, the group hears what the
    check-in earned (the streak itself is the toast's)."""
    svc = work.services
    # A press has no date of its own: it belongs to the moment the bot receives it.
    zone = member_zone(member, chat, svc.default_zone)
    day = member_day(member, zone, work.now)
    outcome = await check_in(
        session=work.session,
        chat=chat,
        member=member,
        day=day,
        mark=Mark.DONE,
        note="",
        at=work.now,
        source=source(day),
        today=day,
        zone=member_zone_at(member, zone, work.now),
    )
    if outcome.duplicate:  # tapped again: this press's entry is already there
        seen = await standing_of(
            session=work.session, member=member, rules=rules_of(chat), today=day
        )
        work.answer_button(query_id, texts.pressed_already(seen.current))
        return
    told = tell(user.first_name, outcome)
    work.answer_button(query_id, told.toast)
    if told.news:
        work.post(chat.telegram_id, "\n".join(told.news), thread_id=thread_id)


async def _known(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether the presser is a member of the group the bot knows (no Telegram call)."""
    async with session_scope(services(context).sessions) as session:
        return await is_member(session=session, telegram_chat_id=chat_id, user_id=user_id)


async def _in_group(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether Telegram says the person is in the group (asked outside any transaction)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in IN_GROUP


async def unknown_button(update: Update, context: Context) -> None:
    """A press whose data is stale, unknown or forged: answered, so the spinner stops."""
    query = update.callback_query
    if query is None:
        return
    if isinstance(query.message, Message) and is_group(query.message.chat):
        await speak_the_groups_language(context, query.message.chat)
    services(context).courier.answer(query.id, texts.BUTTON_GONE)
