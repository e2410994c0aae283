"""/start and /help: what the bot does, in a group (with a word more for its admins) or in a
private chat."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import membership
from bot.handlers.common import (
    Context,
    answering,
    app_language,
    is_group,
    say,
    speak_the_groups_language,
)
from bot.handlers.settings import is_admin
from bot.services import Services, services


def _with_app(svc: Services, text: str) -> str:
    """The help, and a line about the Mini App when it is on."""
    return f"{text}\n\n{texts.app.help_line()}" if svc.links.on else text


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
        shown = texts.help.group_help(for_admins=await is_admin(update, context))
        say(context, message, _with_app(services(context), shown))
        return
    if user is None:
        return
    async with answering(context) as answer:
        await membership.started_privately(answer.uow, user.id, app_language(user))
        answer.reply(message, _with_app(answer.services, texts.help.private_help()))
