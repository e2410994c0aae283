"""/start and /help: what the bot does, in a group or in a private chat."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.handlers.common import Context, is_group, reply
from bot.services import services
from bot.store.db import session_scope
from bot.store.private import remember_started


async def unknown(update: Update, context: Context) -> None:
    """A command we don't have: answered in a private chat, or when addressed to us by name
    (a bare /command in a group may be meant for another bot)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0]
    addressed = command.lower().endswith(f"@{context.bot.username}".lower())
    if addressed or not is_group(update.effective_chat):
        await reply(message, texts.unknown_command(command.split("@")[0]))


async def start(update: Update, context: Context) -> None:
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None:
        return
    if is_group(chat):
        await reply(message, texts.GROUP_HELP)
        return
    if user is not None:
        svc = services(context)
        async with session_scope(svc.sessions) as session:
            await remember_started(session=session, user_id=user.id, now=svc.clock.now())
    await reply(message, texts.PRIVATE_HELP)
