"""Check-ins that arrive together: one counted day and a correct state, on both databases."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.faketelegram.records import Update as FakeUpdate
from tests.e2e.conftest import Group
from tests.e2e.harness import Harness


def _updates(bot: Harness, caught: list[FakeUpdate]) -> list[Update]:
    return [Update.de_json(u.to_json(), bot.app.bot) for u in caught]


async def test_two_checkins_at_the_same_instant_count_one_day(bot: Harness, group: Group) -> None:
    """Two replicas handling one member's two messages at once (the processor of one process
    would take them in turn): the database keeps the streak exact."""
    g = group
    with bot.tg.intercept() as caught:
        bot.tg.send(g.chat.id, g.alice, "/done first")
        bot.tg.send(g.chat.id, g.alice, "/done second")
    await asyncio.gather(*(bot.app.process_update(u) for u in _updates(bot, caught)))
    await bot.settle()

    replies = sorted(m.text or "" for m in bot.tg.bot_messages(g.chat.id)[-2:])
    assert any("day 1" in r for r in replies)
    assert any("already counts" in r for r in replies)
    bot.next_day()
    assert "day 2" in await bot.say_text(g.chat, g.alice, "/done")


async def test_one_update_delivered_twice_at_once_is_one_entry(bot: Harness, group: Group) -> None:
    g = group
    with bot.tg.intercept() as caught:
        bot.tg.send(g.chat.id, g.alice, "/done")
    update, copy = _updates(bot, caught * 2)
    before = len(bot.tg.bot_messages(g.chat.id))
    await asyncio.gather(bot.app.process_update(update), bot.app.process_update(copy))
    await bot.settle()
    assert len(bot.tg.bot_messages(g.chat.id)) == before + 1
    assert "Last 30 days: 1/30" in await bot.say_text(g.chat, g.alice, "/streak")


async def test_many_members_at_once(bot: Harness, group: Group) -> None:
    people = [bot.tg.add_user(f"Member {i}") for i in range(12)]
    for person in people:
        bot.tg.add_member(group.chat.id, person)
    await bot.deliver()
    with bot.tg.intercept() as caught:
        for person in people:
            bot.tg.send(group.chat.id, person, "/done")
    await asyncio.gather(*(bot.app.process_update(u) for u in _updates(bot, caught)))
    await bot.settle()
    replies = [m.text or "" for m in bot.tg.bot_messages(group.chat.id)[-12:]]
    assert all("day 1" in r for r in replies)
