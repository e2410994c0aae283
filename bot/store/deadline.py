"""A deadline for a whole unit of work on PostgreSQL: the wait for a connection, every
statement and the commit together, so that a server that stops answering fails the work in
hand within DATABASE_TIMEOUT instead of stalling it.

Each of asyncpg's own timeouts bounds one step, and a unit of work that meets a server that
hangs takes several steps in a row, each waiting its full time: the liveness check on
check-out, closing that connection, a new connection, its statement, closing it again.

At the deadline, the connections the unit holds are closed at once (the statement waiting on
one fails, and SQLAlchemy discards the connection rather than pool it half-used), and the
unit's task is cancelled wherever else it waits (for the pool, for a new connection), which
the block's caller sees as TimeoutError. Closing first matters: a cancelled statement alone
leaves asyncpg waiting for the server to confirm the cancel before it lets the connection go,
and a server that hangs never does.

A commit under way at the deadline is the one case left in doubt: it may still take effect
when the server wakes up, after the work was reported as not done.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry

# The driver connections the unit of work running in this context has checked out. SQLAlchemy
# runs the pool's events in a greenlet that shares the caller's context, so they see it.
_held: ContextVar[list[Any] | None] = ContextVar("held_connections", default=None)


def track_checkouts(engine: AsyncEngine) -> None:
    """Let a deadline find the connections its unit of work holds. Registered before any
    other check-out listener, so that a liveness check that hangs is one of them."""

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def _taken(_dbapi: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        held = _held.get()
        if held is not None:
            held.append(record.driver_connection)

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _returned(_dbapi: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        held = _held.get()
        if held is not None and record.driver_connection in held:
            held.remove(record.driver_connection)


@asynccontextmanager
async def give_up_after(seconds: float | None) -> AsyncIterator[None]:
    """The block fails with TimeoutError once ``seconds`` have passed (None: no deadline)."""
    if seconds is None:
        yield
        return
    held: list[Any] = []
    token = _held.set(held)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as scope:

            def expire() -> None:
                for connection in list(held):
                    connection.terminate()  # asyncpg: drop the socket, wait for nothing
                scope.reschedule(loop.time())  # and cancel whatever else the task waits for

            deadline = loop.call_later(seconds, expire)
            try:
                yield
            finally:
                deadline.cancel()
    except TimeoutError as error:
        if scope.expired():
            raise TimeoutError(f"no answer from the database within {seconds:g} s") from error
        raise
    finally:
        _held.reset(token)
