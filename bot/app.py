"""Wiring: settings, database, clock and handlers into one python-telegram-bot Application."""

from __future__ import annotations

import logging
import os
from typing import Any
from zoneinfo import ZoneInfo

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseRateLimiter, Defaults
from telegram.request import BaseRequest

from bot import handlers
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.jobs.tick import tick
from bot.services import SERVICES_KEY, Services
from bot.store.db import make_engine, make_session_factory

log = logging.getLogger(__name__)

BotApplication = Application[Any, Any, Any, Any, Any, Any]

# What Telegram shows in the "/" menu of a group.
MENU = (
    ("done", "check in for today"),
    ("fail", "share a miss and get encouragement"),
    ("streak", "your streak (reply: theirs)"),
    ("goal", "set or show your goal"),
    ("goals", "everyone's goals"),
    ("top", "leaderboard and group streak"),
    ("break", "take a break: /break 3d reason"),
    ("undo", "take back today's last check-in"),
    ("timezone", "show or set your time zone"),
    ("remind", "at-risk mentions on or off"),
    ("settings", "group settings (admins)"),
    ("help", "how this works"),
)

_DEFAULT_LIMITER = object()


def telegram_rate_limiter() -> AIORateLimiter:
    """Telegram's limits (30 messages a second, 20 a minute per group); a "retry after"
    answer waits and sends again rather than dropping the message."""
    return AIORateLimiter(
        overall_max_rate=30,
        overall_time_period=1,
        group_max_rate=20,
        group_time_period=60,
        max_retries=8,
    )


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock | None = None,
    rate_limiter: BaseRateLimiter[Any] | object | None = _DEFAULT_LIMITER,
) -> BotApplication:
    """The bot, ready to initialize. Tests hand in the fake Telegram's requests and a clock."""
    # Opt into python-telegram-bot's coming default (time periods as timedelta); without it,
    # every "retry after" answer logs a deprecation warning.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, allow_sending_without_reply=True))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    limiter = telegram_rate_limiter() if rate_limiter is _DEFAULT_LIMITER else rate_limiter
    if limiter is not None:
        assert isinstance(limiter, BaseRateLimiter)
        builder = builder.rate_limiter(limiter)
    app: BotApplication = builder.build()

    engine = make_engine(settings.database_url)
    app.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        clock=clock or SystemClock(),
        default_zone=ZoneInfo(settings.default_timezone),
    )
    handlers.register(app)
    if app.job_queue is not None:
        app.job_queue.run_repeating(tick, interval=settings.tick_seconds, first=1.0, name="tick")
    return app


async def _post_init(app: BotApplication) -> None:
    await app.bot.set_my_commands([BotCommand(name, about) for name, about in MENU])
    log.info("running as @%s", app.bot.username)


async def _post_shutdown(app: BotApplication) -> None:
    services = app.bot_data.get(SERVICES_KEY)
    if isinstance(services, Services):
        await services.engine.dispose()
