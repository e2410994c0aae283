"""/timezone [Area/City]: show or set your own time zone (bot.actions.timezones), in a group
or in the private chat."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import timezones
from bot.actions.timezones import ZoneSet, ZoneShown, ZoneUnknown
from bot.domain.parsing import command_text
from bot.handlers.common import (
    Context,
    answering,
    app_language,
    group_command,
    is_group,
    person_seen,
)


async def timezone(update: Update, context: Context) -> None:
    if not is_group(update.effective_chat):
        await _private(update, context)
        return
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = command_text(cmd.text)
        outcome = await timezones.in_group(
            cmd.uow, cmd.group, cmd.person, text, app_language(cmd.user)
        )
        cmd.say(_said(outcome, private=False))


async def _private(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with answering(context) as answer:
        outcome = await timezones.in_private(
            answer.uow, person_seen(user), command_text(message.text), app_language(user)
        )
        answer.reply(message, _said(outcome, private=True))


def _said(outcome: ZoneShown | ZoneSet | ZoneUnknown, *, private: bool) -> str:
    if isinstance(outcome, ZoneUnknown):
        return texts.timezones.timezone_unknown(outcome.text, outcome.suggestions)
    local = texts.format.clock(outcome.local_time)
    if isinstance(outcome, ZoneShown):
        if private and not outcome.own:
            return texts.timezones.timezone_private_unset(outcome.zone.key, local)
        return texts.timezones.timezone_show(outcome.zone.key, local, outcome.own or private)
    said = texts.timezones.timezone_set(outcome.zone.key, local)
    if private:
        said += "\n" + texts.timezones.timezone_everywhere(outcome.groups)
    return said
