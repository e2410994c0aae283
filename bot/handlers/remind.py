"""/remind on|off|HH:MM: the "streak at risk" reminder (bot.actions.reminder_settings), in a
group or in the private chat."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import reminder_settings
from bot.actions.reminder_settings import BadRemind, GroupReminder, PrivateReminder
from bot.domain.parsing import command_text
from bot.handlers.common import (
    Context,
    answering,
    app_language,
    group_command,
    is_group,
    person_seen,
)


async def remind(update: Update, context: Context) -> None:
    if not is_group(update.effective_chat):
        await _private(update, context)
        return
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        outcome = await reminder_settings.in_group(
            cmd.uow, cmd.group, cmd.person, command_text(cmd.text), app_language(cmd.user)
        )
        cmd.say(_in_group(outcome, f"https://t.me/{context.bot.username}?start=remind"))


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


async def _private(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with answering(context) as answer:
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
