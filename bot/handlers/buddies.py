"""/buddy: invite a buddy (a reply, or /buddy @name), see yours, /buddy off; and the
invitation's buttons, which only the invited person can answer (bot.actions.buddies)."""

from __future__ import annotations

from telegram import Message, Update

from bot import i18n, texts
from bot.actions import buddies
from bot.actions.buddies import AlreadyPaired, Invited, NoBuddy, UnknownName
from bot.actions.places import PersonSeen
from bot.domain.parsing import command_text
from bot.handlers.common import Command, Context, answering, group_command, is_group, person_seen
from bot.outbox.buttons import buddy_answer, buddy_keyboard
from bot.services import services


async def buddy(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = command_text(cmd.text).strip()
        if text.lower() == "off":
            ended = await buddies.end_buddy(cmd.uow, cmd.group, cmd.person)
            if isinstance(ended, NoBuddy):
                cmd.say(texts.buddies.no_buddy())
            else:
                cmd.say(texts.buddies.ended(ended.name, ended.buddies))
        elif text.startswith("@") and len(text) > 1 and " " not in text:
            await _invite(cmd, text[1:])
        elif text:
            cmd.say(texts.buddies.buddy_usage())
        elif cmd.message.reply_to_message is not None:
            await _invite_replied(cmd, cmd.message.reply_to_message)
        else:
            shown = await buddies.show_buddy(cmd.uow, cmd.group, cmd.person)
            if isinstance(shown, NoBuddy):
                cmd.say(texts.buddies.no_buddy())
            else:
                cmd.say(texts.buddies.buddy_card(shown.buddies, shown.streak, shown.by_bot))


async def _invite_replied(cmd: Command, target: Message) -> None:
    if target.forum_topic_created is not None:
        cmd.say(texts.buddies.buddy_usage())
        return
    if target.sender_chat is not None or target.from_user is None:
        cmd.say(texts.buddies.buddy_anonymous())
        return
    person = target.from_user
    if person.is_bot:
        cmd.say(texts.buddies.buddy_bot())
        return
    if person.id == cmd.user.id:
        cmd.say(texts.buddies.buddy_self())
        return
    await _invite(cmd, person_seen(person))


async def _invite(cmd: Command, invitee: PersonSeen | str) -> None:
    if (
        isinstance(invitee, str)
        and cmd.user.username
        and invitee.lower() == cmd.user.username.lower()
    ):
        cmd.say(texts.buddies.buddy_self())
        return
    outcome = await buddies.invite(cmd.uow, cmd.group, cmd.person, invitee)
    if isinstance(outcome, UnknownName):
        cmd.say(texts.buddies.buddy_unknown(outcome.username))
    elif isinstance(outcome, AlreadyPaired):
        cmd.say(_taken(outcome))
    elif isinstance(outcome, Invited):
        cmd.say(
            texts.buddies.invitation(outcome.inviter, outcome.invitee),
            markup=buddy_keyboard(cmd.user.id, outcome.invitee_id),
        )


def _taken(taken: AlreadyPaired) -> str:
    if taken.yourself:
        return texts.buddies.already_yours(taken.buddies)
    return texts.buddies.already_theirs(taken.name, taken.buddies)


async def invitation_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    found = buddy_answer(query.data or "")
    message = query.message
    if found is None or not isinstance(message, Message) or not is_group(message.chat):
        services(context).courier.answer(query.id, texts.posts.button_gone())
        return
    inviter, invitee, accept = found
    async with answering(context) as answer:
        outcome = await buddies.answer_invite(
            answer.uow, message.chat_id, inviter, invitee, query.from_user.id, accept
        )
        if outcome.group is not None:
            i18n.use(outcome.group.language)
        if outcome.not_yours is not None:
            answer.answer_button(query.id, texts.buddies.not_your_invitation(outcome.not_yours))
            return
        if outcome.group is None or outcome.gone:
            answer.answer_button(query.id, texts.buddies.invitation_gone())
            return
        answer.answer_button(query.id, texts.buddies.invitation_answered())
        if outcome.paired is not None:
            answer.post(outcome.group, texts.buddies.paired(*outcome.paired))
        elif outcome.declined is not None:
            answer.post(outcome.group, texts.buddies.declined(*outcome.declined))
        elif outcome.taken is not None:
            answer.post(
                outcome.group,
                texts.buddies.already_theirs(outcome.taken.name, outcome.taken.buddies),
            )
