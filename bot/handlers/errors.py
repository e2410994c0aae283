"""The last line of defence: log the error, tell the person, never show a traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot import texts
from bot.handlers.common import Context

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    if isinstance(context.error, Forbidden):
        return  # removed from the chat: nobody to tell
    try:
        await update.effective_message.reply_text(texts.SOMETHING_WENT_WRONG)
    except TelegramError:
        log.warning("could not tell the chat about the error either")
