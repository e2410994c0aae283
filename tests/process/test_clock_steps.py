"""The machine's wall clock steps under a running ``habitloop run`` (an NTP correction, a VM
resumed from a snapshot): back an hour, then forward. The scheduler keeps ticking, and every
post that falls due is posted once: the day's cue, its evening recap, the next day's cue.

On PostgreSQL: under libfaketime every hand-over between threads takes tens of milliseconds,
and SQLite's driver hands each statement to a thread of its own (the schedule is the same on
both databases).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer, Message
from tests.wall_clock import SteppedWallClock

from .conftest import Child, Spawner, bot_env, bot_texts, free_port

TICK_SECONDS = 0.2
RECAP = "🌙"


def cues(tg: FakeTelegram, chat: Chat) -> list[Message]:
    """The cues: the bot's messages with the ✅ button (the full one, or after a quiet day the
    short one)."""
    return [m for m in tg.bot_messages(chat.id) if m.buttons]


async def ticks(port: int) -> float:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as reply,
    ):
        text = await reply.text()
    for family in text_string_to_metric_families(text):
        if family.name == "habitloop_ticks":
            return sum(s.value for s in family.samples if s.name == "habitloop_ticks_total")
    return 0.0


async def some_ticks_pass(bot: Child, port: int) -> None:
    """Let the bot live a few ticks at the time it reads now."""
    before = await ticks(port)
    for _ in range(100):
        if await ticks(port) >= before + 3:
            return
        await asyncio.sleep(TICK_SECONDS)
    pytest.fail(f"the scheduler stopped ticking\n{bot.report()}")


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_the_scheduler_keeps_ticking_when_the_wall_clock_steps(
    tg: FakeTelegram,
    server: FakeTelegramServer,
    spawn: Spawner,
    tmp_path: Path,
    database_url: str,
) -> None:
    clock = SteppedWallClock(tmp_path / "clock-offset")
    day = datetime.now(UTC).date() + timedelta(days=1)
    clock.set(datetime.combine(day, time(8, 58), tzinfo=UTC))
    port = free_port()
    env = bot_env(
        server,
        database_url,
        tick_seconds=str(TICK_SECONDS),
        metrics_port=str(port),
        log_level="INFO",
    )
    bot = await spawn("run", env={**env, **clock.env()})
    owner = tg.add_user("Olga", username="olga")
    chat = tg.add_group("Writers", creator=owner)
    tg.add_bot(chat.id, by=owner)
    await bot.wait_until(lambda: bool(bot_texts(tg, chat, "show up every day")), "the welcome")

    clock.set(datetime.combine(day, time(8, 59, 58), tzinfo=UTC))
    await bot.wait_until(lambda: len(cues(tg, chat)) == 1, "the day's cue")

    clock.step(-timedelta(hours=1))
    await some_ticks_pass(bot, port)
    assert len(cues(tg, chat)) == 1  # not again

    clock.set(datetime.combine(day, time(20, 59, 58), tzinfo=UTC))
    await bot.wait_until(lambda: bool(bot_texts(tg, chat, RECAP)), "the evening recap")

    clock.set(datetime.combine(day + timedelta(days=1), time(8, 59, 58), tzinfo=UTC))
    await bot.wait_until(lambda: len(cues(tg, chat)) == 2, "the next day's cue")
    await some_ticks_pass(bot, port)
    assert await bot.terminate() == 0, bot.report()

    assert len(cues(tg, chat)) == 2
    assert len(bot_texts(tg, chat, RECAP)) == 1
    assert "Traceback" not in bot.output(), bot.report()
