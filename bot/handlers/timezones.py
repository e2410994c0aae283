"""/timezone [Area/City]: show or set your own time zone (bot.actions.timezones), in a group
or in the private chat."""

from __future__ import annotations

from telegram import Message, Update, User

from bot import texts
from bot.actions import timezones
from bot.actions.timezones import ZoneSet, ZoneShown, ZoneUnknown
from bot.domain.parsing import command_text
from bot.handlers.common import (
    Answer,
    Command,
    Context,
    app_language,
    in_group_or_private,
    person_seen,
)


async def timezone(update: Update, context: Context) -> None:
    await in_group_or_private(update, context, _in_group, _in_private)


async def _in_group(cmd: Command) -> None:
    outcome = await timezones.in_group(
        cmd.uow, cmd.group, cmd.person, command_text(cmd.text), app_language(cmd.user)
    )
    cmd.say(_said(outcome, private=False))


async def _in_private(answer: Answer, message: Message, user: User) -> None:
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
