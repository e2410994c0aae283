"""Questions about a group that handlers ask before anything else: the language it speaks,
and whether it knows a person (no Telegram call needed then)."""

from __future__ import annotations

from bot.actions.uow import UnitOfWork
from bot.store.chats import language_of
from bot.store.members import is_member


async def group_language(uow: UnitOfWork, telegram_id: int) -> str | None:
    """The language the bot speaks in the group; None for a group it doesn't know yet."""
    return await language_of(session=uow.session, telegram_id=telegram_id)


async def knows(uow: UnitOfWork, telegram_id: int, user_id: int) -> bool:
    """Whether the person has a member row in the group."""
    return await is_member(session=uow.session, telegram_chat_id=telegram_id, user_id=user_id)
