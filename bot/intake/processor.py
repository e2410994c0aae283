"""Updates from different chats are handled side by side; one chat's stay in order.

python-telegram-bot hands each update to ``do_process_update`` in the order it arrived. Here
an update first waits for the earlier updates of its own chat (a fair lock per chat, so
arrival order is kept), then for one of a bounded number of places to run. A busy group's
queue therefore holds no place that a quiet group's update could use, and the quiet group is
answered at once. Two updates of one member in different chats (a reminder's button in a
private chat, a /done in the group) may run together: the member's database row lock keeps
their streak exact.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import metrics
from bot.logcontext import log_context

# How many updates python-telegram-bot may hand over at once (running, or waiting for their
# chat); beyond it, it waits before taking more from its queue.
ACCEPTED_AT_ONCE = 10_000


@dataclass(slots=True)
class InProgress:
    """The update being handled in this task; ``recorded`` once a transaction marked it
    handled in the inbox (bot.handlers.common.answering)."""

    update_id: int
    recorded: bool = False


current_update: ContextVar[InProgress | None] = ContextVar("current_update", default=None)


def update_kind(update: object) -> str:
    """Which kind of update it is (its field's name: message, callback_query, ...)."""
    if isinstance(update, Update):
        for kind in Update.ALL_TYPES:
            if getattr(update, kind, None) is not None:
                return str(kind)
    return "other"


def chat_key(update: object) -> int | None:
    """What orders an update: its chat, else its sender (inline queries have no chat)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """``finished(update_id)`` is called for each update handled without a transaction that
    recorded it (so the inbox can mark it handled)."""

    def __init__(self, max_running: int, finished: Callable[[int], None]) -> None:
        super().__init__(ACCEPTED_AT_ONCE)
        self._finished = finished
        self._stopping = False
        self._running = asyncio.Semaphore(max_running)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, updates holding it

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        update_id = update.update_id if isinstance(update, Update) else None
        started = False
        try:
            with self._turn_of(key) as turn:
                async with turn, self._running:
                    if self._stopping:
                        return  # left in the inbox, for the next start
                    started = True
                    progress = InProgress(update_id) if update_id is not None else None
                    token = current_update.set(progress)
                    began = time.perf_counter()
                    try:
                        with log_context(update_id=update_id, chat_id=key):
                            await coroutine
                    finally:
                        metrics.UPDATES.labels(update_kind(update)).inc()
                        metrics.HANDLING_SECONDS.observe(time.perf_counter() - began)
                        current_update.reset(token)
                        if progress is not None and not progress.recorded:
                            self._finished(progress.update_id)
        finally:
            if not started and isinstance(coroutine, Coroutine):
                coroutine.close()  # stopped while waiting its turn: it never ran

    @contextmanager
    def _turn_of(self, key: int | None) -> Iterator[asyncio.Lock]:
        if key is None:
            yield asyncio.Lock()
            return
        lock, holders = self._chats.get(key, (asyncio.Lock(), 0))
        self._chats[key] = (lock, holders + 1)
        try:
            yield lock
        finally:
            lock, holders = self._chats[key]
            if holders == 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, holders - 1)

    def stop_taking(self) -> None:
        """From now on, updates still waiting for their turn are not handled."""
        self._stopping = True

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
