"""Several bot processes on one database, and restarts: each cue is posted exactly once, and
each answer is sent by the replica that took its update."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram
from tests.answers import answered
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


BUSY = 60


async def test_a_second_replica_leaves_the_answers_the_first_owes_to_it(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    """Sixty check-ins in one group: the first replica answers what the group's minute
    allows and owes the rest until it has passed. A replica starting meanwhile (a scale-up, a
    rolling restart) takes none of them over: each member is answered once."""
    first = await start_harness(tg, database_url, clock)
    owner = tg.add_user("Olga")
    members = [tg.add_user(f"Member{n:02d}") for n in range(BUSY)]
    chat = tg.add_group("Busy", creator=owner)
    for member in members:
        tg.add_member(chat.id, member)
    tg.add_bot(chat.id, by=owner)
    for member in members:
        tg.send(chat.id, member, "/done")
    await first.deliver()
    owed = BUSY - len(answered(tg, [chat], members))
    assert owed > BUSY // 2, "nothing waits for the group's minute"

    second = await start_harness(tg, database_url, clock, polling=False)
    try:
        await asyncio.gather(first.pass_time(minutes=2), second.pass_time(minutes=2))
        assert answered(tg, [chat], members) == {m.first_name: 1 for m in members}
    finally:
        await stop_harness(second)
        await stop_harness(first)
