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


class Slot:
    """A message's place in the windows, taken by ``SendBudget.take``. Until ``sent`` says
    when the message went, it counts as going at any moment from now on; ``cancel`` gives
    it back if the message does not go (a no-op once sent)."""

    def __init__(self, budget: SendBudget, group: int | None, *, waited: bool) -> None:
        self._budget = budget
        self._group = group
        self.waited = waited  # whether taking it had to wait
        self._open = True

    def sent(self) -> None:
        """The message goes now: counted at this moment."""
        if self._open:
            self._open = False
            self._budget._settle(self._group, sent=True)

    def cancel(self) -> None:
        if self._open:
            self._open = False
            self._budget._settle(self._group, sent=False)


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
        # Slots taken and not yet sent: overall, and by group. They are counted in the
        # windows as if going at any moment from now, so the work between taking a slot and
        # sending (a database check) cannot put more than the limit into a window.
        self._pending = 0
        self._pending_groups: dict[int, int] = {}
        self._settled = asyncio.Event()  # set when a pending slot is sent or given back
        # After a 429, until when and for how long; None: every chat.
        self._held: dict[int | None, tuple[datetime, timedelta]] = {}
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
        on at once (or waits for a slot on its way to be sent), the line moves without the
        clock: they are not counted then, or whoever watches for the bot to fall quiet would
        take a line moving one by one for a wait."""
        return self._sleeping + (self._in_line if self._turn_sleeps else 0)

    def group_ready_at(self, chat_id: int) -> datetime | None:
        """The earliest moment the group's own window (and any hold) lets a message go;
        None while slots on their way to be sent fill it."""
        now = self._clock.now()
        sent = self._groups.get(chat_id)
        return _room_at(
            now,
            _hold_end(self._held.get(chat_id), now),
            None if sent is None else _as_of(sent, now),
            self._pending_groups.get(chat_id, 0),
            self._group_limit,
            _MINUTE,
        )

    async def acquire(self, chat_id: int | str | None) -> bool:
        """Wait until a message to ``chat_id`` may go and count it as going now; True if it
        had to wait."""
        slot = await self.take(chat_id)
        slot.sent()
        return slot.waited

    async def take(self, chat_id: int | str | None) -> Slot:
        """Wait until a message to ``chat_id`` may go and hold its place (see ``Slot``):
        for whoever has work to do between (a check) and counts the message when it goes."""
        waited = False
        group = chat_id if isinstance(chat_id, int) and is_group_chat(chat_id) else None
        while True:
            if group is not None and not await self._ready(self.group_ready_at(group)):
                waited = True
                continue
            self._in_line += 1
            try:
                await self._overall_turn.acquire()
            finally:
                self._in_line -= 1
            try:
                while not await self._ready(self._overall_ready_at(), turn=True):
                    waited = True
                if group is None or _is_now(self.group_ready_at(group), self._clock.now()):
                    return self._hold_slot(group, waited)
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
        length = timedelta(seconds=seconds)
        until = self._clock.now() + length
        if key not in self._held or self._held[key][0] < until:
            self._held[key] = (until, length)

    async def _ready(self, moment: datetime | None, *, turn: bool = False) -> bool:
        """True if ``moment`` is now; else waits for it (or, for None, for a pending slot to
        be settled) and returns False, to be asked again."""
        if moment is None:
            await self._settled.wait()  # another sender's work, not the clock
            return False
        if _is_now(moment, self._clock.now()):
            return True
        if turn:
            self._turn_sleeps = True
        try:
            await self.sleep_until(moment)
        finally:
            if turn:
                self._turn_sleeps = False
        return False

    def _overall_ready_at(self) -> datetime | None:
        now = self._clock.now()
        while self._overall and self._overall[0] <= now - _SECOND:
            self._overall.popleft()
        return _room_at(
            now,
            _hold_end(self._held.get(None), now),
            _as_of(self._overall, now),
            self._pending,
            self._overall_limit,
            _SECOND,
        )

    def _hold_slot(self, group: int | None, waited: bool) -> Slot:
        self._pending += 1
        if group is not None:
            self._pending_groups[group] = self._pending_groups.get(group, 0) + 1
        return Slot(self, group, waited=waited)

    def _settle(self, group: int | None, *, sent: bool) -> None:
        """A pending slot was sent (counted now) or given back."""
        self._pending -= 1
        if group is not None:
            left = self._pending_groups[group] - 1
            if left:
                self._pending_groups[group] = left
            else:
                del self._pending_groups[group]
        if sent:
            self._count(group)
        self._settled.set()
        self._settled = asyncio.Event()

    def _count(self, group: int | None) -> None:
        now = self._clock.now()
        _as_of(self._overall, now).append(now)
        if group is not None:
            sent = _as_of(self._groups.setdefault(group, deque()), now)
            sent.append(now)
            while sent[0] <= now - _MINUTE:
                sent.popleft()
        if not now < self._next_sweep <= now + _MINUTE:  # due, or the clock stepped back
            self._sweep(now)

    def _sweep(self, now: datetime) -> None:
        """Forget groups that sent nothing in the last minute (their window is empty)."""
        for group in [g for g, sent in self._groups.items() if sent[-1] <= now - _MINUTE]:
            del self._groups[group]
        self._next_sweep = now + _MINUTE


def _as_of(sent: deque[datetime], now: datetime) -> deque[datetime]:
    """The window as of ``now``: a message counted while the clock read later (it has since
    stepped back, as an NTP step does) counts as sent now, so it leaves the window one span
    from now, not once the clock comes round to that moment again."""
    if sent and sent[-1] > now:
        for index, moment in enumerate(sent):
            if moment > now:
                sent[index] = now
    return sent


def _hold_end(held: tuple[datetime, timedelta] | None, now: datetime) -> datetime | None:
    """When a hold ends: never later than its length from now, whatever the clock did."""
    if held is None:
        return None
    until, length = held
    return min(until, now + length)


def _is_now(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment <= now


def _room_at(
    now: datetime,
    held: datetime | None,
    sent: deque[datetime] | None,
    pending: int,
    limit: int,
    span: timedelta,
) -> datetime | None:
    """When a window of ``span`` that takes ``limit`` messages has room for one more, after
    any hold: now or later, or None while the ``pending`` ones (going at any moment from now
    on, so in every window to come) fill it."""
    room = limit - pending
    if room <= 0:
        return None
    moment = now if held is None or held <= now else held
    if sent is not None and len(sent) >= room:
        moment = max(moment, sent[-room] + span)
    return moment


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
