"""The weekly picture: off by default; when on, posted once a week at its time in the
group's zone, naming who beat their own best week."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta
from io import BytesIO

from PIL import Image

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram, Message
from bot.render.card import WIDTH
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness, start_harness, stop_harness

SUNDAY = MONDAY + timedelta(days=6)


def weeklies(bot: Harness, group: Group) -> list[Message]:
    return [m for m in bot.tg.bot_messages(group.chat.id) if m.photo is not None]


async def test_off_by_default_and_bad_values_explained(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.alice, "/done")
    for day, at in ((SUNDAY, time(9)), (SUNDAY, time(18)), (SUNDAY + timedelta(days=1), time(9))):
        bot.at(day, at)
        await bot.tick()
    assert weeklies(bot, group) == []
    assert "Weekly picture: off" in await bot.say_text(group.chat, group.owner, "/settings")
    bad = await bot.say_text(group.chat, group.owner, "/settings weekly someday 18:00")
    assert "is not a weekday and a time" in bad
    assert "/settings weekly sun 18:00" in bad
    bad = await bot.say_text(group.chat, group.owner, "/settings weekly sun 25:00")
    assert "is not a weekday and a time" in bad


async def test_once_a_week_with_the_best_weeks(
    bot: Harness, group: Group, tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/settings timezone Europe/Berlin")
    changed = await bot.say_text(g.chat, g.owner, "/settings weekly sun 18:00")
    assert "The weekly picture is now Sun 18:00" in changed
    # Week one: Alice two days, Bob three. Week two: Alice three days, Bob three.
    for offset, people in ((0, "ab"), (1, "ab"), (2, "b"), (7, "ab"), (8, "ab"), (9, "ab")):
        bot.at(MONDAY + timedelta(days=offset), time(12), "Europe/Berlin")
        for who in people:
            await bot.say(g.chat, g.alice if who == "a" else g.bob, "/done")

    second = await start_harness(tg, database_url, clock, polling=False)
    try:
        for day in (SUNDAY, SUNDAY + timedelta(days=7)):
            for at in (time(17, 59), time(18), time(18, 1), time(19)):
                bot.at(day, at, "Europe/Berlin")
                await asyncio.gather(bot.tick(), second.tick(), bot.tick())
            await second.pass_time(seconds=5)
    finally:
        await stop_harness(second)

    first, last = weeklies(bot, g)
    assert (first.caption or "") == "📅 Your week: 5 check-ins"
    assert (
        last.caption
        == f"📅 Your week: 6 check-ins\n🏅 {ALICE} beat their best week: 3 days (was 2)"
    )
    image = Image.open(BytesIO(last.photo or b""))
    assert image.format == "PNG"
    assert image.width == WIDTH

    # Moving the day within a week that had its picture posts no second one that week.
    await bot.say(g.chat, g.owner, "/settings weekly mon 09:00")
    bot.at(SUNDAY + timedelta(days=8), time(9), "Europe/Berlin")
    await bot.tick()
    assert len(weeklies(bot, g)) == 3  # a new week: Monday the 16th
    bot.at(SUNDAY + timedelta(days=8), time(10), "Europe/Berlin")
    await bot.say(g.chat, g.owner, "/settings weekly tue 09:00")
    bot.at(SUNDAY + timedelta(days=9), time(9), "Europe/Berlin")
    await bot.tick()
    assert len(weeklies(bot, g)) == 3
