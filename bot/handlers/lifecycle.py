"""A group's life and a person's (bot.actions.membership): the bot added or removed, a group
upgraded to a supergroup, a person who blocked the bot or started it again."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import i18n, texts
from bot.actions import membership
from bot.handlers.common import Context, answering, group_seen, is_group

log = logging.getLogger(__name__)

PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def my_membership_changed(update: Update, context: Context) -> None:
    """Added: welcome (once a day at most) and schedule; a new group speaks the language of
    the person who added the bot. Removed: pause, keep the data."""
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type == ChatType.PRIVATE:
        await _private_membership_changed(context, change.chat.id, change.new_chat_member.status)
        return
    if not is_group(change.chat):
        return
    was = change.old_chat_member.status in PRESENT
    now_in = change.new_chat_member.status in PRESENT
    if was == now_in:
        return  # e.g. promoted to admin: nothing changes for the group
    group = group_seen(change.chat)
    async with answering(context) as answer:
        if not now_in:
            log.info("removed from chat %s; pausing it", group.telegram_id)
            await membership.bot_removed(answer.uow, group.telegram_id)
            return
        adder = i18n.of_person(change.from_user.language_code)
        joined = await membership.bot_added(answer.uow, group, adder)
        with i18n.speaking(joined.group.language):
            welcome = texts.posts.welcome()
        claimed = await membership.welcome(answer.uow, group, welcome)
        log.info("added to chat %s (%s)", group.telegram_id, joined.zone)
    answer.services.posts.send(claimed)


async def migrated(update: Update, context: Context) -> None:
    """A group became a supergroup: everything follows to the new chat id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    async with answering(context) as answer:
        await membership.group_moved(answer.uow, old, new)
    log.info("chat %s moved to %s", old, new)


async def _private_membership_changed(context: Context, user_id: int, status: str) -> None:
    """A person blocked the bot (no more reminders) or started it again (scheduled anew)."""
    async with answering(context) as answer:
        if status == ChatMemberStatus.BANNED:
            await membership.blocked_privately(answer.uow, user_id)
        else:
            await membership.started_privately(answer.uow, user_id, None)
