"""Telegram out: every message, reaction and button answer the bot sends goes through here.

Messages wait in a queue per chat and go out in order, each when Telegram's limits allow
(``SendBudget``). When a group's budget is spent (or the overall one), the check-in
confirmations waiting for it are merged into one message ("✅ Ann 5 · Bob 12 · Cy 3"), with
the milestones, bests and comebacks they carry still said in full. Reactions and button
answers don't queue behind messages: they go at once, each on its own.

A send that fails for a passing reason (the network, a timeout, Telegram's 5xx, a "retry
after" beyond the limiter's patience) is tried again with backoff until its deadline. A group
that became a supergroup is followed, a closed or deleted forum topic falls back to the
general chat, and a group that removed the bot (or a person who blocked it) is paused, its
data kept. Whoever queued a message can hear how it ended (``on_done``): the posts' outbox
marks a post sent, or leaves it to be tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Message, ReactionTypeEmoji
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.clock import Clock, sleep_for
from bot.outbox.limits import SendBudget
from bot.outbox.split import MAX_CAPTION, fit_lines, telegram_length

log = logging.getLogger(__name__)

# How long a reply, a reaction and a button answer are tried before they are given up.
REPLY_PATIENCE = timedelta(minutes=10)
REACTION_PATIENCE = timedelta(minutes=2)
# Telegram forgets a button press after about 15 seconds; an answer later is refused.
ANSWER_PATIENCE = timedelta(seconds=12)
FIRST_BACKOFF_SECONDS = 1.0
# Check-ins named on one line of a merged confirmation ("✅ Ann 5 · Bob 12 · ..."): a long
# line of them still fits any phone's paragraph and Telegram's limits.
_MERGED_PER_LINE = 25
MAX_BACKOFF_SECONDS = 60.0

# What Telegram answers when a forum topic was closed or deleted.
_GONE_TOPIC = ("thread not found", "topic_closed", "topic_deleted", "topic not found")
# Failures that pass: a network error, a timeout, Telegram's 5xx, a "retry after" beyond the
# rate limiter's patience. (BadRequest is a NetworkError too, so it is caught first.)
_PASSING = (NetworkError, RetryAfter)


class Outcome(StrEnum):
    SENT = "sent"
    GONE = "gone"  # the bot was removed from the chat or blocked: nobody to tell
    REFUSED = "refused"  # Telegram refused the message itself; trying again won't help
    GAVE_UP = "gave_up"  # it kept failing for passing reasons until its deadline
    WITHDRAWN = "withdrawn"  # right before sending, whoever queued it no longer wanted it


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A check-in's reply, which may be merged with other members' when the group's budget
    is spent: ``short`` stands for it in the merged line, ``news`` is said in full anyway."""

    short: str
    news: tuple[str, ...] = ()


@dataclass(slots=True)
class Outgoing:
    """One message to send: text (or a photo or a document with it as caption)."""

    chat_id: int
    text: str
    thread_id: int | None = None
    reply_to: int | None = None
    markup: InlineKeyboardMarkup | None = None
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None  # file name, content
    confirmation: Confirmation | None = None
    deadline: datetime | None = None
    # Asked right before sending: False withdraws it (a post another process took over).
    still_wanted: Callable[[], Awaitable[bool]] | None = None
    on_done: Callable[[Outcome, Message | None], Awaitable[None]] | None = None


@dataclass(slots=True)
class ChatEvents:
    """What the courier tells the rest of the bot about chats (the store acts on it)."""

    moved: Callable[[int, int], Awaitable[None]]  # old id, new id
    gone: Callable[[int], Awaitable[None]]
    topic_gone: Callable[[int], Awaitable[None]]


@dataclass
class _Counts:
    sent: int = 0
    merged: int = 0
    failed: int = 0
    reactions: int = 0
    answers: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)


class Courier:
    def __init__(
        self, bot: ExtBot[Any], clock: Clock, budget: SendBudget, events: ChatEvents
    ) -> None:
        self._bot = bot
        self._clock = clock
        self._budget = budget
        self._events = events
        self._queues: dict[int, deque[Outgoing]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.asleep = 0  # units sleeping out a backoff (see ``units``)
        self._changed = asyncio.Event()
        self.counts = _Counts()
        self.progress = 0  # grows with every finished action, for whoever watches for quiet

    # -- what the rest of the bot calls ---------------------------------------------------

    def send(self, item: Outgoing) -> None:
        """Queue a message for its chat; it goes out in turn."""
        if item.deadline is None:
            item.deadline = self._clock.now() + REPLY_PATIENCE
        self._queues.setdefault(item.chat_id, deque()).append(item)
        if item.chat_id not in self._workers:
            self._workers[item.chat_id] = asyncio.create_task(
                self._work(item.chat_id), name=f"courier:{item.chat_id}"
            )

    def react(self, chat_id: int, message_id: int, emoji: str) -> None:
        """Set the bot's reaction on a message, at once, retried if it fails for a while."""

        async def attempt() -> None:
            await self._bot.set_message_reaction(chat_id, message_id, ReactionTypeEmoji(emoji))

        self._spawn(self._keep_trying(attempt, REACTION_PATIENCE, "reaction"), "reactions")

    def answer(self, query_id: str, text: str | None = None) -> None:
        """Answer a button press (the spinner stops; ``text`` shows as a toast)."""

        async def attempt() -> None:
            await self._bot.answer_callback_query(query_id, text=text)

        self._spawn(self._keep_trying(attempt, ANSWER_PATIENCE, "button answer"), "answers")

    @property
    def units(self) -> int:
        """Work under way: a chat's queue being sent, a reaction, an answer."""
        return len(self._workers) + len(self._tasks)

    @property
    def outstanding(self) -> int:
        """Messages queued or being sent, plus reactions and answers under way."""
        return sum(len(q) for q in self._queues.values()) + len(self._workers) + len(self._tasks)

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
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), 0.05)
        pending = [*self._workers.values(), *self._tasks]
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- a chat's queue ---------------------------------------------------------------------

    async def _work(self, chat_id: int) -> None:
        try:
            while (queue := self._queues.get(chat_id)) and not self._closed:
                waited = await self._budget.acquire(chat_id)
                batch = self._take(queue, merge=waited)
                await self._deliver(chat_id, batch)
                self._step()
        finally:
            self._workers.pop(chat_id, None)
            if not self._queues.get(chat_id):
                self._queues.pop(chat_id, None)

    @staticmethod
    def _take(queue: deque[Outgoing], *, merge: bool) -> list[Outgoing]:
        """The next message, or (after waiting for the budget) the head and every other
        confirmation waiting for the same topic, merged into one."""
        head = queue.popleft()
        if not merge or head.confirmation is None:
            return [head]
        batch, rest = [head], deque[Outgoing]()
        while queue:
            item = queue.popleft()
            same = item.confirmation is not None and item.thread_id == head.thread_id
            (batch if same else rest).append(item)
        queue.extend(rest)
        return batch

    async def _deliver(self, chat_id: int, batch: list[Outgoing]) -> None:
        if len(batch) == 1:
            head = batch[0]
            if head.still_wanted is not None and not await head.still_wanted():
                outcome, message = Outcome.WITHDRAWN, None
            else:
                outcome, message = await self._send_parts(head)
        else:
            outcome, message = await self._send_merged(chat_id, batch)
            self.counts.merged += len(batch)
        self.counts.by_outcome[outcome.value] = self.counts.by_outcome.get(outcome.value, 0) + 1
        if outcome is Outcome.SENT:
            self.counts.sent += 1
        else:
            self.counts.failed += 1
        for item in batch:
            if item.on_done is not None:
                try:
                    await item.on_done(outcome, message)
                except Exception:
                    log.exception("could not record how a message to chat %s ended", chat_id)

    async def _send_merged(
        self, chat_id: int, batch: list[Outgoing]
    ) -> tuple[Outcome, Message | None]:
        head = batch[0]
        shorts = [item.confirmation.short for item in batch if item.confirmation is not None]
        lines = [
            "✅ " + " · ".join(shorts[start : start + _MERGED_PER_LINE])
            for start in range(0, len(shorts), _MERGED_PER_LINE)
        ]
        lines += [text for item in batch if item.confirmation for text in item.confirmation.news]
        deadline = max((item.deadline for item in batch if item.deadline), default=None)
        merged = Outgoing(chat_id, "\n".join(lines), thread_id=head.thread_id, deadline=deadline)
        return await self._send_parts(merged)

    async def _send_parts(self, item: Outgoing) -> tuple[Outcome, Message | None]:
        """Send the message, in as many parts as Telegram's length limit needs (a long list);
        the first part quotes what it answers, the last carries the buttons."""
        if item.photo is not None or item.document is not None:
            if telegram_length(item.text) > MAX_CAPTION:  # a caption is never split: cut
                item.text = fit_lines(item.text.split("\n"), MAX_CAPTION)[0]
            return await self._send(item, budgeted=True)
        parts = fit_lines(item.text.split("\n")) or [item.text]
        outcome: Outcome = Outcome.SENT
        message: Message | None = None
        for number, text in enumerate(parts):
            last = number == len(parts) - 1
            part = replace(
                item,
                text=text,
                reply_to=item.reply_to if number == 0 else None,
                markup=item.markup if last else None,
            )
            outcome, message = await self._send(part, budgeted=number == 0)
            if outcome is not Outcome.SENT:
                break
        return outcome, message

    # -- one message, until it is sent or given up --------------------------------------------

    async def _send(self, item: Outgoing, *, budgeted: bool) -> tuple[Outcome, Message | None]:
        backoff = FIRST_BACKOFF_SECONDS
        while True:
            if not budgeted:
                await self._budget.acquire(item.chat_id)
            budgeted = False
            try:
                return Outcome.SENT, await self._send_once(item)
            except ChatMigrated as moved:
                log.info("chat %s is now supergroup %s", item.chat_id, moved.new_chat_id)
                await self._events.moved(item.chat_id, moved.new_chat_id)
                self._follow(item.chat_id, moved.new_chat_id)
                item = replace(item, chat_id=moved.new_chat_id)
            except BadRequest as error:
                if item.thread_id is not None and _topic_gone(error):
                    log.info("a topic of chat %s is gone; using the general chat", item.chat_id)
                    await self._events.topic_gone(item.chat_id)
                    item = replace(item, thread_id=None)
                    continue
                log.warning("Telegram refused a message to chat %s: %s", item.chat_id, error)
                return Outcome.REFUSED, None
            except Forbidden:
                log.info("chat %s removed or blocked the bot; pausing it", item.chat_id)
                await self._events.gone(item.chat_id)
                return Outcome.GONE, None
            except _PASSING as error:
                if item.deadline is not None and _later(self._clock, backoff) > item.deadline:
                    log.warning("gave up a message to chat %s: %s", item.chat_id, error)
                    return Outcome.GAVE_UP, None
                log.info("a message to chat %s failed (%s); trying again", item.chat_id, error)
                await self._nap(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    async def _send_once(self, item: Outgoing) -> Message:
        limits = {"budgeted": True}
        if item.photo is not None:
            return await self._bot.send_photo(
                item.chat_id,
                InputFile(item.photo, filename="picture.png"),
                caption=item.text or None,
                message_thread_id=item.thread_id,
                reply_to_message_id=item.reply_to,
                reply_markup=item.markup,
                rate_limit_args=limits,
            )
        if item.document is not None:
            name, content = item.document
            return await self._bot.send_document(
                item.chat_id,
                InputFile(content, filename=name),
                caption=item.text or None,
                message_thread_id=item.thread_id,
                reply_to_message_id=item.reply_to,
                reply_markup=item.markup,
                rate_limit_args=limits,
            )
        return await self._bot.send_message(
            item.chat_id,
            item.text,
            message_thread_id=item.thread_id,
            reply_to_message_id=item.reply_to,
            reply_markup=item.markup,
            rate_limit_args=limits,
        )

    def _follow(self, old: int, new: int) -> None:
        """Messages still queued for a group that moved go to its new id."""
        waiting = self._queues.pop(old, None)
        if waiting:
            for item in waiting:
                item.chat_id = new
            for item in waiting:
                self.send(item)

    # -- reactions and button answers ---------------------------------------------------------

    def _spawn(self, work: Coroutine[Any, Any, bool], counter: str) -> None:
        async def run() -> None:
            try:
                if await work:
                    setattr(self.counts, counter, getattr(self.counts, counter) + 1)
            finally:
                self._step()

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _step(self) -> None:
        self.progress += 1
        self._changed.set()

    async def _nap(self, seconds: float) -> None:
        self.asleep += 1
        self._changed.set()
        try:
            await sleep_for(self._clock, seconds)
        finally:
            self.asleep -= 1

    async def _keep_trying(
        self, attempt: Callable[[], Awaitable[None]], patience: timedelta, what: str
    ) -> bool:
        deadline = self._clock.now() + patience
        backoff = FIRST_BACKOFF_SECONDS
        while True:
            try:
                await attempt()
                return True
            except (BadRequest, Forbidden) as error:
                log.debug("%s not possible: %s", what, error)
                return False
            except _PASSING as error:
                if _later(self._clock, backoff) > deadline:
                    log.warning("gave up a %s: %s", what, error)
                    return False
                await self._nap(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)


def _topic_gone(error: BadRequest) -> bool:
    return any(words in error.message.lower() for words in _GONE_TOPIC)


def _later(clock: Clock, seconds: float) -> datetime:
    return clock.now() + timedelta(seconds=seconds)
