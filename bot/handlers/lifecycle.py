"""A group's life: the bot added or removed, a group upgraded to a supergroup."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus

from bot import texts
from bot.handlers.common import Context, group_row, is_group
from bot.jobs.posting import post_to_group
from bot.services import services
from bot.store.chats import set_active
from bot.store.db import session_scope
from bot.store.merge import move_chat
from bot.store.schedule import PostKind, local_day, record_post, reschedule

log = logging.getLogger(__name__)

PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def my_membership_changed(update: Update, context: Context) -> None:
    """Added: welcome (once a day at most) and schedule. Removed: pause, keep the data."""
    change = update.my_chat_member
    if change is None or not is_group(change.chat):
        return
    was = change.old_chat_member.status in PRESENT
    now_in = change.new_chat_member.status in PRESENT
    if was == now_in:
        return  # e.g. promoted to admin: nothing changes for the group
    svc = services(context)
    now = svc.clock.now()
    chat = change.chat
    if not now_in:
        log.info("removed from chat %s; pausing it", chat.id)
        async with session_scope(svc.sessions) as session:
            await set_active(session=session, telegram_id=chat.id, active=False)
        return
    async with session_scope(svc.sessions) as session:
        row = await group_row(session, chat, now, svc.default_zone)
        row.active = True
        reschedule(row, now, svc.default_zone)
        welcome = await record_post(
            session=session,
            chat_id=row.id,
            kind=PostKind.WELCOME,
            day=local_day(row, now, svc.default_zone),
            now=now,
        )
        topic_id = row.topic_id
    if welcome:
        await post_to_group(
            context.bot, svc, telegram_id=chat.id, topic_id=topic_id, text=texts.WELCOME
        )


async def migrated(update: Update, context: Context) -> None:
    """A group became a supergroup: everything follows to the new chat id.

    Telegram tells both chats; whichever message comes first does the move.
    """
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    svc = services(context)
    async with session_scope(svc.sessions) as session:
        await move_chat(session=session, old_telegram_id=old, new_telegram_id=new)
    log.info("chat %s moved to %s", old, new)
