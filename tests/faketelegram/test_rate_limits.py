"""Flood limits measured on the injected clock, and forced 429s."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User


async def test_twenty_a_minute_per_group(
    tg: FakeTelegram, bot: Bot, group: Chat, clock: ManualClock
) -> None:
    for n in range(20):
        await bot.send_message(group.id, f"m{n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.id, "one too many")
    assert caught.value.retry_after == timedelta(seconds=60)
    clock.advance(timedelta(seconds=30))
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.id, "still too many")
    assert caught.value.retry_after == timedelta(seconds=30)
    clock.advance(timedelta(seconds=31))
    await bot.send_message(group.id, "fine again")


async def test_thirty_a_second_overall(tg: FakeTelegram, bot: Bot, clock: ManualClock) -> None:
    people: list[User] = [tg.add_user(f"U{n}") for n in range(31)]
    for person in people:
        tg.send(person.id, person, "/start")
    for person in people[:30]:
        await bot.send_message(person.id, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(people[30].id, "hi")
    clock.advance(timedelta(seconds=1))
    await bot.send_message(people[30].id, "hi")


async def test_limits_can_be_switched_off(tg: FakeTelegram, bot: Bot, group: Chat) -> None:
    tg.rate_limits = False
    for n in range(40):
        await bot.send_message(group.id, f"m{n}")
    assert len(tg.bot_messages(group.id)) == 40


async def test_fail_next_forces_429s(tg: FakeTelegram, bot: Bot, group: Chat) -> None:
    tg.rate_limits = False
    tg.fail_next(method="sendMessage", times=2, retry_after=7, chat_id=group.id)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(group.id, "x")
        assert caught.value.retry_after == timedelta(seconds=7)
    await bot.send_message(group.id, "x")
    assert len(tg.bot_messages(group.id)) == 1
