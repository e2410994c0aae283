"""``habitloop run`` as a real process in webhook mode: the fake Telegram POSTs the updates."""

from __future__ import annotations

from pathlib import Path

from bot.faketelegram import FakeTelegram, FakeTelegramServer

from .conftest import (
    TOKEN,
    Spawner,
    assert_token_hidden,
    bot_env,
    check_in_round_trip,
    free_port,
)

SECRET = "process-test-webhook-secret"


async def test_webhook_process_checks_in_and_stops_on_sigterm(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    port = free_port()
    env = bot_env(
        server,
        database,
        webhook_url=f"http://127.0.0.1:{port}",
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
        webhook_secret=SECRET,
    )
    bot = await spawn("run", env=env)

    # The bot registers its webhook, with the secret Telegram must send back.
    account = tg.bot_for_token(TOKEN)
    assert account is not None
    await bot.wait_until(lambda: account.webhook is not None, "setWebhook")
    assert account.webhook is not None
    assert account.webhook_url == f"http://127.0.0.1:{port}/telegram"
    assert account.webhook.secret == SECRET
    # Reactions are not among Telegram's default updates: the bot asks for them (cheers).
    assert account.queue.allowed is not None
    assert "message_reaction" in account.queue.allowed

    await check_in_round_trip(tg, bot, database)

    assert await bot.terminate(seconds=10) == 0, bot.report()
    assert f"receiving updates by webhook on port {port}" in bot.output(), bot.report()
    assert_token_hidden(bot)
    assert "setWebhook" in bot.output()  # logged at DEBUG, with its secret hidden
    assert SECRET not in bot.output()
