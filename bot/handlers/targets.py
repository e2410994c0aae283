"""/target: your target, daily or a number of check-ins a week (bot.actions.targets)."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import targets
from bot.domain import parsing
from bot.handlers.common import Context, group_command


async def target(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = parsing.command_text(cmd.text)
        if not text:
            shown = await targets.show_target(cmd.uow, cmd.group, cmd.person)
            cmd.say(
                texts.targets.target_shown(
                    shown.name, shown.this_week, shown.next_week, shown.week_starts
                )
            )
            return
        try:
            per_week = parsing.target(text)
        except parsing.BadTarget:
            cmd.say(texts.targets.target_bad())
            return
        made = await targets.set_target(cmd.uow, cmd.group, cmd.person, per_week)
        if made.changed:
            cmd.say(texts.targets.target_set(made.name, made.per_week, made.starts, made.this_week))
        else:
            cmd.say(texts.targets.target_unchanged(made.name, made.per_week))
