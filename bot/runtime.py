"""The running bot: its Application, Telegram in (polling or the webhook) and out, and how it
starts and stops. ``habitloop run`` and the end-to-end tests both run exactly this.

Starting, it takes over what stopped processes left in the inbox (bot.intake.inbox): all of
it, a batch at a time. Stopping (SIGTERM, SIGINT): no update is taken any more; the updates
being handled finish, those still waiting for their turn are left in the inbox, answers not
sent within the time left are too; every answer sent is marked, and what is left is let go
for another replica or the next start to take over at once. The process ends well within
Docker's ten seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.request import BaseRequest

from bot import i18n
from bot.app import BotApplication, build_application, services_of
from bot.clock import Clock
from bot.config import Settings
from bot.handlers.common import send
from bot.intake.inbox import DATABASE_TROUBLE
from bot.intake.polling import POLL_SECONDS, Poller
from bot.intake.processor import ChatOrderedProcessor
from bot.intake.upkeep import Upkeep
from bot.jobs.tick import tick
from bot.jobs.ticker import Ticker
from bot.menus import set_app_menu_button, set_menus
from bot.outbox.replies import Replies
from bot.services import Services
from bot.startup import make_way_for_polling, wait_for_telegram
from bot.web.miniapp.pages import add_mini_app
from bot.web.server import WEBHOOK_PATH, Health, serve, web_app
from bot.web.webhook import Webhook

log = logging.getLogger(__name__)

# Seconds a stop may take before what is left is left for the next start.
STOP_PATIENCE = 8.0
# Of which these are kept for writing the marks of what was sent, however long the rest took:
# a stop that forgets what it sent would have it sent again.
MARKING_SECONDS = 1.5


@dataclass
class Runtime:
    app: BotApplication
    settings: Settings
    poller: Poller | None = None
    webhook: Webhook | None = None
    ticker: Ticker = field(init=False)
    upkeep: Upkeep | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _web: web.AppRunner | None = None
    _upkeep_task: asyncio.Task[None] | None = None
    _stop_upkeep: asyncio.Event = field(default_factory=asyncio.Event)
    _stop_ticking: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.ticker = Ticker(partial(tick, self.services), self.settings.tick_seconds)

    @property
    def services(self) -> Services:
        return services_of(self.app)

    @classmethod
    async def start(
        cls,
        settings: Settings,
        *,
        request: BaseRequest | None = None,
        updates_request: BaseRequest | None = None,
        clock: Clock | None = None,
        poll_seconds: float = POLL_SECONDS,
        polling: bool = True,
        drop_webhook: bool = False,
    ) -> Runtime:
        """Start the bot. Without a webhook it polls, unless ``polling`` is False (another
        replica polls: Telegram allows one); it won't poll where a webhook is set unless
        ``drop_webhook``."""
        app = build_application(
            settings, request=request, updates_request=updates_request, clock=clock
        )
        try:
            await wait_for_telegram(app.initialize)
        except BaseException:
            await services_of(app).engine.dispose()
            raise
        runtime = cls(app, settings)
        try:
            await runtime._begin(poll_seconds if polling else None, drop_webhook)
        except BaseException:
            await runtime.stop()
            raise
        return runtime

    async def _begin(self, poll_seconds: float | None, drop_webhook: bool) -> None:
        app, svc = self.app, self.services
        if not self.settings.webhook_url and poll_seconds is not None:
            await make_way_for_polling(app.bot, drop_webhook=drop_webhook)
        i18n.load_all()
        await set_menus(app.bot)
        svc.links.username = app.bot.username
        if self.settings.mini_app_url:
            await set_app_menu_button(app.bot, self.settings.mini_app_url)
        await app.start()
        self.upkeep = Upkeep(svc.inbox, svc.clock, self._take_over)
        self._upkeep_task = asyncio.create_task(self.upkeep.run(self._stop_upkeep), name="inbox")
        self._spawn(self.ticker.run(self._stop_ticking), "tick")
        await svc.inbox.forget_old()
        sent, handled = await self._take_over()
        if sent or handled:
            log.info("picked up where the last run stopped: %d answers, %d updates", sent, handled)
        if self.settings.webhook_url:
            await self._serve_webhook()
        elif poll_seconds is not None:
            self.poller = Poller(app.bot, svc.inbox, self.hand_on, poll_seconds=poll_seconds)
            self._spawn(self.poller.run(), "polling")
            log.info("receiving updates by long polling")
            await self._serve_metrics(Health(svc.sessions, app.bot, self.poller, poll_seconds))
        log.info("running as @%s (%s)", app.bot.username, app.bot.first_name)

    @property
    def idle(self) -> bool:
        """Every update taken is handled, and the courier has sent all it can send now (what
        is left waits for Telegram's limits or a retry's time to pass)."""
        courier, budget = self.services.courier, self.services.budget
        unfinished: int = getattr(self.app.update_queue, "_unfinished_tasks", 0)
        return unfinished == 0 and courier.units <= courier.asleep + budget.waiting

    async def hand_on(self, update: Update) -> None:
        await self.app.update_queue.put(update)

    async def _take_over(self) -> tuple[int, int]:
        """Take over what stopped processes left in the inbox: answers, updates."""
        return await self.services.inbox.take_over(self.hand_on, self._answer_again, self._parse)

    def _answer_again(self, update_id: int, reply: str) -> None:
        try:
            replies = Replies.from_json(reply)
        except (ValueError, TypeError, KeyError):
            log.warning(
                "the answer to update %s in the inbox can't be read; dropping it", update_id
            )
            replies = Replies()
        if replies.durable:
            send(self.services, replies, update_id)
        else:
            self.services.inbox.replied(update_id)

    def _parse(self, payload: str) -> Update | None:
        try:
            return Update.de_json(json.loads(payload), self.app.bot)
        except (ValueError, TypeError, KeyError):
            return None

    async def _serve_webhook(self) -> None:
        settings, svc = self.settings, self.services
        assert settings.webhook_url is not None
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
        self.webhook = Webhook(self.app.bot, svc.inbox, self.hand_on, secret, svc.clock)
        health = Health(svc.sessions, self.app.bot, webhook=True)
        self._web = await serve(
            web_app(health, self.webhook.handle, self._mini_app),
            settings.webhook_listen,
            settings.webhook_port,
        )
        await self.app.bot.set_webhook(
            f"{settings.webhook_url}{WEBHOOK_PATH}",
            secret_token=secret or None,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("receiving updates by webhook on port %s", settings.webhook_port)

    async def _serve_metrics(self, health: Health) -> None:
        port = self.settings.metrics_port
        if port is not None:
            self._web = await serve(
                web_app(health, extra=self._mini_app), self.settings.metrics_listen, port
            )
            log.info("serving /healthz and /metrics on port %s", port)
        elif self.settings.mini_app_url:
            log.warning("MINI_APP_URL is set but METRICS_PORT is not: the Mini App is not served")

    def _mini_app(self, app: web.Application) -> None:
        """The Mini App on the bot's web server, when it is on."""
        if self.settings.mini_app_url:
            add_mini_app(app, self.services, self.app.bot)
            log.info("serving the Mini App under /app")

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        self._tasks.append(asyncio.create_task(work, name=name))

    async def stop(self, patience: float = STOP_PATIENCE) -> None:
        """Stop taking updates, finish or hand back what is in flight, and shut down."""
        end = time.monotonic() + patience
        deadline = end - MARKING_SECONDS
        app, svc = self.app, self.services
        self._stop_ticking.set()
        if self.webhook is not None:
            self.webhook.accepting = False
        if self.poller is not None:
            self.poller.stop()
        if app.running:
            processor = app.update_processor
            if isinstance(processor, ChatOrderedProcessor):
                processor.stop_taking()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(app.update_queue.join(), _left(deadline))
            await svc.courier.close(_left(deadline), lambda: svc.budget.waiting)
            await app.stop()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, max(0.5, _left(deadline)))
        if self._web is not None:
            await self._web.cleanup()  # no update comes in any more
        if self.webhook is not None:
            await self.webhook.close()
        await self._let_the_inbox_go(end)
        await app.shutdown()
        await svc.engine.dispose()

    async def _let_the_inbox_go(self, end: float) -> None:
        """The upkeep stops; every mark is written and the rest let go (Inbox.close)."""
        self._stop_upkeep.set()
        if self._upkeep_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._upkeep_task, max(MARKING_SECONDS, _left(end)))
        try:
            await asyncio.wait_for(self.services.inbox.close(), max(MARKING_SECONDS, _left(end)))
        except (TimeoutError, *DATABASE_TROUBLE) as error:
            log.warning("stopped before every answer sent was marked (%s)", error)


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())
