"""Posting into a group by the bot's own initiative, whatever state the group is in."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden

from bot.services import Services
from bot.store.chats import set_active, set_topic
from bot.store.db import session_scope

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
    gone; a group that removed or blocked the bot is paused (its data kept)."""
    try:
        try:
            return await bot.send_message(
                telegram_id, text, message_thread_id=topic_id, reply_markup=markup
            )
        except BadRequest as error:
            if topic_id is None or not any(s in error.message.lower() for s in _GONE_TOPIC):
                raise
            log.info(
                "topic %s of chat %s is gone; posting to the general chat", topic_id, telegram_id
            )
            async with session_scope(services.sessions) as session:
                await set_topic(session=session, telegram_id=telegram_id, topic_id=None)
            return await bot.send_message(telegram_id, text, reply_markup=markup)
    except Forbidden:
        log.info("chat %s removed or blocked the bot; pausing it", telegram_id)
        async with session_scope(services.sessions) as session:
            await set_active(session=session, telegram_id=telegram_id, active=False)
        return None
