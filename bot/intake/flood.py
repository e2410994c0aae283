"""Floods don't hurt others: one member sending commands faster than a person could is
answered once with a polite "slow down" and then ignored for a while.

Counted per member and chat, in this process, on the bot's clock: more than ``LIMIT``
commands (or button presses) in ``WINDOW`` gets the one answer, and nothing more is handled
from them until ``COOL_OFF`` has passed without their going over again. Other members and
groups are not affected: their updates are handled side by side.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from enum import Enum

from bot.clock import Clock

LIMIT = 20
WINDOW = timedelta(minutes=1)
COOL_OFF = timedelta(minutes=2)


class Verdict(Enum):
    HANDLE = "handle"
    WARN = "warn"  # the first one over: answered with "slow down"
    IGNORE = "ignore"


class FloodGuard:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._recent: dict[tuple[int, int], deque[datetime]] = {}
        self._quiet_until: dict[tuple[int, int], datetime] = {}
        self._next_sweep = clock.now() + COOL_OFF

    def judge(self, chat_id: int, user_id: int) -> Verdict:
        now = self._clock.now()
        key = (chat_id, user_id)
        recent = self._recent.setdefault(key, deque())
        recent.append(now)
        while recent[0] <= now - WINDOW:
            recent.popleft()
        if now >= self._next_sweep:
            self._sweep(now)
        quiet_until = self._quiet_until.get(key)
        if len(recent) > LIMIT:
            self._quiet_until[key] = now + COOL_OFF
            return Verdict.IGNORE if quiet_until is not None else Verdict.WARN
        if quiet_until is not None:
            if now < quiet_until:
                return Verdict.IGNORE
            del self._quiet_until[key]
        return Verdict.HANDLE

    def _sweep(self, now: datetime) -> None:
        for key in [k for k, times in self._recent.items() if times[-1] <= now - WINDOW]:
            del self._recent[key]
        for key in [k for k, until in self._quiet_until.items() if until <= now]:
            del self._quiet_until[key]
        self._next_sweep = now + COOL_OFF
