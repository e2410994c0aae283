"""Private reminders: at each person's own hour, one message a day listing the groups where
their streak is at risk, with a ✅ per group; across groups, zones and replicas."""

from __future__ import annotations

import asyncio
from datetime import date, time, timedelta

from bot import texts
from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, Message, User
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness, start_harness, stop_harness

# The groups' titles as the reminders show them, on their lines and buttons.
WRITERS = texts.format.isolate("Writers")
RUNNERS = texts.format.isolate("Runners")

WEDNESDAY = MONDAY + timedelta(days=2)


def reminders(tg: FakeTelegram, user: User) -> list[Message]:
    return [m for m in tg.bot_messages(user.id) if m.buttons]


async def _start(bot: Harness, user: User) -> None:
    bot.tg.send(user.id, user, "/start")
    await bot.deliver()


async def _second_group(bot: Harness, group: Group, title: str, zone: str) -> Chat:
    chat = bot.tg.add_group(title, creator=group.owner)
    bot.tg.add_member(chat.id, group.alice)
    bot.tg.add_bot(chat.id, by=group.owner)
    await bot.deliver()
    await bot.say(chat, group.owner, f"/settings timezone {zone}")
    return chat


async def test_two_groups_two_zones_two_replicas(
    bot: Harness, group: Group, tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    g = group
    runners = await _second_group(bot, g, "Runners", "America/New_York")
    carol = tg.add_user("Carol")
    tg.add_member(g.chat.id, carol)
    for person in (g.alice, g.bob):
        await _start(bot, person)
    await bot.say(g.chat, g.alice, "/timezone Europe/Berlin")  # 20:00 there is 19:00 UTC
    await bot.say(g.chat, g.bob, "/timezone Asia/Tokyo")  # 20:00 there is 11:00 UTC
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        for chat, person in ((g.chat, g.alice), (runners, g.alice), (g.chat, g.bob)):
            await bot.say(chat, person, "/done")
        await bot.say(g.chat, carol, "/done")

    second = await start_harness(tg, database_url, clock, polling=False)
    try:

        async def both_tick(at: time, day: date = WEDNESDAY) -> None:
            bot.at(day, at)
            await asyncio.gather(bot.tick(), second.tick(), bot.tick())

        await both_tick(time(10, 59))
        assert reminders(tg, g.bob) == []
        await both_tick(time(11, 0))
        await both_tick(time(11, 5))
        [bobs] = reminders(tg, g.bob)
        assert bobs.buttons == [[(f"✅ {WRITERS}", bobs.buttons[0][0][1])]]
        assert f"{WRITERS}: 2 days" in (bobs.text or "")
        assert reminders(tg, g.alice) == []

        await both_tick(time(19, 0))
        await both_tick(time(19, 30))
        [alices] = reminders(tg, g.alice)
        assert [row[0][0] for row in alices.buttons] == [f"✅ {RUNNERS}", f"✅ {WRITERS}"]
        assert f"{RUNNERS}: 2 days" in (alices.text or "")
        assert len(reminders(tg, g.bob)) == 1

        # The recap mentions who has no private chat with the bot: Carol, not Alice or Bob.
        await both_tick(time(21, 0))
        recap = [m for m in tg.bot_messages(g.chat.id) if "🌙" in (m.text or "")][-1]
        assert f"Still time today: {texts.format.isolate('Carol')}." in (recap.text or "")
        assert f"id={g.alice.id}" not in (recap.html or "")
        assert f"id={g.bob.id}" not in (recap.html or "")

        # Alice checks in in Runners from her private chat; only Runners hears of it.
        writers_before = len(tg.bot_messages(g.chat.id))
        runners_button = alices.buttons[0][0][1]
        assert runners_button is not None
        toast = await bot.press(tg.private_chat(g.alice), alices, g.alice, runners_button)
        assert toast == "✅ Checked in! Streak: 3 days."
        assert f"{ALICE} reached a 3-day streak!" in (tg.bot_messages(runners.id)[-1].text or "")
        assert len(tg.bot_messages(g.chat.id)) == writers_before
        again = await bot.press(tg.private_chat(g.alice), alices, g.alice, runners_button)
        assert again == "Already checked in today ✅ Streak: 3 days."

        # Thursday: Bob's run ended (no reminder); Alice's Runners streak is at risk again.
        thursday = WEDNESDAY + timedelta(days=1)
        await both_tick(time(11, 0), thursday)
        await both_tick(time(19, 0), thursday)
        assert len(reminders(tg, g.bob)) == 1
        alices_thursday = reminders(tg, g.alice)[-1]
        assert len(reminders(tg, g.alice)) == 2
        assert [row[0][0] for row in alices_thursday.buttons] == [f"✅ {RUNNERS}"]
    finally:
        await stop_harness(second)


async def _two_days(bot: Harness, group: Group, *people: User) -> None:
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        for person in people:
            await bot.say(group.chat, person, "/done")


async def test_someone_who_blocked_the_bot_is_skipped(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    await _start(bot, g.alice)
    await _two_days(bot, g, g.alice)
    with tg.intercept():  # the bot never hears of the block, until it sends
        tg.block_bot(g.alice)
    bot.at(WEDNESDAY, time(20))
    await bot.tick()
    await bot.pass_time(seconds=10)
    assert reminders(tg, g.alice) == []
    # Known to have blocked the bot, she is mentioned in the group's recap instead.
    bot.at(WEDNESDAY, time(21))
    await bot.tick()
    recap = [m for m in tg.bot_messages(g.chat.id) if "🌙" in (m.text or "")][-1]
    assert f"id={g.alice.id}" in (recap.html or "")


async def test_the_hour_is_theirs_and_one_a_day(bot: Harness, group: Group) -> None:
    g = group
    await _start(bot, g.alice)
    await _two_days(bot, g, g.alice, g.bob)
    assert "/remind off" in await bot.say_text(g.chat, g.alice, "/remind")
    bot.tg.send(g.alice.id, g.alice, "/remind 21:30")
    await bot.deliver()
    assert "21:30 (UTC)" in (bot.tg.bot_messages(g.alice.id)[-1].text or "")
    shown = await bot.say_text(g.chat, g.alice, "/remind")
    assert "privately at 21:30 (UTC)" in shown
    # Bob never started the bot in private: the recap mentions him, and he hears how to.
    bobs = await bot.say_text(g.chat, g.bob, "/remind")
    assert "evening recap" in bobs
    assert "start me" in bobs

    bot.at(WEDNESDAY, time(20))
    await bot.tick()
    assert reminders(bot.tg, g.alice) == []
    bot.at(WEDNESDAY, time(21, 30))
    await bot.tick()
    assert len(reminders(bot.tg, g.alice)) == 1
    # A later hour the same day brings no second one.
    bot.tg.send(g.alice.id, g.alice, "/remind 22:00")
    await bot.deliver()
    bot.at(WEDNESDAY, time(22))
    await bot.tick()
    assert len(reminders(bot.tg, g.alice)) == 1


async def test_remind_off_in_private_turns_off_every_group(bot: Harness, group: Group) -> None:
    g = group
    await _start(bot, g.alice)
    bot.tg.send(g.alice.id, g.alice, "/remind on")
    await bot.deliver()
    assert bot.tg.bot_messages(g.alice.id)[-1].text == "You're in no group with me yet."
    await _two_days(bot, g, g.alice)
    bot.tg.send(g.alice.id, g.alice, "/remind off")
    await bot.deliver()
    assert "Reminders off for all your groups (1 group)" in (
        bot.tg.bot_messages(g.alice.id)[-1].text or ""
    )
    bot.at(WEDNESDAY, time(20))
    await bot.tick()
    assert reminders(bot.tg, g.alice) == []
    assert "No reminders about this group" in await bot.say_text(g.chat, g.alice, "/remind")
    assert "/remind 21:30" in await bot.say_text(g.chat, g.alice, "/remind 25:00")


async def test_timezone_in_the_private_chat(bot: Harness, group: Group) -> None:
    g = group
    await _start(bot, g.alice)
    await bot.say(g.chat, g.alice, "/done")
    bot.tg.send(g.alice.id, g.alice, "/timezone")
    await bot.deliver()
    assert "haven't chosen a time zone" in (bot.tg.bot_messages(g.alice.id)[-1].text or "")
    bot.tg.send(g.alice.id, g.alice, "/timezone tokyo")
    await bot.deliver()
    assert "Did you mean Asia/Tokyo?" in (bot.tg.bot_messages(g.alice.id)[-1].text or "")
    bot.tg.send(g.alice.id, g.alice, "/timezone Asia/Tokyo")
    await bot.deliver()
    said = bot.tg.bot_messages(g.alice.id)[-1].text or ""
    assert "Your time zone is now Asia/Tokyo" in said
    assert "your 1 group and" in said
    assert "Your time zone: Asia/Tokyo" in await bot.say_text(g.chat, g.alice, "/timezone")
