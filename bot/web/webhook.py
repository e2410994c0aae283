"""Telegram's webhook: an update is kept in the inbox before Telegram hears 200.

A request without the right ``X-Telegram-Bot-Api-Secret-Token`` is refused (403): nobody but
Telegram can post updates, settings changes posed as an admin included. A flood of them is
a line a minute in the logs, with a count (bot.repeated). While the bot is
stopping, updates are refused with 503 so that Telegram sends them again later (to this
replica once it is back, or to another).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from telegram import Update
from telegram.ext import ExtBot

from bot.clock import Clock
from bot.intake.inbox import Arrived, Inbox
from bot.repeated import RepeatedWarning

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small; anything far larger is not one.
MAX_UPDATE_BYTES = 1_000_000


class Webhook:
    def __init__(
        self,
        bot: ExtBot,  # type: ignore[type-arg]
        inbox: Inbox,
        hand_on: Callable[[Update], Awaitable[None]],
        secret: str,
        clock: Clock,
    ) -> None:
        self._bot = bot
        self._inbox = inbox
        self._hand_on = hand_on
        self._secret = secret.encode()
        self._refused = RepeatedWarning(
            log, "refused a webhook request without the right secret", clock
        )
        self.accepting = True
        self.received = 0  # updates taken, for /healthz: updates are flowing

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self._refused.happened()
            return web.Response(status=403)
        if not self.accepting:
            return web.Response(status=503, text="stopping")
        body = await _body_within_limit(request)
        if body is None:
            log.warning("dropped an oversized update (over %d bytes)", MAX_UPDATE_BYTES)
            return web.Response(status=200)
        try:
            data = json.loads(body)
            update = Update.de_json(data, self._bot)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("dropped a malformed update: %s", error)
            return web.Response(status=200)
        self.received += 1
        arrived = Arrived(update, json.dumps(data, ensure_ascii=False))
        for fresh in await self._inbox.accept([arrived]):
            await self._hand_on(fresh)
        return web.Response(status=200)

    async def close(self) -> None:
        """Once the server stopped: what is left of the refusals' count is said."""
        await self._refused.close()


async def _body_within_limit(request: web.Request) -> bytes | None:
    """The request's body; None once it is over MAX_UPDATE_BYTES, read no further. (Left
    to aiohttp, a body over its own limit would be answered 413, and Telegram would send
    it again and again.)"""
    if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > MAX_UPDATE_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
