"""A bot's queue of updates with getUpdates semantics, and its webhook delivery.

Long polling waits in real time (a long poll returns as soon as an update arrives), while
message dates and rate windows use the injected clock. A second getUpdates while one is
waiting ends the first with 409, as Telegram does when two bot instances poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.faketelegram.params import ApiError
from bot.faketelegram.records import Update

_log = logging.getLogger(__name__)

ALL_KINDS = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "poll",
        "poll_answer",
    }
)
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
WEBHOOK_RETRY_SECONDS = 0.2


def _conflict_other_poller() -> ApiError:
    return ApiError(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
    )


@dataclass
class _Poll:
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    terminated: bool = False


class UpdateQueue:
    """Updates not yet confirmed by the bot, oldest first."""

    def __init__(
        self, first_update_id: int = 1, check: Callable[[Update], None] | None = None
    ) -> None:
        self.updates: list[Update] = []
        # Sees every update as it is made (the world compares it with the Bot API's types).
        self._check = check
        self.next_id = first_update_id
        self.allowed: frozenset[str] | None = None  # None: Telegram's default set
        self._polls: list[_Poll] = []
        self._listeners: list[asyncio.Event] = []
        # While set (see World.intercept), new updates land here instead of reaching the bot.
        self.diverted: list[Update] | None = None

    def wanted(self, kind: str) -> bool:
        allowed = self.allowed if self.allowed else ALL_KINDS - NOT_BY_DEFAULT
        return kind in allowed

    def set_allowed(self, kinds: list[str] | None) -> None:
        if kinds is not None:
            self.allowed = frozenset(kinds)

    def push(self, kind: str, payload: dict[str, Any]) -> Update:
        update = Update(self.next_id, kind, payload)
        self.next_id += 1
        if self._check is not None:
            self._check(update)
        if self.diverted is not None:
            self.diverted.append(update)
            return update
        self.updates.append(update)
        self._wake()
        return update

    def redeliver(self, update: Update) -> None:
        """Queue an update again with its own id (a retried webhook, an unconfirmed poll)."""
        self.updates.append(update)
        self.updates.sort(key=lambda u: u.update_id)
        self._wake()

    def _wake(self) -> None:
        for poll in self._polls:
            poll.wake.set()
        for listener in self._listeners:
            listener.set()

    def listen(self) -> asyncio.Event:
        """An event set whenever an update arrives (the webhook sender waits on it)."""
        event = asyncio.Event()
        self._listeners.append(event)
        return event

    def unlisten(self, event: asyncio.Event) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(event)

    def confirm(self, offset: int) -> None:
        """Forget updates before ``offset`` (or all but the last ``-offset`` ones)."""
        if offset > 0:
            self.updates = [u for u in self.updates if u.update_id >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def deliverable(self) -> list[Update]:
        """Drop the updates the bot did not ask for; the rest, in order."""
        self.updates = [u for u in self.updates if self.wanted(u.kind)]
        return self.updates

    def clear(self) -> None:
        self.updates.clear()

    async def get(self, offset: int, limit: int, wait_seconds: float) -> list[Update]:
        self.confirm(offset)
        ready = self.deliverable()
        if ready or wait_seconds <= 0:
            self._terminate_others()
            return ready[:limit]
        self._terminate_others()
        poll = _Poll()
        self._polls.append(poll)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + wait_seconds
            while True:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return []
                poll.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poll.wake.wait(), remaining)
                if poll.terminated:
                    raise _conflict_other_poller()
                ready = self.deliverable()
                if ready:
                    return ready[:limit]
        finally:
            self._polls.remove(poll)

    def _terminate_others(self) -> None:
        for poll in self._polls:
            poll.terminated = True
            poll.wake.set()


class WebhookSender:
    """POSTs a bot's updates one by one to its webhook URL, retrying until one succeeds."""

    def __init__(
        self, queue: UpdateQueue, url: str, secret: str | None, now: Callable[[], int]
    ) -> None:
        self.queue = queue
        self.url = url
        self.secret = secret
        self.last_error: tuple[int, str] | None = None
        self._now = now
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        arrived = self.queue.listen()
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret
        try:
            async with aiohttp.ClientSession() as session:
                while True:
                    ready = self.queue.deliverable()
                    if not ready:
                        arrived.clear()
                        await arrived.wait()
                        continue
                    update = ready[0]
                    if await self._post(session, update, headers):
                        self.queue.confirm(update.update_id + 1)
                    else:
                        await asyncio.sleep(WEBHOOK_RETRY_SECONDS)
        finally:
            self.queue.unlisten(arrived)

    async def _post(
        self, session: aiohttp.ClientSession, update: Update, headers: dict[str, str]
    ) -> bool:
        try:
            async with session.post(self.url, json=update.to_json(), headers=headers) as reply:
                await reply.read()
                if 200 <= reply.status < 300:
                    self.last_error = None
                    return True
                message = f"Wrong response from the webhook: {reply.status} {reply.reason}"
        except (aiohttp.ClientError, OSError) as exc:
            message = f"Connection refused ({type(exc).__name__})"
        _log.debug("webhook delivery to %s failed: %s", self.url, message)
        self.last_error = (self._now(), message)
        return False
