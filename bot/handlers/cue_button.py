"""The ✅ buttons: under the daily cue, one tap checks the presser in; under a private
reminder, one tap checks them in, in the group it names.

The presser's toast is in the language of where they pressed (the group's under a cue,
their own under a private reminder); what the check-in earned is posted to the group in the
group's language.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import i18n, texts
from bot.actions import checkin
from bot.actions.checkin import CheckedIn, NotRecorded, Refused
from bot.actions.groups import knows
from bot.handlers.common import (
    Answer,
    Context,
    answering,
    group_seen,
    is_group,
    person_seen,
    speak_the_groups_language,
)
from bot.handlers.telling import news_of, tell
from bot.outbox.buttons import reminder_group
from bot.services import services

# Who is in a group, as Telegram reports it.
IN_GROUP = (
    ChatMemberStatus.OWNER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.RESTRICTED,
)


async def pressed_checkin(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if not isinstance(message, Message) or not is_group(message.chat):
        services(context).courier.answer(query.id, texts.posts.pressed_anonymous())
        return
    user = query.from_user
    if not await _known(context, message.chat_id, user.id) and not await _in_group(
        context, message.chat_id, user.id
    ):
        # Someone who sees a public group's cue without being in it: no member row for them.
        await speak_the_groups_language(context, message.chat)
        services(context).courier.answer(query.id, texts.posts.pressed_not_member())
        return
    async with answering(context) as answer:
        outcome = await checkin.press_cue_button(
            answer.uow, group_seen(message.chat), person_seen(user), message.message_id
        )
        _answer(answer, query.id, outcome)


async def pressed_reminder(update: Update, context: Context) -> None:
    """A ✅ under a private reminder: check the presser in, in the group it names."""
    query = update.callback_query
    if query is None:
        return
    row = reminder_group(query.data or "")
    if row is None:
        services(context).courier.answer(query.id, texts.posts.button_gone())
        return
    # Answered in the presser's own language; the group hears it in its own.
    async with answering(context, in_groups_language=False) as answer:
        outcome = await checkin.press_reminder_button(answer.uow, person_seen(query.from_user), row)
        _answer(answer, query.id, outcome)


def _answer(answer: Answer, query_id: str, outcome: CheckedIn | NotRecorded) -> None:
    """The toast tells the presser their streak; the group hears what the check-in earned
    (the streak itself is the toast's)."""
    if isinstance(outcome, NotRecorded):
        if outcome.reason is Refused.GROUP_GONE:
            answer.answer_button(query_id, texts.reminders.reminder_group_gone())
        elif outcome.reason is Refused.PROOF:  # a button carries no photo
            answer.answer_button(query_id, texts.proof.pressed_needs_proof())
        elif outcome.week is not None:  # tapped again, in a weekly week
            answer.answer_button(query_id, texts.targets.pressed(*outcome.week, already=True))
        else:  # tapped again: this press's entry is already there
            answer.answer_button(query_id, texts.posts.pressed_already(outcome.streak))
        return
    answer.answer_button(query_id, tell(outcome).toast)
    with i18n.speaking(outcome.group.language):
        news = news_of(outcome)
    if news:
        answer.post(outcome.group, "\n".join(news))


async def _known(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether the presser is a member of the group the bot knows (no Telegram call)."""
    svc = services(context)
    async with svc.work() as uow:
        return await knows(uow, chat_id, user_id)


async def _in_group(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether Telegram says the person is in the group (asked outside any transaction)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in IN_GROUP


async def unknown_button(update: Update, context: Context) -> None:
    """A press whose data is stale, unknown or forged: answered, so the spinner stops."""
    query = update.callback_query
    if query is None:
        return
    if isinstance(query.message, Message) and is_group(query.message.chat):
        await speak_the_groups_language(context, query.message.chat)
    services(context).courier.answer(query.id, texts.posts.button_gone())
