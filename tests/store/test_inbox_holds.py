"""The inbox's holds: a process takes over only rows whose holder is gone, two processes
taking over at once take different rows, and finished rows are forgotten a batch at a time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.store import inbox
from bot.store.db import make_session_factory, session_scope

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ALIVE = inbox.Hold("alive", NOW + timedelta(seconds=30))
DEAD = inbox.Hold("dead", NOW - timedelta(seconds=1))


def _updates(first: int, count: int) -> list[inbox.Received]:
    return [inbox.Received(n, -1, 7, f'{{"update_id": {n}}}') for n in range(first, first + count)]


async def _owners(session: AsyncSession) -> dict[int, str | None]:
    rows = await session.execute(text("SELECT update_id, owner FROM inbox"))
    return {int(update_id): owner for update_id, owner in rows}


async def test_only_what_a_gone_holder_held_is_taken_over(session: AsyncSession) -> None:
    await inbox.accept(session=session, updates=_updates(1, 2), now=NOW, hold=ALIVE)
    await inbox.accept(session=session, updates=_updates(3, 2), now=NOW, hold=DEAD)
    await inbox.mark_handled(session=session, update_id=4, reply='{"messages": []}', now=NOW)
    taker = inbox.Hold("taker", NOW + timedelta(seconds=30))

    taken = await inbox.take_over(session=session, hold=taker, now=NOW, limit=10)
    assert [(row.update_id, row.handled) for row in taken] == [(3, False), (4, True)]
    assert taken[1].reply == '{"messages": []}'
    assert await _owners(session) == {1: "alive", 2: "alive", 3: "taker", 4: "taker"}
    # A minute later every hold has run out: the rows of "alive" are taken, not the
    # taker's own (it is handling them).
    later = NOW + timedelta(minutes=1)
    again = await inbox.take_over(session=session, hold=taker, now=later, limit=10)
    assert [row.update_id for row in again] == [1, 2]


async def test_a_hold_renewed_stays_and_one_let_go_is_taken_at_once(
    session: AsyncSession,
) -> None:
    await inbox.accept(session=session, updates=_updates(1, 2), now=NOW, hold=ALIVE)
    await inbox.renew(session=session, hold=inbox.Hold("alive", NOW + timedelta(minutes=5)))
    taker = inbox.Hold("taker", NOW + timedelta(minutes=10))
    soon = NOW + timedelta(minutes=1)
    assert await inbox.take_over(session=session, hold=taker, now=soon, limit=10) == []
    await inbox.release(session=session, owner="alive", now=soon)
    taken = await inbox.take_over(session=session, hold=taker, now=soon, limit=10)
    assert [row.update_id for row in taken] == [1, 2]


async def test_finished_rows_hold_nothing_and_keep_nothing_but_their_id(
    session: AsyncSession,
) -> None:
    await inbox.accept(session=session, updates=_updates(1, 3), now=NOW, hold=DEAD)
    await inbox.mark_handled(session=session, update_id=1, reply=None, now=NOW)
    await inbox.mark_handled(session=session, update_id=2, reply='{"big": "answer"}', now=NOW)
    await inbox.mark_finished(session=session, handled=[3], replied=[2], now=NOW)
    rows = await session.execute(
        text("SELECT payload, reply, owner, leased_until FROM inbox ORDER BY update_id")
    )
    assert [tuple(row) for row in rows] == [("", None, None, None)] * 3
    taker = inbox.Hold("taker", NOW + timedelta(seconds=30))
    assert await inbox.take_over(session=session, hold=taker, now=NOW, limit=10) == []


async def test_two_processes_taking_over_at_once_take_different_rows(
    engine: AsyncEngine,
) -> None:
    sessions = make_session_factory(engine)
    async with session_scope(sessions) as session:
        await inbox.accept(session=session, updates=_updates(1, 40), now=NOW, hold=DEAD)

    async def take(owner: str) -> list[int]:
        found: list[int] = []
        hold = inbox.Hold(owner, NOW + timedelta(seconds=30))
        while True:
            async with session_scope(sessions) as session:
                taken = await inbox.take_over(session=session, hold=hold, now=NOW, limit=5)
            if not taken:
                return found
            found += [row.update_id for row in taken]

    first, second = await asyncio.gather(take("first"), take("second"))
    assert sorted(first + second) == list(range(1, 41))
    assert not set(first) & set(second)


async def test_finished_rows_are_forgotten_a_batch_at_a_time(session: AsyncSession) -> None:
    await inbox.accept(session=session, updates=_updates(1, 5), now=NOW, hold=DEAD)
    await inbox.mark_finished(session=session, handled=[1, 2, 3, 4], replied=[], now=NOW)
    later = NOW + timedelta(days=3)
    gone = await inbox.forget_finished(session=session, received_before=later, limit=3)
    assert gone == 3
    assert await inbox.forget_finished(session=session, received_before=later, limit=3) == 1
    assert await inbox.forget_finished(session=session, received_before=later, limit=3) == 0
    assert list(await _owners(session)) == [5]  # not finished: kept, whatever its age
