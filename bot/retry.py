"""How a call that may fail for a while is tried again: one policy for every retry loop.

A policy says how long to wait after the first failure, by how much each wait grows and how
long it may get, when to give up (a deadline, a number of attempts, or never), and which
errors pass (worth another attempt). Any other error ends the call at once, as it came. Each
call site states its own numbers: waiting for Telegram at start, fetching updates, sending a
message, a reaction or a button answer.

The waits are on a Clock, so that a test's ManualClock passes them without sleeping; whoever
waits on the network itself, whatever time the bot's clock says, hands in the SystemClock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from bot.clock import Clock, sleep_for

T = TypeVar("T")


class GaveUp(Exception):
    """The call kept failing for passing reasons until its deadline or its last attempt;
    ``error`` is the last failure."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    first: float  # seconds between the first failure and the next attempt
    factor: float  # each wait is this many times the one before
    most: float  # seconds: no wait is longer
    passing: tuple[type[BaseException], ...]  # failures worth another attempt
    refusing: tuple[type[BaseException], ...] = ()  # kinds of the passing ones that are not
    patience: timedelta | None = None  # no attempt starts later than this after the first
    attempts: int | None = None  # at most this many attempts

    def delays(self) -> Iterator[float]:
        """The waits between attempts, one after another: growing, then at ``most``."""
        delay = min(self.first, self.most)
        while True:
            yield delay
            delay = min(delay * self.factor, self.most)

    async def run(
        self,
        attempt: Callable[[], Awaitable[T]],
        *,
        clock: Clock,
        deadline: datetime | None = None,
        on_retry: Callable[[BaseException, float], None] | None = None,
    ) -> T:
        """What ``attempt`` returns once it succeeds. A failure that passes is tried again
        after the next wait (``on_retry`` hears of it and of the wait first), unless that
        attempt would start after ``deadline`` (or the policy's patience), or the attempts
        are used up: then GaveUp. Any other failure is raised as it is."""
        if self.patience is not None:
            own = clock.now() + self.patience
            deadline = own if deadline is None else min(deadline, own)
        tried = 0
        for delay in self.delays():
            try:
                return await attempt()
            except self.passing as error:
                if isinstance(error, self.refusing):
                    raise
                tried += 1
                if self._spent(tried, clock.now() + timedelta(seconds=delay), deadline):
                    raise GaveUp(error) from error
                if on_retry is not None:
                    on_retry(error, delay)
            await sleep_for(clock, delay)
        raise AssertionError("unreachable")  # the waits never end

    def _spent(self, tried: int, next_attempt: datetime, deadline: datetime | None) -> bool:
        if self.attempts is not None and tried >= self.attempts:
            return True
        return deadline is not None and next_attempt > deadline
