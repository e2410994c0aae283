"""What the courier learns about chats while sending (a group moved to a supergroup, a chat
that removed or blocked the bot, a forum topic gone), handed to the actions like an update."""

from __future__ import annotations

from bot.actions import membership
from bot.actions.uow import UnitsOfWork
from bot.outbox.limits import is_group_chat
from bot.outbox.send import ChatEvents


def chat_events(work: UnitsOfWork) -> ChatEvents:
    async def moved(old: int, new: int) -> None:
        async with work() as uow:
            await membership.group_moved(uow, old, new)

    async def gone(chat_id: int) -> None:
        # A group that removed the bot is paused (its data kept); a person who blocked it
        # gets no direct messages until they start it again.
        async with work() as uow:
            if is_group_chat(chat_id):
                await membership.bot_removed(uow, chat_id)
            else:
                await membership.blocked_privately(uow, chat_id)

    async def topic_gone(chat_id: int) -> None:
        async with work() as uow:
            await membership.topic_gone(uow, chat_id)

    return ChatEvents(moved=moved, gone=gone, topic_gone=topic_gone)
