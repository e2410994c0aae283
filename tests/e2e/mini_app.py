"""The Mini App's side of the end-to-end tests: the bot as ``habitloop run`` runs it with
MINI_APP_URL set, its web server's routes on a test server, and people opening the app as
Telegram opens it (initData signed by the fake Telegram with the bot's token)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.faketelegram import FakeTelegram, Message, User
from bot.web.miniapp.pages import add_mini_app
from bot.web.server import Health, web_app
from tests.e2e.harness import Harness

APP_URL = "https://bot.example.com/app"
APP_NAME = "habits"


@asynccontextmanager
async def app_client(bot: Harness) -> AsyncIterator[TestClient[Any, Any]]:
    """The bot's web server as webhook mode serves it (/healthz, /metrics, /app)."""
    svc = bot.services

    def mini_app(app: web.Application) -> None:
        add_mini_app(app, svc, bot.app.bot)

    server = TestServer(web_app(Health(svc.sessions, bot.app.bot), extra=mini_app))
    async with TestClient(server) as client:
        yield client


def init_data_of(launch_url: str) -> str:
    """What the page reads from the address Telegram opened."""
    return parse_qs(urlsplit(launch_url).fragment)["tgWebAppData"][0]


def signed_by_telegram(tg: FakeTelegram, user: User, start_param: str | None = None) -> str:
    return init_data_of(tg.open_web_app(user, APP_URL, start_param=start_param))


def app_link(message: Message) -> str:
    """The link of the "open the app" button under a bot's message."""
    assert message.reply_markup is not None, "no buttons"
    (row,) = message.reply_markup["inline_keyboard"]
    return str(row[0]["url"])


def auth(init_data: str) -> dict[str, str]:
    return {"Authorization": f"tma {init_data}"}
