"""The ✅ button under the daily cue: one tap checks the presser in."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import texts
from bot.domain.streaks import Mark
from bot.handlers.common import (
    Context,
    group_row,
    is_group,
    member_day,
    member_row,
    member_zone,
    speak_the_groups_language,
    unit_of_work,
)
from bot.handlers.telling import tell
from bot.services import services
from bot.store.chats import rules_of
from bot.store.checkin_flow import check_in
from bot.store.db import session_scope
from bot.store.members import is_member
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
        # A press has no date of its own: it belongs to the moment the bot receives it.
        day = member_day(member, member_zone(member, chat, svc.default_zone), work.now)
        outcome = await check_in(
            session=work.session,
            chat=chat,
            member=member,
            day=day,
            mark=Mark.DONE,
            note="",
            at=work.now,
            # One entry per cue, presser and day, however often the button is tapped.
            source=f"b:{message.chat.id}:{message.message_id}:{user.id}:{day.isoformat()}",
            today=day,
        )
        if outcome.duplicate:  # tapped again: this press's entry is already there
            seen = await standing_of(
                session=work.session, member=member, rules=rules_of(chat), today=day
            )
            work.answer_button(query.id, texts.pressed_already(seen.current))
            return
        told = tell(user.first_name, outcome)
        work.answer_button(query.id, told.toast)
        if told.news:
            # The group hears what the press earned; the streak itself is the toast's.
            work.post(
                message.chat_id,
                "\n".join(told.news),
                thread_id=message.message_thread_id if message.is_topic_message else None,
            )


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
