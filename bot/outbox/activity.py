"""How busy the courier is, for whoever waits for it to fall quiet (a stop, or the tests
and the sandbox before they let time pass): what it has done, and how much of its work only
sleeps out a retry's wait."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from bot.clock import Clock


@dataclass
class Counts:
    """What the courier did: messages by how they ended, reactions and answers that went."""

    sent: int = 0
    merged: int = 0
    failed: int = 0
    reactions: int = 0
    answers: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)


class Activity:
    """Also the clock the courier's retries wait on: whoever sleeps on it is counted in
    ``asleep``, work that a stop need not wait for and that only time passing will move."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.asleep = 0
        self.counts = Counts()
        self._changed = asyncio.Event()

    def now(self) -> datetime:
        return self._clock.now()

    async def sleep_until(self, moment: datetime) -> None:
        self.asleep += 1
        self._changed.set()
        try:
            await self._clock.sleep_until(moment)
        finally:
            self.asleep -= 1

    def step(self) -> None:
        """An action finished: whoever waits for ``changed`` looks again."""
        self._changed.set()

    async def changed(self, within: float) -> None:
        """Until something changes, or ``within`` real seconds have passed."""
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), within)
