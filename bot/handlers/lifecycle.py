"""A group's life: the bot added or removed, a group upgraded to a supergroup."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import i18n, texts
from bot.handlers.common import Context, group_row, is_group, unit_of_work
from bot.outbox import posts
from bot.store.chats import language_of, set_active, zone_of
from bot.store.merge import move_chat
from bot.store.people import schedule_person
from bot.store.posts import Draft, PostKind, ToSend, claim_new, new_token
from bot.store.private import remember_started, set_blocked
from bot.store.schedule import local_day, reschedule

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
    chat = change.chat
    welcome: list[ToSend] = []
    async with unit_of_work(context) as work:
        if not now_in:
            log.info("removed from chat %s; pausing it", chat.id)
            await set_active(session=work.session, telegram_id=chat.id, active=False)
            return
        svc = work.services
        known = await language_of(session=work.session, telegram_id=chat.id) is not None
        row = await group_row(work.session, chat, work.now, svc.default_zone)
        if not known:
            # A new group starts in the language of whoever added the bot, if it speaks it.
            row.language = i18n.of_person(change.from_user.language_code)
        i18n.use(row.language)
        row.active = True
        reschedule(row, work.now, svc.default_zone)
        ends = posts.window_end(work.now)
        draft = Draft(
            chat_id=row.id,
            day=local_day(row, work.now, svc.default_zone),
            text=texts.posts.welcome(),
            markup=None,
            topic_id=row.topic_id,
            window_ends_at=ends,
        )
        token = new_token()
        fresh = await claim_new(
            session=work.session,
            kind=PostKind.WELCOME,
            drafts=[draft],
            now=work.now,
            lease=posts.LEASE,
            token=token,
        )
        if row.id in fresh:
            welcome.append(
                ToSend(
                    fresh[row.id],
                    token,
                    chat.id,
                    row.topic_id,
                    texts.posts.welcome(),
                    None,
                    ends,
                    PostKind.WELCOME.value,
                )
            )
        log.info("added to chat %s (%s)", chat.id, zone_of(row, svc.default_zone).key)
    posts.send(work.services, welcome)


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
    async with unit_of_work(context) as work:
        await move_chat(session=work.session, old_telegram_id=old, new_telegram_id=new)
    log.info("chat %s moved to %s", old, new)


async def _private_membership_changed(context: Context, user_id: int, status: str) -> None:
    """A person blocked the bot (no more reminders) or started it again (scheduled anew)."""
    blocked = status == ChatMemberStatus.BANNED
    async with unit_of_work(context) as work:
        await set_blocked(session=work.session, user_id=user_id, blocked=blocked)
        if not blocked:
            await remember_started(session=work.session, user_id=user_id, now=work.now)
            await schedule_person(
                session=work.session,
                user_id=user_id,
                now=work.now,
                default=work.services.default_zone,
            )
