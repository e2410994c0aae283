"""Telegram's sending limits, kept on the injectable clock.

Telegram allows a bot about 30 messages a second overall and 20 a minute into one group; it
answers more with 429 "retry after". Those limits are for *messages*: a reaction or the
answer to a button press does not wait behind a group's queued messages (python-telegram-bot's
AIORateLimiter would hold them there, and one busy group would stall every group).

``SendBudget`` keeps both windows (sliding, as Telegram counts them) and hands out the moments
at which a message may go; the overall window serves its waiters first come, first served.
``TelegramLimits`` plugs it into python-telegram-bot: message-sending methods wait for the
budget, everything else goes straight out, and a 429 is waited out and retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot import metrics
from bot.clock import Clock

log = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
_SECOND = timedelta(seconds=1)
_MINUTE = timedelta(minutes=1)

# The Bot API methods that send a message: these are what Telegram's limits count.
MESSAGE_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendanimation",
        "sendvideo",
        "sendaudio",
        "sendvoice",
        "sendsticker",
        "sendpoll",
        "sendlocation",
        "sendcontact",
        "senddice",
        "copymessage",
        "forwardmessage",
    }
)


def is_group_chat(chat_id: int | str | None) -> bool:
    """Groups and supergroups have negative ids; a private chat's id is the user's."""
    return isinstance(chat_id, int) and chat_id < 0


class SendBudget:
    """How many messages may go now, overall and per group, and when the next one may."""

    def __init__(
        self,
        clock: Clock,
        *,
        overall: int = OVERALL_PER_SECOND,
        per_group: int = GROUP_PER_MINUTE,
    ) -> None:
        self._clock = clock
        self._overall_limit = overall
        self._group_limit = per_group
        self._overall: deque[datetime] = deque()
        self._groups: dict[int, deque[datetime]] = {}
        self._held: dict[int | None, datetime] = {}  # after a 429; None: every chat
        # The overall window is taken in turn, first come first served: only the first in
        # line sleeps on the clock, the others wait for the lock.
        self._overall_turn = asyncio.Lock()
        self._next_sweep = clock.now() + _MINUTE  # when idle groups' windows are dropped
        self._sleeping = 0  # senders sleeping on the clock (a window, a hold)
        self._in_line = 0  # senders waiting for their turn at the overall window
        self._turn_sleeps = False  # whoever has the turn sleeps on the clock

    @property
    def waiting(self) -> int:
        """Senders that wait for time to pass, not for work to finish: those sleeping on the
        clock, and those in line behind one that does. While the one whose turn it is goes
        on at once, the line moves without the clock: they are not counted then, or whoever
        watches for the bot to fall quiet would take a line moving one by one for a wait."""
        return self._sleeping + (self._in_line if self._turn_sleeps else 0)

    def group_ready_at(self, chat_id: int) -> datetime:
        """The earliest moment the group's own window (and any hold) lets a message go."""
        moment = self._clock.now()
        held = self._held.get(chat_id)
        if held is not None and held > moment:
            moment = held
        sent = self._groups.get(chat_id)
        if sent is not None and len(sent) >= self._group_limit:
            moment = max(moment, sent[-self._group_limit] + _MINUTE)
        return moment

    async def acquire(self, chat_id: int | str | None) -> bool:
        """Wait until a message to ``chat_id`` may go and count it; True if it had to wait."""
        waited = False
        group = chat_id if isinstance(chat_id, int) and is_group_chat(chat_id) else None
        while True:
            if group is not None and (ready := self.group_ready_at(group)) > self._clock.now():
                waited = True
                await self.sleep_until(ready)
                continue
            self._in_line += 1
            try:
                await self._overall_turn.acquire()
            finally:
                self._in_line -= 1
            try:
                while (ready := self._overall_ready_at()) > self._clock.now():
                    waited = True
                    self._turn_sleeps = True
                    try:
                        await self.sleep_until(ready)
                    finally:
                        self._turn_sleeps = False
                if group is None or self.group_ready_at(group) <= self._clock.now():
                    self._count(group)
                    return waited
            finally:
                self._overall_turn.release()
            # Something else filled the group's window meanwhile: wait for it again.

    async def sleep_until(self, moment: datetime) -> None:
        """Sleep on the clock, counted in ``waiting``."""
        self._sleeping += 1
        try:
            await self._clock.sleep_until(moment)
        finally:
            self._sleeping -= 1

    def hold(self, chat_id: int | str | None, seconds: float) -> None:
        """Telegram said "retry after": nothing more goes to that group (or, for any other
        chat, anywhere) until then."""
        key = chat_id if isinstance(chat_id, int) and is_group_chat(chat_id) else None
        until = self._clock.now() + timedelta(seconds=seconds)
        if key not in self._held or self._held[key] < until:
            self._held[key] = until

    def _overall_ready_at(self) -> datetime:
        now = self._clock.now()
        while self._overall and self._overall[0] <= now - _SECOND:
            self._overall.popleft()
        moment = now
        held = self._held.get(None)
        if held is not None and held > moment:
            moment = held
        if len(self._overall) >= self._overall_limit:
            moment = max(moment, self._overall[-self._overall_limit] + _SECOND)
        return moment

    def _count(self, group: int | None) -> None:
        now = self._clock.now()
        self._overall.append(now)
        if group is not None:
            sent = self._groups.setdefault(group, deque())
            sent.append(now)
            while sent[0] <= now - _MINUTE:
                sent.popleft()
        if now >= self._next_sweep:
            self._sweep(now)

    def _sweep(self, now: datetime) -> None:
        """Forget groups that sent nothing in the last minute (their window is empty)."""
        for group in [g for g, sent in self._groups.items() if sent[-1] <= now - _MINUTE]:
            del self._groups[group]
        self._next_sweep = now + _MINUTE


class TelegramLimits(BaseRateLimiter[dict[str, Any]]):
    """python-telegram-bot's rate limiter: messages wait for the budget (unless the caller
    already took it, ``rate_limit_args={"budgeted": True}``); every call's 429 is waited out
    on the clock and the call made again, up to ``max_retries`` times."""

    def __init__(self, budget: SendBudget, clock: Clock, *, max_retries: int = 8) -> None:
        self.budget = budget
        self._clock = clock
        self._max_retries = max_retries

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        is_message = endpoint.lower() in MESSAGE_METHODS
        budgeted = bool(rate_limit_args and rate_limit_args.get("budgeted"))
        for attempt in range(self._max_retries + 1):
            if is_message and (attempt > 0 or not budgeted):
                await self.budget.acquire(chat_id)
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as error:
                metrics.TELEGRAM_CALLS.labels(endpoint, "retry_after").inc()
                metrics.RETRY_AFTER.inc()
                if attempt == self._max_retries:
                    raise
                seconds = error.retry_after
                wait = seconds.total_seconds() if isinstance(seconds, timedelta) else seconds
                log.info("Telegram asks to wait %.0f s before %s; waiting", wait, endpoint)
                if is_message:
                    self.budget.hold(chat_id, wait)  # the next acquire waits it out
                else:
                    await self.budget.sleep_until(self._clock.now() + timedelta(seconds=wait))
                continue
            except Exception as error:
                metrics.TELEGRAM_CALLS.labels(endpoint, metrics.telegram_outcome(error)).inc()
                raise
            metrics.TELEGRAM_CALLS.labels(endpoint, "ok").inc()
            return result
        raise AssertionError("unreachable")  # the loop returns or raises
