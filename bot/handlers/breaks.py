"""/break Nd [reason]: time off without losing the streak."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions.breaks import BadLength, take_break
from bot.domain.parsing import command_text, split_first
from bot.handlers.common import Context, group_command


async def start_break(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        length, reason = split_first(command_text(cmd.text))
        taken = await take_break(cmd.uow, cmd.group, cmd.person, length, reason)
        if isinstance(taken, BadLength):
            cmd.say(texts.streaks.break_usage(taken.max_days))
            return
        back = texts.format.short_date(taken.back_on)
        cmd.say(texts.streaks.break_started(taken.name, taken.days, back, taken.reason))
