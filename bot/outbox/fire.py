"""Reactions and button answers: each goes at once, on its own, never behind a group's
queued messages (Telegram's limits count messages, not these). One that fails for a passing
reason is tried again for a while; one Telegram refuses is let go, as nobody waits for it.

Unlike a message, these keep their retries when the outcome is unknown (an answer lost):
doing them twice is the same as doing them once (a reaction set twice is one reaction, a
button press answered twice is answered; Telegram refuses the late one, which is let go).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram import ReactionTypeEmoji
from telegram.error import BadRequest, Forbidden
from telegram.ext import ExtBot

from bot.outbox.activity import Activity
from bot.outbox.send import PASSING
from bot.retry import GaveUp, RetryPolicy

log = logging.getLogger(__name__)

REACTIONS = RetryPolicy(
    first=1.0,
    factor=2.0,
    most=60.0,
    passing=PASSING,
    refusing=(BadRequest,),
    patience=timedelta(minutes=2),
)
# Telegram forgets a button press after about 15 seconds; an answer later is refused.
ANSWERS = RetryPolicy(
    first=1.0,
    factor=2.0,
    most=60.0,
    passing=PASSING,
    refusing=(BadRequest,),
    patience=timedelta(seconds=12),
)


class FireAndForget:
    def __init__(self, bot: ExtBot[Any], activity: Activity) -> None:
        self._bot = bot
        self._activity = activity
        self.tasks: set[asyncio.Task[None]] = set()  # the calls under way

    def react(
        self, chat_id: int, message_id: int, emoji: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Set the bot's reaction on a message; ``on_done`` once that ended (set, refused or
        given up; not when a stop cut it short)."""

        async def attempt() -> None:
            await self._bot.set_message_reaction(chat_id, message_id, ReactionTypeEmoji(emoji))

        async def react() -> None:
            if await self._keep_trying(attempt, REACTIONS, "reaction"):
                self._activity.counts.reactions += 1
            if on_done is not None:
                on_done()

        self._spawn(react())

    def answer(self, query_id: str, text: str | None = None) -> None:
        """Answer a button press (the spinner stops; ``text`` shows as a toast)."""

        async def attempt() -> None:
            await self._bot.answer_callback_query(query_id, text=text)

        async def answer() -> None:
            if await self._keep_trying(attempt, ANSWERS, "button answer"):
                self._activity.counts.answers += 1

        self._spawn(answer())

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        async def run() -> None:
            try:
                await work
            finally:
                self._activity.step()

        task = asyncio.create_task(run())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _keep_trying(
        self, attempt: Callable[[], Awaitable[None]], policy: RetryPolicy, what: str
    ) -> bool:
        try:
            await policy.run(attempt, clock=self._activity)
        except (BadRequest, Forbidden) as error:
            log.debug("%s not possible: %s", what, error)
            return False
        except GaveUp as gave_up:
            log.warning("gave up a %s: %s", what, gave_up.error)
            return False
        return True
