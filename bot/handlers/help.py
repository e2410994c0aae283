"""/start and /help: what the bot does, in a group or in a private chat."""

from __future__ import annotations

from telegram import Update

from bot import i18n, texts
from bot.handlers.common import (
    Context,
    is_group,
    say,
    speak_the_groups_language,
    unit_of_work,
)
from bot.store.people import schedule_person
from bot.store.private import remember_started


async def unknown(update: Update, context: Context) -> None:
    """A command we don't have: answered in a private chat, or when addressed to us by name
    (a bare /command in a group may be meant for another bot)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0]
    addressed = command.lower().endswith(f"@{context.bot.username}".lower())
    chat = update.effective_chat
    if addressed or not is_group(chat):
        if chat is not None and is_group(chat):
            await speak_the_groups_language(context, chat)
        say(context, message, texts.help.unknown_command(command.split("@")[0]))


async def start(update: Update, context: Context) -> None:
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None:
        return
    if chat is not None and is_group(chat):
        await speak_the_groups_language(context, chat)
        say(context, message, texts.help.group_help())
        return
    if user is None:
        return
    async with unit_of_work(context) as work:
        await remember_started(session=work.session, user_id=user.id, now=work.now)
        await schedule_person(
            session=work.session,
            user_id=user.id,
            now=work.now,
            default=work.services.default_zone,
            language=i18n.of_app(user.language_code),
        )
        work.reply(message, texts.help.private_help())
