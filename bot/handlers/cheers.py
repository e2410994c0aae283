"""/cheer, as a reply: cheer that member on.

The bot reacts on the cheered message and counts the cheer (once per cheerer and message).
A /fail asks the group for encouragement, so the first cheers on a /fail message are also
told to the group, by name.
"""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.handlers.checkin import message_source
from bot.handlers.common import Context, group_call, member_row
from bot.store.cheers import add_cheer, cheers_on, is_fail_entry

# From Telegram's list of reactions a bot may set.
CHEER_REACTION = "👏"
# How many cheers on a /fail are told to the group; later ones get the reaction only.
TOLD_ON_A_FAIL = 3


async def cheer(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        target = call.message.reply_to_message
        if target is None or target.forum_topic_created is not None:
            call.say(texts.encouragement.cheer_usage())
            return
        if target.sender_chat is not None or target.from_user is None:
            call.say(texts.encouragement.cheer_anonymous())
            return
        person = target.from_user
        if person.is_bot:
            call.say(texts.encouragement.cheer_bot())
            return
        if person.id == call.user.id:
            call.say(texts.encouragement.cheer_self())
            return
        cheered = await member_row(call.session, call.chat, person, call.now)
        if not await add_cheer(
            session=call.session,
            giver=call.member,
            cheered=cheered,
            message_id=target.message_id,
            now=call.now,
        ):
            call.say(texts.encouragement.cheer_already())
            return
        call.work.react(target, CHEER_REACTION)
        if await is_fail_entry(
            session=call.session, member_id=cheered.id, source=message_source(target)
        ):
            count = await cheers_on(
                session=call.session, member_id=cheered.id, message_id=target.message_id
            )
            if count <= TOLD_ON_A_FAIL:
                call.say(texts.encouragement.cheering_on(call.user.first_name, person.first_name))
