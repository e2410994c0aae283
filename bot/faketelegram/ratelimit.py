"""Telegram's flood limits, measured on the injected clock, and forced failures for tests.

Telegram answers 429 "Too Many Requests: retry after N" when a bot sends more than about
30 messages a second overall or 20 a minute into one group. The windows here slide over the
clock's time: a clock that does not move lets a test send up to the limit and get a 429 for
the next message; advancing the clock past the window lets it send again.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from bot.clock import Clock
from bot.faketelegram.params import ApiError, ConnectionDropped

OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20

SENDING_METHODS = frozenset({"sendmessage", "sendphoto", "senddocument"})


def too_many(retry_after: int) -> ApiError:
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


# What a forced failure answers, by HTTP status; 0 is a connection dropped without an answer.
_SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
DROPPED = 0


@dataclass
class _Forced:
    method: str | None
    chat_id: int | None
    times: int
    retry_after: int
    status: int = 429


class RateLimiter:
    """Sliding windows per bot (overall) and per bot and group, plus forced failures."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.enabled = True
        self._overall: dict[int, deque[float]] = {}
        self._groups: dict[tuple[int, int], deque[float]] = {}
        self._forced: list[_Forced] = []

    def fail_next(
        self,
        method: str | None,
        times: int,
        retry_after: int,
        chat_id: int | None,
        status: int = 429,
    ) -> None:
        if status not in (429, DROPPED, *_SERVER_ERRORS):
            raise ValueError(f"can't fail with status {status}: 429, 5xx or 0 (dropped)")
        self._forced.append(
            _Forced(method.lower() if method else None, chat_id, times, retry_after, status)
        )

    def stop_failing(self) -> None:
        """Forget the failures still to come."""
        self._forced.clear()

    def forced(self, method: str, chat_id: int | None) -> None:
        """Fail the call as a test asked, if it matches (even with limits off)."""
        for entry in self._forced:
            if entry.method not in (None, method.lower()):
                continue
            if entry.chat_id is not None and entry.chat_id != chat_id:
                continue
            entry.times -= 1
            if entry.times <= 0:
                self._forced.remove(entry)
            if entry.status == DROPPED:
                raise ConnectionDropped(method)
            if entry.status in _SERVER_ERRORS:
                raise ApiError(entry.status, _SERVER_ERRORS[entry.status])
            raise too_many(entry.retry_after)

    def sending(self, bot_id: int, chat_id: int, is_group: bool) -> None:
        """Count one sent message, or raise 429 if it would exceed a limit."""
        if not self.enabled:
            return
        now = self._clock.now().timestamp()
        overall = self._overall.setdefault(bot_id, deque())
        group = self._groups.setdefault((bot_id, chat_id), deque()) if is_group else None
        _expire(overall, now, 1.0)
        if len(overall) >= OVERALL_PER_SECOND:
            raise too_many(max(1, math.ceil(overall[0] + 1.0 - now)))
        if group is not None:
            _expire(group, now, 60.0)
            if len(group) >= GROUP_PER_MINUTE:
                raise too_many(max(1, math.ceil(group[0] + 60.0 - now)))
            group.append(now)
        overall.append(now)


def _expire(window: deque[float], now: float, span: float) -> None:
    while window and window[0] <= now - span:
        window.popleft()
