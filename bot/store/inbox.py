"""The inbox: updates kept from their receipt until they are handled and answered.

A row that is not finished belongs to the process that took it (``owner``) until its hold
runs out (``leased_until``); that process renews the hold while it lives, and another takes
over only rows whose hold ran out. A finished row holds nothing: it keeps its update id
alone (to recognise a redelivery) until it is forgotten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import PerDialect, is_postgres, table_of
from bot.store.models import InboxUpdate


@dataclass(frozen=True, slots=True)
class Received:
    update_id: int
    chat_id: int | None
    user_id: int | None  # who sent it
    payload: str  # the update's JSON, as Telegram sent it


@dataclass(frozen=True, slots=True)
class Hold:
    """A process's hold on the rows it takes: whose (a token of the process's own), and
    until when (real time)."""

    owner: str
    until: datetime


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A row taken over: an update to handle, or (handled) an answer to send."""

    update_id: int
    handled: bool
    payload: str
    reply: str | None


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
                _inbox.user_id: bindparam("user_id"),
                _inbox.payload: bindparam("payload"),
                _inbox.received_at: bindparam("received_at"),
                _inbox.owner: bindparam("owner"),
                _inbox.leased_until: bindparam("leased_until"),
            }
        )
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(_inbox.update_id)
    )
)


async def accept(
    *, session: AsyncSession, updates: Sequence[Received], now: datetime, hold: Hold
) -> set[int]:
    """Keep the updates, held by ``hold``; the ids of those not kept before (a redelivery
    is already there, and stays with whoever holds it)."""
    if not updates:
        return set()
    rows = [
        {
            "update_id": u.update_id,
            "chat_id": u.chat_id,
            "user_id": u.user_id,
            "payload": u.payload,
            "received_at": now,
            "owner": hold.owner,
            "leased_until": hold.until,
        }
        for u in updates
    ]
    result = await session.execute(_ACCEPT.of(session), rows)
    return set(result.scalars())


# Every update with a transaction of its own runs one of these; built once (see PerDialect).
# Handled, its JSON is no longer needed; with nothing to answer, it is finished.
_MARK_FINISHED = (
    update(table_of(InboxUpdate))
    .where(_inbox.update_id == bindparam("id"))
    .values(
        {
            _inbox.handled_at: bindparam("at"),
            _inbox.payload: "",
            _inbox.owner: None,
            _inbox.leased_until: None,
        }
    )
)
_MARK_ANSWERING = (
    update(table_of(InboxUpdate))
    .where(_inbox.update_id == bindparam("id"))
    .values(
        {_inbox.handled_at: bindparam("at"), _inbox.reply: bindparam("answer"), _inbox.payload: ""}
    )
)


async def mark_handled(
    *, session: AsyncSession, update_id: int, reply: str | None, now: datetime
) -> None:
    """The update's work is done (in this same transaction), and this is what to answer."""
    if reply is None:
        await session.execute(_MARK_FINISHED, {"id": update_id, "at": now})
    else:
        await session.execute(_MARK_ANSWERING, {"id": update_id, "at": now, "answer": reply})


async def mark_finished(
    *, session: AsyncSession, handled: Sequence[int], replied: Sequence[int], now: datetime
) -> None:
    """Updates handled without a transaction of their own (nothing to answer), and answers
    that were sent: finished, they keep nothing but their id."""
    if handled:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.update_id.in_(handled), InboxUpdate.handled_at.is_(None))
            .values(handled_at=now, payload="", owner=None, leased_until=None)
        )
    if replied:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.update_id.in_(replied))
            .values(replied_at=now, reply=None, owner=None, leased_until=None)
        )


async def keep_left(*, session: AsyncSession, left: Mapping[int, str]) -> None:
    """Answers partly sent (a reaction went, its message did not): only what is left to send
    is kept, so that whoever sends it does not send the rest again."""
    if not left:
        return
    await session.execute(
        update(table_of(InboxUpdate))
        .where(_inbox.update_id == bindparam("id"), _inbox.replied_at.is_(None))
        .values({_inbox.reply: bindparam("left")}),
        [{"id": update_id, "left": reply} for update_id, reply in left.items()],
    )


async def take_over(
    *, session: AsyncSession, hold: Hold, now: datetime, limit: int
) -> list[Unfinished]:
    """Rows whose holder is gone (its hold ran out: it died, or stopped and let them go),
    oldest first: held by ``hold`` from now on. Another process taking over at the same
    moment takes other rows (PostgreSQL skips the rows locked here; SQLite writes one at a
    time)."""
    query = (
        select(
            InboxUpdate.update_id,
            InboxUpdate.handled_at.is_not(None),
            InboxUpdate.payload,
            InboxUpdate.reply,
        )
        .where(
            InboxUpdate.leased_until <= now,
            or_(InboxUpdate.owner.is_(None), InboxUpdate.owner != hold.owner),
        )
        .order_by(InboxUpdate.update_id)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    taken = [Unfinished(*row) for row in await session.execute(query)]
    if taken:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.update_id.in_([row.update_id for row in taken]))
            .values(owner=hold.owner, leased_until=hold.until)
        )
    return taken


async def renew(*, session: AsyncSession, hold: Hold) -> None:
    """The process lives: its hold on the rows it has not finished goes on."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.leased_until.is_not(None), InboxUpdate.owner == hold.owner)
        .values(leased_until=hold.until)
    )


async def release(*, session: AsyncSession, owner: str, now: datetime) -> None:
    """The process stops: what it did not finish may be taken over at once."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.leased_until.is_not(None), InboxUpdate.owner == owner)
        .values(leased_until=now)
    )


async def forget_finished(*, session: AsyncSession, received_before: datetime, limit: int) -> int:
    """Drop up to ``limit`` finished rows received before then (kept until then to
    recognise a redelivery); how many went."""
    finished = (
        select(InboxUpdate.update_id)
        .where(
            InboxUpdate.received_at < received_before,
            InboxUpdate.leased_until.is_(None),
            InboxUpdate.handled_at.is_not(None),
        )
        .limit(limit)
    )
    result = await session.execute(
        delete(InboxUpdate).where(InboxUpdate.update_id.in_(finished.scalar_subquery()))
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def forget_person(*, session: AsyncSession, chat_id: int, user_id: int) -> None:
    """Everything kept of what a person sent to a chat, and of the answers to it."""
    await session.execute(
        delete(InboxUpdate).where(InboxUpdate.chat_id == chat_id, InboxUpdate.user_id == user_id)
    )
