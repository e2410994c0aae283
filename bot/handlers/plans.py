"""/plan: your if-then plan (bot.actions.plans); and the button after a /fail that says how
to make one."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import plans
from bot.actions.plans import PlanShown, PlanTooLong
from bot.domain.parsing import command_text
from bot.domain.plans import PLAN_MAX_CHARS
from bot.handlers.common import Context, group_command, is_group, speak_the_groups_language
from bot.services import services


async def plan(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = command_text(cmd.text)
        if not text:
            cmd.say(_shown(await plans.show_plan(cmd.uow, cmd.group, cmd.person)))
        elif text.lower() == "off":
            was = await plans.remove_plan(cmd.uow, cmd.group, cmd.person)
            cmd.say(texts.plans.plan_removed(was.name) if was.plan else texts.plans.no_plan())
        else:
            made = await plans.set_plan(cmd.uow, cmd.group, cmd.person, text)
            if isinstance(made, PlanTooLong):
                cmd.say(texts.plans.plan_too_long(made.length, PLAN_MAX_CHARS))
            elif made.plan is None:
                cmd.say(texts.plans.no_plan())
            else:
                cmd.say(texts.plans.plan_set(made.name, made.plan.when, made.plan.what))


def _shown(shown: PlanShown) -> str:
    if shown.plan is None:
        return texts.plans.no_plan()
    return texts.plans.plan_show(shown.name, shown.plan.when, shown.plan.what)


async def how_to_plan(update: Update, context: Context) -> None:
    """The button under a /fail's answer: how to make a plan, as a toast."""
    query = update.callback_query
    if query is None:
        return
    if query.message is not None and is_group(query.message.chat):
        await speak_the_groups_language(context, query.message.chat)
    services(context).courier.answer(query.id, texts.plans.how_to_plan())
