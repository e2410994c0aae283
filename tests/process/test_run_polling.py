"""``habitloop run`` as a real process, taking updates by long polling from the fake Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from telegram import Bot

from bot.faketelegram import FakeTelegram, FakeTelegramServer

from .conftest import (
    TOKEN,
    Spawner,
    assert_token_hidden,
    bot_env,
    check_in_round_trip,
    exit_status,
    free_port,
    problem_lines,
)

# Where a deployment in webhook mode (docker compose) has Telegram post this bot's updates.
DEPLOYMENT_WEBHOOK = "https://bot.example.com/telegram"


async def test_polling_process_checks_in_and_stops_on_sigterm(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    bot = await spawn("run", env=bot_env(server, database))

    await check_in_round_trip(tg, bot, database)

    assert await bot.terminate(seconds=10) == 0, bot.report()
    assert "long polling" in bot.output(), bot.report()
    assert "running as @habitloop_bot" in bot.output(), bot.report()
    assert_token_hidden(bot)


@pytest.fixture
async def deployed(tg: FakeTelegram) -> AsyncIterator[FakeTelegram]:
    """The bot's token is in use elsewhere: a deployment set its webhook."""
    async with Bot(TOKEN, request=tg.request()) as elsewhere:
        await elsewhere.set_webhook(DEPLOYMENT_WEBHOOK, secret_token="deployment-secret")
    yield tg
    await tg.aclose()


def webhook_of(tg: FakeTelegram) -> str:
    account = tg.bot_for_token(TOKEN)
    assert account is not None
    return account.webhook_url


async def test_polling_where_a_webhook_is_set_refuses_to_start_and_keeps_it(
    deployed: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    bot = await spawn("run", env=bot_env(server, tmp_path / "h.db"))

    assert await exit_status(bot) == 2, bot.report()
    assert problem_lines(bot) == [
        "habitloop: this bot has a webhook (to bot.example.com): another deployment takes its "
        "updates there, and long polling here would cut it off; stop that one first, or run "
        "`habitloop run --drop-webhook` to delete the webhook and poll here"
    ]
    assert webhook_of(deployed) == DEPLOYMENT_WEBHOOK  # the deployment still gets its updates
    assert "getUpdates" not in bot.output(), bot.report()
    assert "Traceback" not in bot.output(), bot.report()


async def test_drop_webhook_deletes_it_says_so_and_polls(
    deployed: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    bot = await spawn("run", "--drop-webhook", env=bot_env(server, database, log_level="INFO"))

    await check_in_round_trip(deployed, bot, database)

    assert webhook_of(deployed) == ""
    assert await bot.terminate(seconds=10) == 0, bot.report()
    (warning,) = [line for line in bot.output().splitlines() if "WARNING" in line]
    assert warning.endswith(
        "deleted the webhook to bot.example.com (--drop-webhook): updates come here now"
    ), warning
    assert_token_hidden(bot)


async def test_with_mini_app_url_the_polling_process_serves_the_app_beside_healthz(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    port = free_port()
    env = bot_env(
        server, database, metrics_port=str(port), mini_app_url="https://bot.example.com/app"
    )
    bot = await spawn("run", env=env)
    await check_in_round_trip(tg, bot, database)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/app") as page:
            assert page.status == 200, bot.report()
            assert "app.js" in await page.text()
        async with http.get(f"http://127.0.0.1:{port}/app/api/groups") as refused:
            assert refused.status == 401
    account = tg.bot_for_token(TOKEN)
    assert account is not None
    assert account.menu_buttons[0]["web_app"]["url"] == "https://bot.example.com/app"
    assert await bot.terminate(seconds=10) == 0, bot.report()
    assert "serving the Mini App under /app" in bot.output(), bot.report()
    assert_token_hidden(bot)
