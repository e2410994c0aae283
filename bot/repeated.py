"""A warning that may come in a flood (someone posting to the webhook without its secret, a
thousand times a minute): said at once the first time, then at most once a minute with how
many more times it happened, so that a flood is a line a minute in the logs, not a line a
request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.clock import Clock, sleep_for

# Seconds a warning is counted before the count is said.
EVERY_SECONDS = 60.0


class RepeatedWarning:
    def __init__(self, logger: logging.Logger, message: str, clock: Clock) -> None:
        self._logger = logger
        self._message = message
        self._clock = clock
        self._unsaid = 0
        self._counting: asyncio.Task[None] | None = None

    def happened(self) -> None:
        if self._counting is not None:
            self._unsaid += 1
            return
        self._logger.warning("%s", self._message)
        self._counting = asyncio.get_running_loop().create_task(self._count())

    async def _count(self) -> None:
        """Say every minute how many more there were, until a minute passes without any."""
        try:
            while True:
                await sleep_for(self._clock, EVERY_SECONDS)
                if not self._unsaid:
                    return
                self._say_count()
        finally:
            self._counting = None

    def _say_count(self) -> None:
        self._logger.warning("%s (%d more in the last minute)", self._message, self._unsaid)
        self._unsaid = 0

    async def close(self) -> None:
        """Stop counting; what was counted and not said yet is said now."""
        if self._counting is not None:
            self._counting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._counting
        if self._unsaid:
            self._say_count()
