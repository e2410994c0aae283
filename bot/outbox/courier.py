"""Telegram out: every message, reaction and button answer the bot sends goes through here.

Messages wait in a queue per chat and go out in order, each when Telegram's limits allow
(``SendBudget``). When a group's budget is spent (or the overall one), the check-in
confirmations waiting for it are merged into one message ("✅ Ann 5 · Bob 12 · Cy 3"), with
the milestones, bests and comebacks they carry still said in full. Reactions and button
answers don't queue behind messages: they go at once, each on its own (``fire``).

Each message is sent by ``send.Sender`` (retries, Telegram's errors, groups that moved).
Whoever queued a message can hear how it ended (``on_done``): the posts' outbox marks a post
sent, or leaves it to be tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from telegram.ext import ExtBot

from bot import i18n, texts
from bot.clock import Clock
from bot.outbox.activity import Activity, Counts
from bot.outbox.fire import FireAndForget
from bot.outbox.limits import SendBudget, Slot
from bot.outbox.outgoing import OnDone, Outcome, Outgoing, StillWanted
from bot.outbox.send import ChatEvents, Sender

log = logging.getLogger(__name__)

# How long a message is tried before it is given up, unless it says (``Outgoing.deadline``).
REPLY_PATIENCE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class _Queued:
    item: Outgoing  # its deadline set
    on_done: OnDone | None
    still_wanted: StillWanted | None


class Courier:
    def __init__(
        self, bot: ExtBot[Any], clock: Clock, budget: SendBudget, events: ChatEvents
    ) -> None:
        self._clock = clock
        self._budget = budget
        self._activity = Activity(clock)
        self._events = events
        # A group that moved is followed here too: what is queued for it goes to its new id.
        following = replace(events, moved=self._moved)
        self._sender = Sender(bot, self._activity, budget, following)
        self._fire = FireAndForget(bot, self._activity)
        self._queues: dict[int, deque[_Queued]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._closed = False

    # -- what the rest of the bot calls ---------------------------------------------------

    def send(
        self,
        item: Outgoing,
        *,
        on_done: OnDone | None = None,
        still_wanted: StillWanted | None = None,
    ) -> None:
        """Queue a message for its chat; it goes out in turn. ``on_done`` hears how it ended;
        ``still_wanted`` is asked right before sending (False withdraws it)."""
        if item.deadline is None:
            item = replace(item, deadline=self._clock.now() + REPLY_PATIENCE)
        self._enqueue(_Queued(item, on_done, still_wanted))

    def react(
        self, chat_id: int, message_id: int, emoji: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Set the bot's reaction on a message, at once, retried if it fails for a while;
        ``on_done`` once that ended."""
        self._fire.react(chat_id, message_id, emoji, on_done)

    def answer(self, query_id: str, text: str | None = None) -> None:
        """Answer a button press (the spinner stops; ``text`` shows as a toast)."""
        self._fire.answer(query_id, text)

    @property
    def counts(self) -> Counts:
        return self._activity.counts

    @property
    def asleep(self) -> int:
        """Units sleeping out a backoff (see ``units``)."""
        return self._activity.asleep

    @property
    def units(self) -> int:
        """Work under way: a chat's queue being sent, a reaction, an answer."""
        return len(self._workers) + len(self._fire.tasks)

    @property
    def outstanding(self) -> int:
        """Messages queued or being sent, plus reactions and answers under way."""
        return sum(len(q) for q in self._queues.values()) + self.units

    async def close(self, patience: float, waiting: Callable[[], int]) -> None:
        """Finish the sends under way within ``patience`` real seconds, then stop the rest.

        What only waits (a backoff, Telegram's limits: ``self.asleep`` and ``waiting()``) is
        not waited for: it is left for the next start (a post's hold runs out, an answer stays
        in the inbox).
        """
        self._closed = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + patience
        while self.units > self.asleep + waiting() and loop.time() < deadline:
            # Woken by any progress; a unit falling asleep in the budget does not say so,
            # hence the short look-again.
            await self._activity.changed(within=0.05)
        pending = [*self._workers.values(), *self._fire.tasks]
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- a chat's queue ---------------------------------------------------------------------

    def _enqueue(self, queued: _Queued) -> None:
        chat_id = queued.item.chat_id
        self._queues.setdefault(chat_id, deque()).append(queued)
        if chat_id not in self._workers:
            self._workers[chat_id] = asyncio.create_task(
                self._work(chat_id), name=f"courier:{chat_id}"
            )

    async def _work(self, chat_id: int) -> None:
        try:
            while (queue := self._queues.get(chat_id)) and not self._closed:
                slot = await self._budget.take(chat_id)
                try:
                    batch = self._take(queue, merge=slot.waited)
                    await self._deliver(chat_id, batch, slot)
                finally:
                    slot.cancel()  # not sent (withdrawn, or stopped): the place is given back
                self._activity.step()
        finally:
            self._workers.pop(chat_id, None)
            if not self._queues.get(chat_id):
                self._queues.pop(chat_id, None)

    @staticmethod
    def _take(queue: deque[_Queued], *, merge: bool) -> list[_Queued]:
        """The next message, or (after waiting for the budget) the head and every other
        confirmation waiting for the same topic, merged into one."""
        head = queue.popleft()
        if not merge or head.item.confirmation is None:
            return [head]
        batch, rest = [head], deque[_Queued]()
        while queue:
            queued = queue.popleft()
            item = queued.item
            same = item.confirmation is not None and item.thread_id == head.item.thread_id
            (batch if same else rest).append(queued)
        queue.extend(rest)
        return batch

    async def _deliver(self, chat_id: int, batch: list[_Queued], slot: Slot) -> None:
        # The slot is counted when the message goes, after the check whether it is still
        # wanted (a database round trip): counted when taken, a slow check would send it
        # later than the budget thinks, and crowd Telegram's window with the next ones.
        if len(batch) == 1:
            head = batch[0]
            if head.still_wanted is not None and not await head.still_wanted():
                outcome = Outcome.WITHDRAWN
            else:
                slot.sent()
                outcome = await self._sender.send(head.item)
        else:
            slot.sent()
            outcome = await self._sender.send(_merged(chat_id, batch))
            self.counts.merged += len(batch)
        self._count(outcome)
        for queued in batch:
            if queued.on_done is not None:
                try:
                    await queued.on_done(outcome)
                except Exception:
                    log.exception("could not record how a message to chat %s ended", chat_id)

    def _count(self, outcome: Outcome) -> None:
        counts = self.counts
        counts.by_outcome[outcome.value] = counts.by_outcome.get(outcome.value, 0) + 1
        if outcome is Outcome.SENT:
            counts.sent += 1
        else:
            counts.failed += 1

    async def _moved(self, old: int, new: int) -> None:
        """Messages still queued for a group that moved go to its new id."""
        await self._events.moved(old, new)
        waiting = self._queues.pop(old, None)
        for queued in waiting or ():
            self._enqueue(replace(queued, item=replace(queued.item, chat_id=new)))


def _merged(chat_id: int, batch: list[_Queued]) -> Outgoing:
    """One message for several confirmations, in the language of the first."""
    items = [queued.item for queued in batch]
    confirmations = [item.confirmation for item in items if item.confirmation is not None]
    with i18n.speaking(confirmations[0].language):
        text = texts.checkins.merged_confirmations(
            [confirmation.short for confirmation in confirmations],
            [line for confirmation in confirmations for line in confirmation.news],
        )
    deadline = max((item.deadline for item in items if item.deadline), default=None)
    return Outgoing(chat_id, text, thread_id=items[0].thread_id, deadline=deadline)
