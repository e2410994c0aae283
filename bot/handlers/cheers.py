"""Cheers (bot.actions.cheers): /cheer as a reply, and a cheering reaction on a check-in.

For /cheer the bot reacts on the cheered message; a reaction is its own sign, and is not a
command: it gets no answer, only the group hears of the first cheers on a /fail, by name.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import ReactionType, ReactionTypeEmoji, Update

from bot import texts
from bot.actions.cheers import cheer, cheer_by_reaction, take_back_reaction_cheer
from bot.domain.cheers import cheers_with
from bot.handlers.common import (
    Context,
    answering,
    group_command,
    group_seen,
    is_group,
    person_seen,
)

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


def is_cheering(reactions: Sequence[ReactionType]) -> bool:
    """Whether any of the reactions is one that counts as a cheer (bot.domain.cheers)."""
    return cheers_with(r.emoji for r in reactions if isinstance(r, ReactionTypeEmoji))


async def reacted(update: Update, context: Context) -> None:
    """Someone set or changed their reaction on a message (Telegram tells an admin bot): a
    cheering one counts as a cheer on a check-in, and taking it back takes the cheer back.
    Anything else, and a reaction sent as a chat, is left alone in silence."""
    change = update.message_reaction
    if change is None or change.user is None or change.user.is_bot or not is_group(change.chat):
        return
    cheering = is_cheering(change.new_reaction)
    if not cheering and not is_cheering(change.old_reaction):
        return
    group, giver = group_seen(change.chat), person_seen(change.user)
    async with answering(context) as answer:
        if not cheering:
            await take_back_reaction_cheer(answer.uow, group, giver, change.message_id)
            return
        cheered = await cheer_by_reaction(answer.uow, group, giver, change.message_id)
        if cheered is not None and cheered.on_a_fail:
            told = texts.encouragement.cheering_on(cheered.giver, cheered.cheered)
            answer.reply_by_id(change.chat.id, change.message_id, told)
