"""Updates are kept in the database from their receipt until they are handled and answered.

The intake (long polling or the webhook) writes each update here before Telegram hears that
it arrived, and only then hands it on. A handler that does database work marks its update
handled in that same transaction, with what it answers; the answer is marked sent once the
courier sent it. Updates handled without a transaction, and sent answers, are marked in
batches. What a finished update carried (its JSON, its answer with any picture or file) goes
at once; its id stays ``KEEP_FINISHED``, to recognise a redelivery.

Each replica does its own work: the rows a process keeps are held by it (a token of its
own) for ``lease`` of real time, a hold it renews while it lives (bot.intake.upkeep). A
process takes over only rows whose hold ran out: their process died, or stopped and let
them go. So a replica that starts while another owes a busy group its answers sends none of
them; one that dies leaves its work to the others once its hold has run out. A stop writes
every mark (and keeps only what is left of answers partly sent) before it lets its rows go,
so nothing it sent is sent again. A process killed between a send and its mark (half a
second at most) may have that answer sent again: the one window left.

While the database can't be reached, updates are still handled (a /help needs no database;
a /done then says it couldn't save), just not kept.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.intake.processor import chat_key
from bot.store import inbox as store
from bot.store.db import SessionFactory, session_scope

log = logging.getLogger(__name__)

# Finished updates are kept this long, to recognise a redelivery, then forgotten.
KEEP_FINISHED = timedelta(days=2)
# How long a process holds the rows it took without renewing its hold (real time). Long
# enough that a busy moment (a slow database, a full event loop) never lets a live
# process's rows go; short enough that a dead one's answers are late by seconds, not
# minutes. Renewed six times within it (bot.intake.upkeep).
LEASE = timedelta(seconds=30)
# Rows taken over (or forgotten) per transaction; every batch is taken until none is left.
RECOVER_BATCH = 500
FORGET_BATCH = 1_000
# After the database failed to keep updates, this many real seconds without asking it (a
# database that hangs would hold every batch for its whole timeout).
RECHECK_SECONDS = 10.0

# What a database that is away looks like from here.
DATABASE_TROUBLE = (SQLAlchemyError, OSError, asyncio.TimeoutError)


@dataclass(frozen=True, slots=True)
class Arrived:
    """An update as it came in: the object, and the JSON Telegram sent (what is kept)."""

    update: Update
    payload: str


Handle = Callable[[Update], Awaitable[None]]
Answer = Callable[[int, str], None]
Parse = Callable[[str], Update | None]


class Inbox:
    def __init__(self, sessions: SessionFactory, clock: Clock, lease: timedelta = LEASE) -> None:
        self._sessions = sessions
        self._clock = clock
        # Holds are measured on the wall clock: a clock that travels (the sandbox, the tests)
        # must not end a live process's hold.
        self._wall = SystemClock()
        self.lease = lease
        self.token = secrets.token_hex(16)  # this process's name on the rows it holds
        self._handled: set[int] = set()
        self._replied: set[int] = set()
        # Answers partly sent, by update: what is left of each, should the process stop.
        self._left: dict[int, Callable[[], str]] = {}
        self.durable = True  # False while the database refuses the updates
        self._recheck_at = 0.0

    def _hold(self) -> store.Hold:
        return store.Hold(self.token, self._wall.now() + self.lease)

    async def accept(self, arrived: Sequence[Arrived]) -> list[Update]:
        """Keep the updates; those to handle (a redelivered one is not handled again)."""
        updates = [a.update for a in arrived]
        received = [
            store.Received(
                a.update.update_id,
                chat_key(a.update),
                a.update.effective_user.id if a.update.effective_user else None,
                a.payload,
            )
            for a in arrived
        ]
        loop = asyncio.get_running_loop()
        if not self.durable and loop.time() < self._recheck_at:
            return updates
        try:
            async with session_scope(self._sessions) as session:
                fresh = await store.accept(
                    session=session, updates=received, now=self._clock.now(), hold=self._hold()
                )
        except DATABASE_TROUBLE as error:
            metrics.DATABASE_ERRORS.inc()
            if self.durable:
                log.warning("the database can't keep updates (%s); handling them anyway", error)
            self.durable = False
            self._recheck_at = loop.time() + RECHECK_SECONDS
            return updates
        if not self.durable:
            log.info("the database keeps updates again")
        self.durable = True
        return [u for u in updates if u.update_id in fresh]

    def handled(self, update_id: int) -> None:
        """Handled without a transaction of its own: marked with the next batch."""
        self._handled.add(update_id)

    def replied(self, update_id: int) -> None:
        """Its answer ended (sent, or given up): marked with the next batch."""
        self._left.pop(update_id, None)
        self._replied.add(update_id)

    def partly_sent(self, update_id: int, left: Callable[[], str]) -> None:
        """Part of its answer ended; ``left`` says (as kept JSON) what is still to send.
        Written only if the process stops before the rest ends."""
        self._left[update_id] = left

    async def flush(self) -> None:
        if not (self._handled or self._replied):
            return
        handled, replied = sorted(self._handled), sorted(self._replied)
        self._handled.clear()
        self._replied.clear()
        try:
            async with session_scope(self._sessions) as session:
                await store.mark_finished(
                    session=session, handled=handled, replied=replied, now=self._clock.now()
                )
        except BaseException as error:
            # Cut short, even by a stop: the marks are kept for the next try.
            self._handled.update(handled)
            self._replied.update(replied)
            if not isinstance(error, DATABASE_TROUBLE):
                raise
            log.warning("could not mark updates handled (%s); will try again", error)

    async def renew(self) -> None:
        """This process lives: it goes on holding what it has not finished."""
        try:
            async with session_scope(self._sessions) as session:
                await store.renew(session=session, hold=self._hold())
        except DATABASE_TROUBLE as error:
            log.warning("could not renew the hold on the inbox (%s); will try again", error)

    async def close(self) -> None:
        """The process stops: every mark written, only what is left of answers partly sent
        kept, and what it did not finish let go, for another process (or the next start) to
        take over at once."""
        await self.flush()
        left = {update_id: what() for update_id, what in self._left.items()}
        try:
            async with session_scope(self._sessions) as session:
                await store.keep_left(session=session, left=left)
                await store.release(session=session, owner=self.token, now=self._wall.now())
        except DATABASE_TROUBLE as error:
            log.warning("could not let the inbox go (%s); it goes when the hold runs out", error)

    async def forget_old(self) -> None:
        """Forget finished updates kept long enough, batch after batch."""
        before = self._clock.now() - KEEP_FINISHED
        try:
            while True:
                async with session_scope(self._sessions) as session:
                    gone = await store.forget_finished(
                        session=session, received_before=before, limit=FORGET_BATCH
                    )
                if gone < FORGET_BATCH:
                    return
        except DATABASE_TROUBLE as error:
            log.warning("could not tidy the inbox (%s)", error)

    async def take_over(self, handle: Handle, answer: Answer, parse: Parse) -> tuple[int, int]:
        """Take every row whose holder is gone, a batch at a time until none is left: send
        the answers it did not send, hand on the updates it did not handle. How many of
        each."""
        answers = updates = 0
        while True:
            async with session_scope(self._sessions) as session:
                taken = await store.take_over(
                    session=session,
                    hold=self._hold(),
                    now=self._wall.now(),
                    limit=RECOVER_BATCH,
                )
            for row in taken:
                if row.handled and row.reply is not None:
                    answer(row.update_id, row.reply)
                    answers += 1
                elif row.handled:
                    self.replied(row.update_id)
                elif (update := parse(row.payload)) is not None:
                    await handle(update)
                    updates += 1
                else:
                    log.warning("update %s in the inbox can't be read; dropping it", row.update_id)
                    self.handled(row.update_id)
            if len(taken) < RECOVER_BATCH:
                return answers, updates
