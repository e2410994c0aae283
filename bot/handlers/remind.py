"""/remind on|off|HH:MM: the "streak at risk" reminder (bot.actions.reminder_settings), in a
group or in the private chat."""

from __future__ import annotations

from telegram import Message, Update, User

from bot import texts
from bot.actions import reminder_settings
from bot.actions.reminder_settings import BadRemind, GroupReminder, PrivateReminder
from bot.domain.parsing import command_text
from bot.handlers.common import (
    Answer,
    Command,
    Context,
    app_language,
    in_group_or_private,
    person_seen,
)


async def remind(update: Update, context: Context) -> None:
    link = f"https://t.me/{context.bot.username}?start=remind"

    async def in_group(cmd: Command) -> None:
        outcome = await reminder_settings.in_group(
            cmd.uow, cmd.group, cmd.person, command_text(cmd.text), app_language(cmd.user)
        )
        cmd.say(_in_group(outcome, link))

    await in_group_or_private(update, context, in_group, _private)


def _in_group(outcome: GroupReminder | BadRemind, link: str) -> str:
    if isinstance(outcome, BadRemind):
        return texts.reminders.remind_usage_hour()
    if outcome.privately:
        return texts.reminders.remind_private(outcome.on, outcome.at, outcome.zone)
    if outcome.on:
        return (
            texts.reminders.remind_state(True) + "\n" + texts.reminders.remind_start_privately(link)
        )
    return texts.reminders.remind_state(False)


async def _private(answer: Answer, message: Message, user: User) -> None:
    outcome = await reminder_settings.in_private(
        answer.uow, person_seen(user), command_text(message.text), app_language(user)
    )
    answer.reply(message, _in_private(outcome))


def _in_private(outcome: PrivateReminder | BadRemind) -> str:
    if isinstance(outcome, BadRemind):
        return texts.reminders.remind_usage_hour()
    if outcome.switched is not None:
        if not outcome.groups:
            return texts.reminders.no_group_yet()
        return texts.reminders.remind_all(outcome.switched, outcome.groups)
    if outcome.hour_set:
        return texts.reminders.remind_hour_set(outcome.at, outcome.zone)
    return texts.reminders.remind_overview(
        outcome.groups_on, outcome.groups, outcome.at, outcome.zone
    )
