"""The last line of defence: log the error, tell the person, never show a traceback.

A handler's unit of work is rolled back on any error, and its answer is only sent after a
commit, so what the person asked for was not done, and they are told so. When the database
is away, they are asked to send it again in a minute. The answer is in the group's language
once the failed work had read the group's row, else in the person's.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot import metrics, texts
from bot.handlers.common import Context, say
from bot.intake.inbox import DATABASE_TROUBLE
from bot.services import services

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, DATABASE_TROUBLE):
        log.warning("the database is unavailable: %s", error)
        metrics.ERRORS.labels("database").inc()
        metrics.DATABASE_ERRORS.inc()
        text = texts.help.could_not_save()
    else:
        log.error("error while handling an update", exc_info=error)
        metrics.ERRORS.labels("telegram" if isinstance(error, TelegramError) else "bug").inc()
        text = texts.help.something_went_wrong()
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        # A button's spinner must stop whatever happened.
        services(context).courier.answer(update.callback_query.id, text)
        return
    message = update.effective_message
    if message is not None and (message.text or "").startswith("/"):
        say(context, message, text)
