"""The one source of "now" for handlers, jobs, sending and the fake Telegram.

Everything that needs the time asks a Clock, and everything that waits for a moment (a
rate limit's window, a retry's backoff) sleeps on it, so tests and the sandbox can move time
without sleeping. Instants are always time-zone aware and in UTC.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, time-zone aware, in UTC."""
        ...

    async def sleep_until(self, moment: datetime) -> None:
        """Return once the clock reads ``moment`` or later."""
        ...


async def sleep_for(clock: Clock, seconds: float) -> None:
    """Sleep ``seconds`` on ``clock``."""
    await clock.sleep_until(clock.now() + timedelta(seconds=max(0.0, seconds)))


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, moment: datetime) -> None:
        await asyncio.sleep(max(0.0, (moment - self.now()).total_seconds()))


class ManualClock:
    """A clock that only moves when told to: for tests, benchmarks and the sandbox.

    Whoever sleeps on it wakes when ``set`` or ``advance`` moves it past their moment;
    ``next_wake`` tells when the earliest sleeper wants to wake, so a test can let time pass
    exactly as far as the bot is waiting for.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a time-zone aware start")
        self._now = start.astimezone(UTC)
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs a time-zone aware moment")
        self._now = moment.astimezone(UTC)
        self._wake()

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        self._wake()
        return self._now

    async def sleep_until(self, moment: datetime) -> None:
        if moment <= self._now:
            await asyncio.sleep(0)
            return
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (moment, next(self._order), woken))
        await woken

    def next_wake(self) -> datetime | None:
        """The earliest moment someone sleeps until, if anyone does."""
        self._forget_cancelled()
        return self._sleepers[0][0] if self._sleepers else None

    def _wake(self) -> None:
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, woken = heapq.heappop(self._sleepers)
            if not woken.done():
                woken.set_result(None)

    def _forget_cancelled(self) -> None:
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)
