"""How a call that may fail for a while is tried again: one policy for every retry loop.

A policy says how long to wait after the first failure, by how much each wait grows and how
long it may get, when to give up (a deadline, a number of attempts, or never), and which
errors pass (worth another attempt). Any other error ends the call at once, as it came. Each
call site states its own numbers: waiting for Telegram at start, fetching updates, sending a
message, a reaction or a button answer.

A call that must not take effect twice names the failures after which it may have taken
effect all the same (``unsure``: a lost answer). Such a call is tried again only once after
those, and not before ``unsure_pause``; a second one ends it. Failures that surely left
nothing done keep their retries, before and after.

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
    """The call kept failing for passing reasons until its deadline or its last attempt,
    or failed unsure a second time; ``error`` is the last failure, ``unsure`` whether any
    attempt failed in a way that may have taken effect all the same."""

    def __init__(self, error: BaseException, *, unsure: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.unsure = unsure


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    first: float  # seconds between the first failure and the next attempt
    factor: float  # each wait is this many times the one before
    most: float  # seconds: no wait is longer
    passing: tuple[type[BaseException], ...]  # failures worth another attempt
    refusing: tuple[type[BaseException], ...] = ()  # kinds of the passing ones that are not
    patience: timedelta | None = None  # no attempt starts later than this after the first
    attempts: int | None = None  # at most this many attempts
    # Passing failures after which the call may have taken effect: one more attempt at most.
    unsure: Callable[[BaseException], bool] | None = None
    unsure_pause: float = 0.0  # seconds, at least, before that one more attempt

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
        are used up, or it is the second unsure one: then GaveUp. Any other failure is
        raised as it is."""
        if self.patience is not None:
            own = clock.now() + self.patience
            deadline = own if deadline is None else min(deadline, own)
        tried = 0
        unsure = False  # an attempt failed in a way that may have taken effect
        for backoff in self.delays():
            delay = backoff
            try:
                return await attempt()
            except self.passing as error:
                if isinstance(error, self.refusing):
                    raise
                tried += 1
                if self.unsure is not None and self.unsure(error):
                    if unsure:
                        raise GaveUp(error, unsure=True) from error
                    unsure = True
                    delay = max(delay, self.unsure_pause)
                if self._spent(tried, clock.now() + timedelta(seconds=delay), deadline):
                    raise GaveUp(error, unsure=unsure) from error
                if on_retry is not None:
                    on_retry(error, delay)
            await sleep_for(clock, delay)
        raise AssertionError("unreachable")  # the waits never end

    def _spent(self, tried: int, next_attempt: datetime, deadline: datetime | None) -> bool:
        if self.attempts is not None and tried >= self.attempts:
            return True
        return deadline is not None and next_attempt > deadline
