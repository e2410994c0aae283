"""Check-ins that arrive together: one counted day and a correct state, on both databases."""

from __future__ import annotations

import asyncio

from telegram import Update

from tests.e2e.conftest import Group
from tests.e2e.harness import Harness


async def test_two_checkins_at_the_same_instant_count_one_day(bot: Harness, group: Group) -> None:
    g = group
    bot.tg.send(g.chat.id, g.alice, "/done first")
    bot.tg.send(g.chat.id, g.alice, "/done second")
    updates = await bot.fetch()
    await asyncio.gather(*(bot.app.process_update(u) for u in updates))

    replies = sorted(m.text or "" for m in bot.tg.bot_messages(g.chat.id)[-2:])
    assert any("day 1" in r for r in replies)
    assert any("already counts" in r for r in replies)
    bot.next_day()
    assert "day 2" in await bot.say_text(g.chat, g.alice, "/done")


async def test_one_update_delivered_twice_at_once_is_one_entry(bot: Harness, group: Group) -> None:
    g = group
    bot.tg.send(g.chat.id, g.alice, "/done")
    [update] = await bot.fetch()
    copy = Update.de_json(update.to_dict(), bot.app.bot)
    before = len(bot.tg.bot_messages(g.chat.id))
    await asyncio.gather(bot.app.process_update(update), bot.app.process_update(copy))
    assert len(bot.tg.bot_messages(g.chat.id)) == before + 1
    assert "Last 30 days: 1/30" in await bot.say_text(g.chat, g.alice, "/streak")


async def test_many_members_at_once(bot: Harness, group: Group) -> None:
    people = [bot.tg.add_user(f"Member {i}") for i in range(12)]
    for person in people:
        bot.tg.add_member(group.chat.id, person)
        bot.tg.send(group.chat.id, person, "/done")
    updates = await bot.fetch()
    await asyncio.gather(*(bot.app.process_update(u) for u in updates))
    replies = [m.text or "" for m in bot.tg.bot_messages(group.chat.id)[-12:]]
    assert all("day 1" in r for r in replies)
