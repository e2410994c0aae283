"""Updates are kept in the database from their receipt until they are handled and answered.

The intake (long polling or the webhook) writes each update here before Telegram hears that
it arrived, and only then hands it on. A handler that does database work marks its update
handled in that same transaction, with what it answers; the answer is marked sent once the
courier sent it. Updates handled without a transaction, and sent answers, are marked in
batches. On start, what was received but not handled is handled, and answers recorded but not
sent are sent: a process killed or stopped with updates in hand loses none and handles none
twice (an answer sent just before a crash, not yet marked, may be sent again).

While the database can't be reached, updates are still handled (a /help needs no database;
a /done then says it couldn't save), just not kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update

from bot import metrics
from bot.clock import Clock
from bot.intake.processor import chat_key
from bot.store import inbox as store
from bot.store.db import SessionFactory, session_scope

log = logging.getLogger(__name__)

# How often handled and answered marks are written, in real seconds.
FLUSH_SECONDS = 0.5
# Finished updates are kept this long, to recognise a redelivery, then forgotten.
KEEP_FINISHED = timedelta(days=2)
RECOVER_BATCH = 500
# After the database failed to keep updates, this many real seconds without asking it (a
# database that hangs would hold every batch for its whole timeout).
RECHECK_SECONDS = 10.0

# What a database that is away looks like from here.
DATABASE_TROUBLE = (SQLAlchemyError, OSError, asyncio.TimeoutError)


class Inbox:
    def __init__(self, sessions: SessionFactory, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._handled: set[int] = set()
        self._replied: set[int] = set()
        self.durable = True  # False while the database refuses the updates
        self._recheck_at = 0.0

    async def accept(self, updates: Sequence[Update]) -> list[Update]:
        """Keep the updates; those to handle (a redelivered one is not handled again)."""
        received = [
            store.Received(u.update_id, chat_key(u), json.dumps(u.to_dict(), ensure_ascii=False))
            for u in updates
        ]
        loop = asyncio.get_running_loop()
        if not self.durable and loop.time() < self._recheck_at:
            return list(updates)
        try:
            async with session_scope(self._sessions) as session:
                fresh = await store.accept(session=session, updates=received, now=self._clock.now())
        except DATABASE_TROUBLE as error:
            metrics.DATABASE_ERRORS.inc()
            if self.durable:
                log.warning("the database can't keep updates (%s); handling them anyway", error)
            self.durable = False
            self._recheck_at = loop.time() + RECHECK_SECONDS
            return list(updates)
        if not self.durable:
            log.info("the database keeps updates again")
        self.durable = True
        return [u for u in updates if u.update_id in fresh]

    def handled(self, update_id: int) -> None:
        """Handled without a transaction of its own: marked with the next batch."""
        self._handled.add(update_id)

    def replied(self, update_id: int) -> None:
        self._replied.add(update_id)

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
        except DATABASE_TROUBLE as error:
            log.warning("could not mark updates handled (%s); will try again", error)
            self._handled.update(handled)
            self._replied.update(replied)

    async def keep_flushing(self, stop: asyncio.Event) -> None:
        """Write the marks every so often until ``stop``, then once more."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), FLUSH_SECONDS)
            await self.flush()
        # The stop may have come while that flush was writing: what was marked meanwhile
        # (the last answers sent while stopping) would otherwise be handled or sent again.
        await self.flush()

    async def forget_old(self) -> None:
        try:
            async with session_scope(self._sessions) as session:
                await store.forget_finished(
                    session=session, received_before=self._clock.now() - KEEP_FINISHED
                )
        except DATABASE_TROUBLE as error:
            log.warning("could not tidy the inbox (%s)", error)

    async def recover(
        self,
        handle: Callable[[Update], Awaitable[None]],
        answer: Callable[[int, str], None],
        parse: Callable[[str], Update | None],
    ) -> tuple[int, int]:
        """Send the answers that were not sent and hand on the updates that were not handled,
        as the last run left them. Returns how many of each."""
        async with session_scope(self._sessions) as session:
            unanswered = await store.unanswered(session=session, limit=RECOVER_BATCH)
            unhandled = await store.unhandled(session=session, limit=RECOVER_BATCH)
        for update_id, reply in unanswered:
            answer(update_id, reply)
        for update_id, payload in unhandled:
            update = parse(payload)
            if update is None:
                log.warning("update %s in the inbox can't be read; dropping it", update_id)
                self.handled(update_id)
                continue
            await handle(update)
        return len(unanswered), len(unhandled)
