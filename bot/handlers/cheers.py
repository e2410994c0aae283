"""/cheer, as a reply: cheer that member on (bot.actions.cheers).

The bot reacts on the cheered message; the first cheers on a /fail are also told to the
group, by name.
"""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions.cheers import cheer
from bot.handlers.common import Context, group_command, person_seen

# From Telegram's list of reactions a bot may set.
CHEER_REACTION = "👏"


async def cheer_on(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        target = cmd.message.reply_to_message
        if target is None or target.forum_topic_created is not None:
            cmd.say(texts.encouragement.cheer_usage())
            return
        if target.sender_chat is not None or target.from_user is None:
            cmd.say(texts.encouragement.cheer_anonymous())
            return
        person = target.from_user
        if person.is_bot:
            cmd.say(texts.encouragement.cheer_bot())
            return
        if person.id == cmd.user.id:
            cmd.say(texts.encouragement.cheer_self())
            return
        cheered = await cheer(
            cmd.uow, cmd.group, cmd.person, person_seen(person), target.message_id
        )
        if cheered is None:
            cmd.say(texts.encouragement.cheer_already())
            return
        cmd.answer.react(target, CHEER_REACTION)
        if cheered.on_a_fail:
            cmd.say(texts.encouragement.cheering_on(cheered.giver, cheered.cheered))
