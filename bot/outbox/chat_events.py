"""What the courier learns about chats while sending, written down in the store."""

from __future__ import annotations

from bot.outbox.limits import is_group_chat
from bot.outbox.send import ChatEvents
from bot.store.chats import set_active, set_topic
from bot.store.db import SessionFactory, session_scope
from bot.store.merge import move_chat
from bot.store.private import set_blocked


def chat_events(sessions: SessionFactory) -> ChatEvents:
    async def moved(old: int, new: int) -> None:
        async with session_scope(sessions) as session:
            await move_chat(session=session, old_telegram_id=old, new_telegram_id=new)

    async def gone(chat_id: int) -> None:
        # A group that removed the bot is paused (its data kept); a person who blocked it
        # gets no direct messages until they start it again.
        async with session_scope(sessions) as session:
            if is_group_chat(chat_id):
                await set_active(session=session, telegram_id=chat_id, active=False)
            else:
                await set_blocked(session=session, user_id=chat_id, blocked=True)

    async def topic_gone(chat_id: int) -> None:
        async with session_scope(sessions) as session:
            await set_topic(session=session, telegram_id=chat_id, topic_id=None)

    return ChatEvents(moved=moved, gone=gone, topic_gone=topic_gone)
