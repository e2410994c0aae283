"""The scheduler's beat: the tick every TICK_SECONDS, timed by a clock that only goes forward.

python-telegram-bot's JobQueue (APScheduler) plans each next run by the wall clock. When the
wall clock steps back (an NTP correction, a VM resumed from a snapshot), it waits out the
step before running again: stepped back an hour, the bot posts nothing for an hour. Here the
wait between two ticks is measured on the event loop's monotonic clock, which no step moves;
what is due is still decided at each tick by the bot's clock. A step forward posts what fell
due (or skips what is too late for its window, as after any outage), and a step back posts
nothing twice: each post is claimed once, in the database.

The JobQueue itself still runs, as python-telegram-bot starts it with the Application; it
just has no job of ours.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from bot import metrics

log = logging.getLogger(__name__)


class Ticker:
    """Calls ``tick`` every ``seconds``, one at a time, until stopped; the first comes
    ``seconds`` after the start."""

    def __init__(self, tick: Callable[[], Awaitable[None]], seconds: float) -> None:
        self._tick = tick
        self._seconds = seconds
        self._turn = asyncio.Lock()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._seconds)
            if stop.is_set():
                return
            async with self._turn:
                await self._tick_once()

    async def _tick_once(self) -> None:
        try:
            await self._tick()
        except Exception as error:  # a bug: said, counted, and the next tick tries again
            metrics.ERRORS.labels("bug").inc()
            log.error("the tick failed", exc_info=error)
        finally:
            metrics.TICKS.inc()

    @contextlib.asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        """No tick runs inside the block (one running finishes first): for whoever ticks
        through a stretch of time by hand."""
        async with self._turn:
            yield
