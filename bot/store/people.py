"""People across their groups: their own time zone, reminder hour and language, and where
they are (which zone and language they get: bot.actions.reminders).

A person's row is made when they first choose something for themselves (``/timezone``,
``/remind``) or start the bot in a private chat. Their private reminder is scheduled only
while they have started the bot there and not blocked it (``next_reminder_at``, claimed by
bot.store.reminders). The reminder is written outside any update, so the language their
Telegram app spoke is kept on the row when they write to the bot privately or choose
something for themselves; a normal check-in in a group costs no statement for it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import insert_for
from bot.store.models import Chat, Member, Person, PrivateUser


async def ensure_person(
    *, session: AsyncSession, user_id: int, language: str | None = None
) -> Person:
    """The person's row, made on first sight; ``language`` (when Telegram told it) is kept."""
    insert = insert_for(session)
    await session.execute(
        insert(Person)
        .values(user_id=user_id, language=language)
        .on_conflict_do_nothing(index_elements=["user_id"])
    )
    found = await session.execute(
        select(Person).where(Person.user_id == user_id).execution_options(populate_existing=True)
    )
    person = found.scalar_one()
    if language is not None and person.language != language:
        person.language = language
    return person


async def memberships(*, session: AsyncSession, user_id: int) -> list[tuple[Member, Chat]]:
    """The person's member rows, with their groups."""
    rows = await session.execute(
        select(Member, Chat).join(Chat, Chat.id == Member.chat_id).where(Member.user_id == user_id)
    )
    return [(member, chat) for member, chat in rows]


async def started(*, session: AsyncSession, user_id: int) -> bool:
    """Whether the person started the bot in a private chat and has not blocked it."""
    row = await session.get(PrivateUser, user_id)
    return row is not None and not row.blocked
