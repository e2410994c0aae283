"""The running bot: its Application, Telegram in (polling or the webhook) and out, and how it
starts and stops. ``habitloop run`` and the end-to-end tests both run exactly this.

Stopping (SIGTERM, SIGINT): no update is taken any more; the updates being handled finish,
those still waiting for their turn are left in the inbox for the next start, answers not sent
within the time left are too, and the process ends well within Docker's ten seconds.
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
from bot.intake.polling import POLL_SECONDS, Poller
from bot.intake.processor import ChatOrderedProcessor
from bot.jobs.tick import tick
from bot.jobs.ticker import Ticker
from bot.menus import set_menus
from bot.outbox.replies import Replies
from bot.services import Services
from bot.startup import make_way_for_polling, wait_for_telegram
from bot.web.server import WEBHOOK_PATH, Health, serve, web_app
from bot.web.webhook import Webhook

log = logging.getLogger(__name__)

# Seconds a stop may take before what is left is left for the next start.
STOP_PATIENCE = 8.0


@dataclass
class Runtime:
    app: BotApplication
    settings: Settings
    poller: Poller | None = None
    webhook: Webhook | None = None
    ticker: Ticker = field(init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _web: web.AppRunner | None = None
    _stop_flushing: asyncio.Event = field(default_factory=asyncio.Event)
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
        await app.start()
        self._spawn(svc.inbox.keep_flushing(self._stop_flushing), "inbox")
        self._spawn(self.ticker.run(self._stop_ticking), "tick")
        await svc.inbox.forget_old()
        sent, handled = await svc.inbox.recover(self.hand_on, self._answer_again, self._parse)
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

    def _answer_again(self, update_id: int, reply: str) -> None:
        svc = self.services

        async def sent() -> None:
            svc.inbox.replied(update_id)

        Replies.from_json(reply).dispatch(svc.courier, sent)

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
            web_app(health, self.webhook.handle), settings.webhook_listen, settings.webhook_port
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
            self._web = await serve(web_app(health), self.settings.metrics_listen, port)
            log.info("serving /healthz and /metrics on port %s", port)

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        self._tasks.append(asyncio.create_task(work, name=name))

    async def stop(self, patience: float = STOP_PATIENCE) -> None:
        """Stop taking updates, finish or hand back what is in flight, and shut down."""
        deadline = time.monotonic() + patience
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
        self._stop_flushing.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, max(0.5, _left(deadline)))
        if self._web is not None:
            await self._web.cleanup()
        if self.webhook is not None:
            await self.webhook.close()
        await app.shutdown()
        await svc.engine.dispose()


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())
