"""Wiring: settings, database, clock, Telegram in and out, and handlers into one Application.

``build_application`` is what ``habitloop run``, the tests, the benchmarks and the sandbox all
use; they hand in only a different transport (``request``) and clock.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import handlers
from bot.actions.isolation import Failing
from bot.actions.uow import UnitsOfWork
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.domain.app_links import link_key
from bot.handlers.chat_events import chat_events
from bot.intake.flood import FloodGuard
from bot.intake.inbox import Inbox
from bot.intake.processor import ChatOrderedProcessor
from bot.outbox.app_links import AppLinks
from bot.outbox.connections import Connections
from bot.outbox.courier import Courier
from bot.outbox.limits import SendBudget, TelegramLimits
from bot.outbox.posts import PostSender
from bot.services import SERVICES_KEY, Services
from bot.store.db import make_engine, make_session_factory

log = logging.getLogger(__name__)

BotApplication = Application[Any, Any, Any, Any, Any, Any]

# Connections to Telegram for everything but getUpdates (bot.outbox.connections). A few carry
# a busy minute: at 100 ms a call, sixteen make 160 calls a second, where Telegram allows 30
# messages (and a reaction for each /done).
SEND_CONNECTIONS = 16
POOL_WAIT_SECONDS = 30.0

# Updates handled at the same time (different chats; a chat's own go one by one). Each holds
# a database connection while it works, so this stays within the connection pool.
MAX_RUNNING_UPDATES = 16


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock | None = None,
) -> BotApplication:
    """The bot, ready to initialize. Tests hand in the fake Telegram's requests and a clock."""
    # Opt into python-telegram-bot's coming default (time periods as timedelta); without it,
    # every "retry after" answer logs a deprecation warning.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    clock = clock or SystemClock()
    default_zone = ZoneInfo(settings.default_timezone)
    engine = make_engine(settings.database_url, timeout=settings.database_timeout)
    sessions = make_session_factory(engine, timeout=settings.database_timeout)
    inbox = Inbox(sessions, clock, lease=timedelta(seconds=settings.inbox_lease_seconds))
    work = UnitsOfWork(sessions, clock, default_zone)
    budget = SendBudget(clock)
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, allow_sending_without_reply=True))
        .rate_limiter(TelegramLimits(budget, clock))
        .concurrent_updates(ChatOrderedProcessor(MAX_RUNNING_UPDATES, finished=inbox.handled))
        # Updates come in through bot.intake (polling or the webhook, through the inbox).
        .updater(None)
    )
    # A call waits its turn for a connection as long as a call may take (not the library's
    # one second: at start the menus go out twenty at once).
    builder = builder.request(
        request or Connections(SEND_CONNECTIONS, pool_timeout=POOL_WAIT_SECONDS)
    )
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    app: BotApplication = builder.build()
    courier = Courier(app.bot, clock, budget, chat_events(work))
    app.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        clock=clock,
        default_zone=default_zone,
        budget=budget,
        courier=courier,
        posts=PostSender(courier, sessions, clock),
        inbox=inbox,
        flood=FloodGuard(clock),
        failing=Failing(),
        work=work,
        links=AppLinks(
            link_key(settings.bot_token.get_secret_value()),
            settings.mini_app_name,
            on=settings.mini_app_url is not None,
        ),
    )
    handlers.register(app)
    return app


def services_of(app: BotApplication) -> Services:
    found = app.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
