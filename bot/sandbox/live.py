"""The real bot running inside the sandbox, in the same process as the fake Telegram.

This module is the one seam between the sandbox and the bot's production wiring: it builds
the Application with ``build_application`` (as ``habitloop run`` does), starts it the way
``bot.runner`` runs long polling, and runs the scheduler's tick when the sandbox moves the
clock. Nothing else in the sandbox knows how the bot is put together.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from telegram import Update

from bot.app import BotApplication, build_application
from bot.clock import Clock
from bot.config import Settings
from bot.jobs.tick import run_tick
from bot.sandbox.actions import FakeTelegram
from bot.services import SERVICES_KEY, Services

log = logging.getLogger(__name__)

# How long ``settled`` waits for the bot to take its pending updates, in seconds.
SETTLE_LIMIT = 10.0
SETTLE_STEP = 0.01


class LiveBot:
    """A started Application talking to a FakeTelegram through in-process requests."""

    def __init__(self, app: BotApplication, tg: FakeTelegram) -> None:
        self.app = app
        self._tg = tg

    @classmethod
    async def start(cls, tg: FakeTelegram, settings: Settings, clock: Clock) -> LiveBot:
        app = build_application(
            settings,
            request=tg.request(),
            updates_request=tg.request(),
            clock=clock,
            # Telegram's limits are kept by the fake itself; the limiter's real-time pacing
            # would make a jump of a week wait minutes for its posts.
            rate_limiter=None,
        )
        # As Application.run_polling does, step by step, in a loop that is already running.
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
        )
        await app.start()
        return cls(app, tg)

    async def stop(self) -> None:
        app = self.app
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)

    @property
    def services(self) -> Services:
        found = self.app.bot_data[SERVICES_KEY]
        assert isinstance(found, Services)
        return found

    async def tick(self) -> int:
        """Run the scheduler's tick once at the clock's time; how many posts it sent."""
        report = await run_tick(self.app.bot, self.services)
        return report.posted

    async def settled(self) -> None:
        """Wait until the bot has taken and handled every update waiting for it."""
        # The updater confirms what it took with its next getUpdates, a moment later.
        for _ in range(int(SETTLE_LIMIT / SETTLE_STEP)):
            if not self._tg.updates_pending():
                break
            await asyncio.sleep(SETTLE_STEP)
        await asyncio.wait_for(self.app.update_queue.join(), SETTLE_LIMIT)

    @contextlib.asynccontextmanager
    async def scheduler_paused(self) -> AsyncIterator[None]:
        """Hold the bot's own repeating tick while the sandbox ticks through a time jump, so
        each post is sent at the instant it was due."""
        jobs: list[Any] = list(self.app.job_queue.jobs()) if self.app.job_queue else []
        for job in jobs:
            job.enabled = False
        try:
            yield
        finally:
            for job in jobs:
                job.enabled = True
