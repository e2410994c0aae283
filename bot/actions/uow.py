"""The unit of work: one transaction of the bot's work, the moment it happens at, and the
deployment's default zone. Every action takes one.

Whoever opens it may ask to hear which group the work turns out to be about
(``on_group``): a handler answers in that group's language from then on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.store import inbox
from bot.store.db import SessionFactory, session_scope


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """What is needed to speak to a group: where, and in which language."""

    telegram_id: int
    title: str
    language: str
    topic_id: int | None


@dataclass(frozen=True, slots=True)
class UnitOfWork:
    session: AsyncSession
    now: datetime
    default_zone: ZoneInfo
    on_group: Callable[[GroupInfo], None] | None = None

    def entered(self, group: GroupInfo) -> None:
        """The work is about ``group`` (its row was read)."""
        if self.on_group is not None:
            self.on_group(group)

    async def record_update(self, update_id: int, answer: str | None) -> None:
        """The update this work answers is handled, with what it answers (kept until sent)."""
        await inbox.mark_handled(
            session=self.session, update_id=update_id, reply=answer, now=self.now
        )


@dataclass(frozen=True, slots=True)
class UnitsOfWork:
    """Opens units of work: the database, the clock and the default zone each one needs."""

    sessions: SessionFactory
    clock: Clock
    default_zone: ZoneInfo

    @asynccontextmanager
    async def __call__(
        self, on_group: Callable[[GroupInfo], None] | None = None
    ) -> AsyncIterator[UnitOfWork]:
        """A unit of work at the clock's now: committed when the block ends, rolled back on
        any error."""
        async with session_scope(self.sessions) as session:
            yield UnitOfWork(session, self.clock.now(), self.default_zone, on_group)
