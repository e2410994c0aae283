"""The bot's HTTP side: Telegram's webhook, ``GET /healthz`` and ``GET /metrics``, and the
Mini App under ``/app`` when MINI_APP_URL is set (``bot.web.miniapp``).

In webhook mode all three are served on WEBHOOK_PORT (only ``/telegram`` should be public:
the compose file's proxy routes nothing else); with long polling, ``/healthz`` and
``/metrics`` are served on METRICS_PORT when it is set.

``/healthz`` answers 200 when the database answers and Telegram's updates are flowing, and 503
with the reason otherwise: for long polling, getUpdates answered recently; for a webhook,
Telegram reports no recent failure to deliver to it (getWebhookInfo, asked at most every half
minute).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.intake.polling import Poller
from bot.store.db import SessionFactory, session_scope

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram"
# Seconds a health check waits for the database: within `habitloop healthcheck`'s own 3, so
# that a database that hangs is reported as the reason, not as a health check that hangs.
DATABASE_PATIENCE = 2.0
WEBHOOK_INFO_EVERY = 30.0  # seconds between getWebhookInfo calls of the health check
# A webhook failure Telegram reported this recently makes the bot unhealthy.
RECENT_FAILURE = 300.0


@dataclass
class Health:
    """What /healthz looks at."""

    sessions: SessionFactory
    bot: ExtBot  # type: ignore[type-arg]
    poller: Poller | None = None
    poll_seconds: float = 25.0
    webhook: bool = False
    _webhook_checked: float = 0.0
    _webhook_problem: str | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def problems(self) -> list[str]:
        found = []
        database = await self._database()
        if database:
            found.append(database)
        updates = await self._updates()
        if updates:
            found.append(updates)
        return found

    async def _database(self) -> str | None:
        try:
            async with session_scope(self.sessions, within=DATABASE_PATIENCE) as session:
                await session.execute(text("SELECT 1"))
        except Exception as error:  # any way the database fails to answer is unhealthy
            first_line = next(iter(str(error).splitlines()), "")
            return f"database: {type(error).__name__}: {first_line[:120]}"
        return None

    async def _updates(self) -> str | None:
        if self.poller is not None:
            last = self.poller.last_answer
            quiet = None if last is None else asyncio.get_running_loop().time() - last
            if quiet is None or quiet > 2 * (self.poll_seconds + 10):
                return "updates: getUpdates has not answered recently"
            return None
        if self.webhook:
            return await self._webhook_health()
        return None

    async def _webhook_health(self) -> str | None:
        async with self._lock:
            if time.monotonic() - self._webhook_checked > WEBHOOK_INFO_EVERY:
                self._webhook_checked = time.monotonic()
                try:
                    info = await self.bot.get_webhook_info()
                except TelegramError as error:
                    self._webhook_problem = f"updates: getWebhookInfo failed: {error}"
                else:
                    failed_at = info.last_error_date
                    recent = (
                        failed_at is not None
                        and time.time() - failed_at.timestamp() < RECENT_FAILURE
                        and info.pending_update_count > 0
                    )
                    self._webhook_problem = (
                        f"updates: Telegram can't deliver: {info.last_error_message}"
                        if recent
                        else None
                    )
            return self._webhook_problem


def web_app(
    health: Health,
    webhook: Callable[[web.Request], Awaitable[web.Response]] | None = None,
    extra: Callable[[web.Application], object] | None = None,
) -> web.Application:
    """``extra`` adds more routes (the Mini App's)."""
    app = web.Application()  # the webhook bounds its own reads (bot.web.webhook)

    async def healthz(request: web.Request) -> web.Response:
        problems = await health.problems()
        if problems:
            return web.json_response({"status": "unhealthy", "problems": problems}, status=503)
        return web.json_response({"status": "ok"})

    async def metrics(request: web.Request) -> web.Response:
        body = generate_latest()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    if webhook is not None:
        app.router.add_post(WEBHOOK_PATH, webhook)
    if extra is not None:
        extra(app)
    return app


async def serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
