"""One message, until it is sent or given up.

A send that surely failed for a passing reason (no connection, Telegram's 5xx, a "retry
after" beyond the limiter's patience) is tried again with backoff until its deadline. A send
whose outcome is unknown (the request went out and its answer never came: Telegram may have
posted the message) is tried again once, after a pause, and no more: Telegram has no
idempotency key, and each attempt may post the message once more. A group
that became a supergroup is followed, a closed or deleted forum topic falls back to the
general chat, and a group that removed the bot (or a person who blocked it) is paused, its
data kept: ``ChatEvents`` tells the rest of the bot. A message longer than Telegram allows
goes in as many parts as it takes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

from telegram import InputFile, ReplyParameters
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot import metrics
from bot.clock import Clock
from bot.outbox.limits import SendBudget
from bot.outbox.outgoing import Outcome, Outgoing
from bot.outbox.split import MAX_CAPTION, fit_lines, telegram_length
from bot.outbox.unknown_outcome import outcome_unknown
from bot.retry import GaveUp, RetryPolicy

log = logging.getLogger(__name__)

# Failures that pass: a network error, a timeout, Telegram's 5xx, a "retry after" beyond the
# rate limiter's patience. BadRequest is a NetworkError too, but Telegram refused the call.
PASSING = (NetworkError, RetryAfter)
# After a lost answer, the one more attempt waits this long (seconds): long enough for a
# passing trouble on the way to Telegram to clear, so that it is likely to hear its answer;
# well within a post's attempt (``posts.ATTEMPT_PATIENCE``).
UNKNOWN_PAUSE = 20.0
# A message is tried until its own deadline (``Outgoing.deadline``).
MESSAGES = RetryPolicy(
    first=1.0,
    factor=2.0,
    most=60.0,
    passing=PASSING,
    refusing=(BadRequest,),
    unsure=outcome_unknown,
    unsure_pause=UNKNOWN_PAUSE,
)

# What Telegram answers when a forum topic was closed or deleted.
_GONE_TOPIC = ("thread not found", "topic_closed", "topic_deleted", "topic not found")


@dataclass(slots=True)
class ChatEvents:
    """What the courier tells the rest of the bot about chats (the store acts on it)."""

    moved: Callable[[int, int], Awaitable[None]]  # old id, new id
    gone: Callable[[int], Awaitable[None]]
    topic_gone: Callable[[int], Awaitable[None]]


class Sender:
    """``clock``: what the retries wait on (the courier counts who sleeps on it)."""

    def __init__(
        self, bot: ExtBot[Any], clock: Clock, budget: SendBudget, events: ChatEvents
    ) -> None:
        self._bot = bot
        self._clock = clock
        self._budget = budget
        self._events = events

    async def send(self, item: Outgoing) -> Outcome:
        """Send the message, in as many parts as Telegram's length limit needs (a long list);
        the first part quotes what it answers, the last carries the buttons. Whoever calls
        has taken the budget for the first part; the others take their own."""
        if item.photo is not None or item.document is not None:
            if telegram_length(item.text) > MAX_CAPTION:  # a caption is never split: cut
                item = replace(item, text=fit_lines(item.text.split("\n"), MAX_CAPTION)[0])
            return await self._send_part(item, budgeted=True)
        parts = fit_lines(item.text.split("\n")) or [item.text]
        outcome: Outcome = Outcome.SENT
        for number, text in enumerate(parts):
            last = number == len(parts) - 1
            part = replace(
                item,
                text=text,
                reply_to=item.reply_to if number == 0 else None,
                markup=item.markup if last else None,
            )
            outcome = await self._send_part(part, budgeted=number == 0)
            if outcome is not Outcome.SENT:
                break
        return outcome

    async def _send_part(self, item: Outgoing, *, budgeted: bool) -> Outcome:
        # Where it goes now: a group that moved, or a topic that is gone, changes it.
        target = item

        async def attempt() -> None:
            nonlocal target, budgeted
            while True:
                if not budgeted:
                    await self._budget.acquire(target.chat_id)
                budgeted = False
                try:
                    await self._send_once(target)
                    return
                except ChatMigrated as moved:
                    log.info("chat %s is now supergroup %s", target.chat_id, moved.new_chat_id)
                    await self._events.moved(target.chat_id, moved.new_chat_id)
                    target = replace(target, chat_id=moved.new_chat_id)
                except BadRequest as error:
                    if target.thread_id is None or not _topic_gone(error):
                        raise
                    log.info("a topic of chat %s is gone; using the general chat", target.chat_id)
                    await self._events.topic_gone(target.chat_id)
                    target = replace(target, thread_id=None)
                except NetworkError as error:
                    if outcome_unknown(error):
                        metrics.UNKNOWN_OUTCOMES.inc()
                    raise

        def retrying(error: BaseException, delay: float) -> None:
            if outcome_unknown(error):
                log.warning(
                    "no answer to a message to chat %s (%s): it may have been posted; "
                    "trying once more in %.0f s",
                    target.chat_id,
                    error,
                    delay,
                )
            else:
                log.info("a message to chat %s failed (%s); trying again", target.chat_id, error)

        try:
            await MESSAGES.run(
                attempt, clock=self._clock, deadline=item.deadline, on_retry=retrying
            )
        except BadRequest as error:
            log.warning("Telegram refused a message to chat %s: %s", target.chat_id, error)
            return Outcome.REFUSED
        except Forbidden:
            log.info("chat %s removed or blocked the bot; pausing it", target.chat_id)
            await self._events.gone(target.chat_id)
            return Outcome.GONE
        except GaveUp as gave_up:
            if gave_up.unsure:
                log.warning(
                    "a message to chat %s may or may not have been posted; not trying again: %s",
                    target.chat_id,
                    gave_up.error,
                )
                return Outcome.UNKNOWN
            log.warning("gave up a message to chat %s: %s", target.chat_id, gave_up.error)
            return Outcome.GAVE_UP
        return Outcome.SENT

    async def _send_once(self, item: Outgoing) -> None:
        limits = {"budgeted": True}
        if item.photo is not None:
            await self._bot.send_photo(
                item.chat_id,
                InputFile(item.photo, filename="picture.png"),
                caption=item.text or None,
                message_thread_id=item.thread_id,
                reply_to_message_id=item.reply_to,
                reply_markup=item.markup,
                rate_limit_args=limits,
            )
        elif item.document is not None:
            name, content = item.document
            await self._bot.send_document(
                item.chat_id,
                InputFile(content, filename=name),
                caption=item.text or None,
                message_thread_id=item.thread_id,
                reply_to_message_id=item.reply_to,
                reply_markup=item.markup,
                rate_limit_args=limits,
            )
        else:
            await self._post_text(item, limits)

    async def _post_text(self, item: Outgoing, limits: dict[str, Any]) -> None:
        """``Bot.send_message`` as python-telegram-bot makes it (the bot's defaults, its
        rate limiter, its errors), less the ``Message`` it makes of Telegram's answer, which
        nothing here reads: that answer quotes the message replied to, and making objects of
        both cost a tenth of a check-in's CPU."""
        data: dict[str, Any] = {
            "chat_id": item.chat_id,
            "text": item.text,
            "parse_mode": DEFAULT_NONE,  # the bot's default (HTML)
            "message_thread_id": item.thread_id,
            "reply_markup": item.markup,
        }
        if item.reply_to is not None:
            data["reply_parameters"] = ReplyParameters(
                item.reply_to, allow_sending_without_reply=DEFAULT_NONE
            )
        await self._bot._post(
            "sendMessage", data, api_kwargs=self._bot._merge_api_rl_kwargs(None, limits)
        )


def _topic_gone(error: BadRequest) -> bool:
    return any(words in error.message.lower() for words in _GONE_TOPIC)
