"""Several bot processes on one database, and restarts: each cue is posted exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram
from tests.e2e.harness import DAY0, Harness, start_harness, stop_harness

GROUPS = 40


async def _groups(tg: FakeTelegram, bot: Harness, count: int) -> list[Chat]:
    owner = tg.add_user("Olga")
    chats = []
    for n in range(count):
        chat = tg.add_group(f"Group {n}", creator=owner)
        tg.add_bot(chat.id, by=owner)
        chats.append(chat)
    await bot.deliver()
    return chats


def _cues(tg: FakeTelegram, chats: list[Chat]) -> list[int]:
    return [sum(1 for m in tg.bot_messages(c.id) if m.buttons) for c in chats]


async def test_two_replicas_post_each_cue_once(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    first = await start_harness(tg, database_url, clock)
    second = await start_harness(tg, database_url, clock, polling=False)
    try:
        chats = await _groups(tg, first, GROUPS)
        clock.set(datetime.combine(DAY0, time(9), tzinfo=UTC))
        reports = await asyncio.gather(first.tick(), second.tick(), first.tick())
        assert sum(r.posted for r in reports) == GROUPS
        # 40 cues at once: Telegram's 30 a second holds the last ten a moment.
        await asyncio.gather(first.pass_time(seconds=2), second.pass_time(seconds=2))
        assert _cues(tg, chats) == [1] * GROUPS
    finally:
        await stop_harness(first)
        await stop_harness(second)


async def test_a_restart_neither_repeats_nor_loses_a_cue(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    bot = await start_harness(tg, database_url, clock)
    chats = await _groups(tg, bot, 3)
    await bot.live_to(DAY0, time(9))
    await stop_harness(bot)
    assert _cues(tg, chats) == [1, 1, 1]

    restarted = await start_harness(tg, database_url, clock)
    try:
        await restarted.live_to(DAY0, time(9, 30))
        assert _cues(tg, chats) == [1, 1, 1]
        # Down across the next cue, back within two hours: it is posted, once.
        clock.set(clock.now() + timedelta(days=1, hours=1))
        await restarted.tick()
        await restarted.tick()
        assert _cues(tg, chats) == [2, 2, 2]
    finally:
        await stop_harness(restarted)
