"""The inbox's upkeep while the process lives, one turn every half second of real time:
write the marks of what was handled and answered, renew the hold on the rows this process
has not finished, take over the rows of a replica that died (once their hold has run out),
and forget, a batch at a time, the finished rows kept long enough.

Holds are renewed six times within their length: a process must miss five renewals in a
row before another may take its rows. Dead replicas' rows are looked for as often, so
their work is late by at most a lease and a sixth. Finished rows are forgotten at most once
a minute of the bot's clock (the one they are dated by).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.clock import Clock
from bot.intake.inbox import DATABASE_TROUBLE, Inbox

log = logging.getLogger(__name__)

# How often the marks are written, in real seconds.
FLUSH_SECONDS = 0.5
FORGET_EVERY = timedelta(minutes=1)

TakeOver = Callable[[], Awaitable[tuple[int, int]]]


class Upkeep:
    """``take_over`` takes over, and hands on, what dead processes left (bot.runtime)."""

    def __init__(self, inbox: Inbox, clock: Clock, take_over: TakeOver) -> None:
        self._inbox = inbox
        self._clock = clock
        self._take_over = take_over
        self._every = inbox.lease.total_seconds() / 6
        loop = asyncio.get_running_loop()
        self._renew_at = loop.time() + self._every
        self._look_at = loop.time() + self._every
        self._forget_at = clock.now() + FORGET_EVERY

    async def run(self, stop: asyncio.Event) -> None:
        """A turn every ``FLUSH_SECONDS`` until ``stop`` (the stop writes the last marks
        itself, bot.intake.inbox.Inbox.close)."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), FLUSH_SECONDS)
            if stop.is_set():
                return
            try:
                await self.turn()
            except Exception:
                # A turn that fails must not end the upkeep: without it, this process's
                # hold would run out, and another would take over what it is doing.
                log.exception("a turn of the inbox's upkeep failed; taking the next")

    async def turn(self) -> None:
        await self._inbox.flush()
        now = asyncio.get_running_loop().time()
        if now >= self._renew_at:
            self._renew_at = now + self._every
            await self._inbox.renew()
        if now >= self._look_at:
            self._look_at = now + self._every
            await self._take_over_the_dead()
        if self._clock.now() >= self._forget_at:
            self._forget_at = self._clock.now() + FORGET_EVERY
            await self._inbox.forget_old()

    async def _take_over_the_dead(self) -> None:
        try:
            answers, updates = await self._take_over()
        except DATABASE_TROUBLE as error:
            log.warning("could not look for what stopped replicas left (%s)", error)
            return
        if answers or updates:
            log.info(
                "took over what a stopped replica left: %d answers, %d updates", answers, updates
            )
