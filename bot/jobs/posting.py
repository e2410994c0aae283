"""Posting into a group by the bot's own initiative, whatever state the group is in."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden

from bot.services import Services
from bot.store.chats import set_active, set_topic
from bot.store.db import session_scope
from bot.store.merge import move_chat

log = logging.getLogger(__name__)

# What Telegram answers when a forum topic was closed or deleted.
_GONE_TOPIC = ("thread not found", "topic_closed", "topic_deleted", "topic not found")


async def post_to_group(
    bot: Bot,
    services: Services,
    *,
    telegram_id: int,
    topic_id: int | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send to the group's chosen topic, falling back to the general chat if the topic is
    gone, and following a group that became a supergroup unnoticed; a group that removed
    or blocked the bot is paused (its data kept)."""
    try:
        try:
            return await _send(bot, telegram_id, topic_id, text, markup)
        except ChatMigrated as moved:
            log.info("chat %s is now supergroup %s", telegram_id, moved.new_chat_id)
            async with session_scope(services.sessions) as session:
                await move_chat(
                    session=session, old_telegram_id=telegram_id, new_telegram_id=moved.new_chat_id
                )
            telegram_id = moved.new_chat_id
            return await _send(bot, telegram_id, topic_id, text, markup)
    except _TopicGone:
        log.info("topic %s of chat %s is gone; posting to the general chat", topic_id, telegram_id)
        async with session_scope(services.sessions) as session:
            await set_topic(session=session, telegram_id=telegram_id, topic_id=None)
        return await post_to_group(
            bot, services, telegram_id=telegram_id, topic_id=None, text=text, markup=markup
        )
    except Forbidden:
        log.info("chat %s removed or blocked the bot; pausing it", telegram_id)
        async with session_scope(services.sessions) as session:
            await set_active(session=session, telegram_id=telegram_id, active=False)
        return None


class _TopicGone(Exception):
    pass


async def _send(
    bot: Bot, chat_id: int, topic_id: int | None, text: str, markup: InlineKeyboardMarkup | None
) -> Message:
    try:
        return await bot.send_message(
            chat_id, text, message_thread_id=topic_id, reply_markup=markup
        )
    except BadRequest as error:
        if topic_id is not None and any(s in error.message.lower() for s in _GONE_TOPIC):
            raise _TopicGone from error
        raise
