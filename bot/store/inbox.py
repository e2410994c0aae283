"""The inbox: updates kept from their receipt until they are handled and answered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import PerDialect, table_of
from bot.store.models import InboxUpdate


@dataclass(frozen=True, slots=True)
class Received:
    update_id: int
    chat_id: int | None
    payload: str  # the update's JSON, as Telegram sent it


_inbox = table_of(InboxUpdate).c
# Every batch of updates runs this, built once (see PerDialect); a statement of many VALUES
# rows built per batch would be compiled anew for each batch size.
_ACCEPT = PerDialect(
    lambda insert: (
        insert(table_of(InboxUpdate))
        .values(
            {
                _inbox.update_id: bindparam("update_id"),
                _inbox.chat_id: bindparam("chat_id"),
                _inbox.payload: bindparam("payload"),
                _inbox.received_at: bindparam("received_at"),
            }
        )
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(_inbox.update_id)
    )
)


async def accept(*, session: AsyncSession, updates: Sequence[Received], now: datetime) -> set[int]:
    """Keep the updates; the ids of those not kept before (a redelivery is already there)."""
    if not updates:
        return set()
    rows = [
        {"update_id": u.update_id, "chat_id": u.chat_id, "payload": u.payload, "received_at": now}
        for u in updates
    ]
    result = await session.execute(_ACCEPT.of(session), rows)
    return set(result.scalars())


# Every update with a transaction of its own runs this; built once (see PerDialect).
_MARK_HANDLED = (
    update(table_of(InboxUpdate))
    .where(_inbox.update_id == bindparam("id"))
    .values({_inbox.handled_at: bindparam("handled_at"), _inbox.reply: bindparam("reply")})
)


async def mark_handled(
    *, session: AsyncSession, update_id: int, reply: str | None, now: datetime
) -> None:
    """The update's work is done (in this same transaction), and this is what to answer."""
    await session.execute(_MARK_HANDLED, {"id": update_id, "handled_at": now, "reply": reply})


async def mark_finished(
    *, session: AsyncSession, handled: Sequence[int], replied: Sequence[int], now: datetime
) -> None:
    """Updates handled without a transaction of their own, and answers that were sent."""
    if handled:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.update_id.in_(handled), InboxUpdate.handled_at.is_(None))
            .values(handled_at=now)
        )
    if replied:
        await session.execute(
            update(InboxUpdate).where(InboxUpdate.update_id.in_(replied)).values(replied_at=now)
        )


async def unhandled(*, session: AsyncSession, limit: int) -> list[tuple[int, str]]:
    """Updates received but not handled (the process stopped first), oldest first."""
    rows = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.payload)
        .where(InboxUpdate.handled_at.is_(None))
        .order_by(InboxUpdate.update_id)
        .limit(limit)
    )
    return [(update_id, payload) for update_id, payload in rows]


async def unanswered(*, session: AsyncSession, limit: int) -> list[tuple[int, str]]:
    """Updates handled whose answer was not sent (or not known to be), oldest first."""
    rows = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.reply)
        .where(
            InboxUpdate.handled_at.is_not(None),
            InboxUpdate.reply.is_not(None),
            InboxUpdate.replied_at.is_(None),
        )
        .order_by(InboxUpdate.update_id)
        .limit(limit)
    )
    return [(update_id, reply) for update_id, reply in rows if reply is not None]


async def forget_finished(*, session: AsyncSession, received_before: datetime) -> int:
    """Drop what was handled and answered long ago (kept a while to recognise redeliveries)."""
    result = await session.execute(
        delete(InboxUpdate).where(
            InboxUpdate.received_at < received_before,
            InboxUpdate.handled_at.is_not(None),
            or_(InboxUpdate.reply.is_(None), InboxUpdate.replied_at.is_not(None)),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
