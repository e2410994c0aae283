"""/goal and /goals."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import goals
from bot.domain.parsing import command_text
from bot.handlers.common import Context, group_command


async def goal(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = command_text(cmd.text)
        if not text:
            shown = await goals.show_goal(cmd.uow, cmd.group, cmd.person)
            cmd.say(
                texts.goals.goal_show(shown.name, shown.text)
                if shown.text
                else texts.goals.no_goal()
            )
        elif text.lower() == "done":
            reached = await goals.finish_goal(cmd.uow, cmd.group, cmd.person)
            if reached is None:
                cmd.say(texts.goals.no_goal_to_finish())
            else:
                cmd.say(texts.goals.goal_reached(reached.name, reached.text, reached.reached))
        else:
            made = await goals.set_goal(cmd.uow, cmd.group, cmd.person, text)
            if isinstance(made, goals.GoalTooLong):
                cmd.say(texts.goals.goal_too_long(made.length))
            else:
                cmd.say(texts.goals.goal_set(made.name, text))


async def group_goals(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        listed = await goals.group_goals(cmd.uow, cmd.group, cmd.person)
        cmd.say(texts.goals.goals_list([(g.name, g.text, g.streak) for g in listed]))
