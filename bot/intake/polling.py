"""Long polling: ask Telegram for updates, keep them in the inbox, then hand them on.

Telegram forgets the updates of a getUpdates answer when the next getUpdates asks for a later
offset. That next call is made only once the inbox holds them, so an update is never confirmed
to Telegram before it is kept. Network trouble is retried with backoff (at most a minute
apart), one warning line each time, never a traceback.

The inbox keeps each update as the JSON Telegram sent: the answer is read as JSON first, kept
as it came, and only then made into ``Update`` objects (encoding the objects back into JSON
would walk every field of every update again).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from bot.clock import SystemClock
from bot.intake.inbox import Arrived, Inbox
from bot.retry import RetryPolicy

log = logging.getLogger(__name__)

# How long one getUpdates waits for an update (Telegram's long poll), in seconds.
POLL_SECONDS = 25
# Each getUpdates is tried until it answers (a rejected token, not passing, ends the polling).
FETCHING = RetryPolicy(
    first=1.0, factor=2.0, most=60.0, passing=(NetworkError, TimedOut, Conflict, RetryAfter)
)


class Poller:
    """``poll_seconds``: how long one getUpdates waits; an answer comes at least that often."""

    def __init__(
        self,
        bot: ExtBot,  # type: ignore[type-arg]
        inbox: Inbox,
        hand_on: Callable[[Update], Awaitable[None]],
        *,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self._bot = bot
        self._inbox = inbox
        self._hand_on = hand_on
        self._poll_seconds = poll_seconds
        self._offset = 0
        # When getUpdates last answered (the event loop's clock): /healthz says whether
        # updates are flowing.
        self.last_answer: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._waiting = False  # for Telegram, or for a backoff to pass: safe to cancel

    def stop(self) -> None:
        """Poll no more: at once while waiting for Telegram; otherwise once the updates in
        hand are kept and handed on (cancelling that would cut the inbox's transaction
        short, and the connection's rollback with it)."""
        self._stopping = True
        if self._waiting and self._task is not None:
            self._task.cancel()

    async def run(self) -> None:
        """Poll until ``stop`` (or cancelled). A webhook is never deleted here: whether one
        may be is decided at start (``bot.startup.make_way_for_polling``)."""
        self._task = asyncio.current_task()
        while not self._stopping:
            self._waiting = True
            try:
                # Real time: the network is waited for, whatever the bot's own clock says.
                updates = await FETCHING.run(self._fetch, clock=SystemClock(), on_retry=_warn)
            finally:
                self._waiting = False
            self.last_answer = asyncio.get_running_loop().time()
            if updates:
                await self._keep_and_hand_on(updates)
                self._offset = updates[-1].update.update_id + 1

    async def _fetch(self) -> list[Arrived]:
        """``Bot.get_updates`` as python-telegram-bot makes it (its rate limiter, its
        errors), but with each update's JSON kept beside the object made of it."""
        raw = await self._bot._post(
            "getUpdates",
            {
                "offset": self._offset,
                "timeout": self._poll_seconds,
                "allowed_updates": Update.ALL_TYPES,
            },
            # Telegram answers within the long poll; the connection is given ten more seconds.
            read_timeout=self._poll_seconds + 10,
        )
        return [
            Arrived(Update.de_json(data, self._bot), json.dumps(data, ensure_ascii=False))
            for data in cast(list[dict[str, Any]], raw)
        ]

    async def _keep_and_hand_on(self, updates: Sequence[Arrived]) -> None:
        for update in await self._inbox.accept(updates):
            await self._hand_on(update)


def _warn(error: BaseException, delay: float) -> None:
    log.warning("could not fetch updates (%s); trying again in %.0f s", error, delay)
