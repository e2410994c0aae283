"""``habitloop run`` as a real process, taking updates by long polling from the fake Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.faketelegram import FakeTelegram, FakeTelegramServer

from .conftest import Spawner, assert_token_hidden, bot_env, check_in_round_trip


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
