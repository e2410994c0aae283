"""The real bot running inside the sandbox, in the same process as the fake Telegram.

This module is the one seam between the sandbox and the bot's production wiring: it starts
the bot with ``bot.runtime.Runtime``, exactly as ``habitloop run`` does (long polling, the
rate limiter, the update processor, the scheduler's ticker), and runs the scheduler's tick when the
sandbox moves the clock. Nothing else in the sandbox knows how the bot is put together.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from bot.app import BotApplication
from bot.clock import Clock
from bot.config import Settings
from bot.faketelegram.actions import FakeTelegram
from bot.jobs.tick import run_tick
from bot.runtime import Runtime
from bot.services import Services

log = logging.getLogger(__name__)

# How long ``settled`` waits for the bot to take its pending updates, in seconds.
SETTLE_LIMIT = 10.0
SETTLE_STEP = 0.01


class LiveBot:
    """The bot as ``habitloop run`` runs it, talking to a FakeTelegram in process."""

    def __init__(self, runtime: Runtime, tg: FakeTelegram) -> None:
        self.runtime = runtime
        self._tg = tg

    @property
    def app(self) -> BotApplication:
        return self.runtime.app

    @classmethod
    async def start(cls, tg: FakeTelegram, settings: Settings, clock: Clock) -> LiveBot:
        runtime = await Runtime.start(
            settings, request=tg.request(), updates_request=tg.request(), clock=clock
        )
        return cls(runtime, tg)

    async def stop(self) -> None:
        await self.runtime.stop()

    @property
    def services(self) -> Services:
        return self.runtime.services

    async def tick(self) -> int:
        """Run the scheduler's tick once at the clock's time, and let its posts go out before
        the clock moves on; how many it posted."""
        report = await run_tick(self.services)
        await self.settled()
        return report.posted

    async def settled(self) -> None:
        """Wait until the bot has taken and handled every update waiting for it, and sent
        what it can send now."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_LIMIT
        quiet_for = 0
        while quiet_for < 3:
            quiet = not self._tg.updates_pending() and self.runtime.idle
            quiet_for = quiet_for + 1 if quiet else 0
            if loop.time() > deadline:
                raise TimeoutError("the bot did not settle in time")
            await asyncio.sleep(0 if quiet else SETTLE_STEP)

    @contextlib.asynccontextmanager
    async def scheduler_paused(self) -> AsyncIterator[None]:
        """Hold the bot's own repeating tick while the sandbox ticks through a time jump, so
        each post is sent at the instant it was due."""
        async with self.runtime.ticker.held():
            yield
