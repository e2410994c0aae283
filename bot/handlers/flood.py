"""The flood guard, first of the handlers (bot.intake.flood says how floods are judged)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import metrics, texts
from bot.handlers.common import Context, is_group, say, speak_the_groups_language
from bot.intake.flood import Verdict
from bot.services import services

log = logging.getLogger(__name__)


async def guard(update: Update, context: Context) -> None:
    """Runs before every handler: stops the update of someone who floods."""
    user = update.effective_user
    chat = update.effective_chat
    message = update.effective_message
    is_command = message is not None and (message.text or "").startswith("/")
    if user is None or chat is None or not (is_command or update.callback_query):
        return
    verdict = services(context).flood.judge(chat.id, user.id)
    if verdict is Verdict.HANDLE:
        return
    if verdict is Verdict.WARN:
        log.info("user %s floods chat %s; ignoring them for a while", user.id, chat.id)
        metrics.FLOODS.inc()
        if is_group(chat):
            await speak_the_groups_language(context, chat)
        if update.callback_query is not None:
            services(context).courier.answer(
                update.callback_query.id, texts.help.slow_down_answer()
            )
        elif message is not None:
            say(context, message, texts.help.slow_down(user.first_name))
    elif update.callback_query is not None:
        services(context).courier.answer(update.callback_query.id, None)
    raise ApplicationHandlerStop
