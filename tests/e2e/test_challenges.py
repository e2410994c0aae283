"""Challenges with an end: an admin starts one, members join with its button, the cue counts
its days and who is still in, /challenge shows everyone's progress, and at the end the
results come once, with a picture of the grid."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta
from io import BytesIO

from PIL import Image

from bot import texts
from bot.faketelegram import FakeTelegram, Message
from bot.outbox.buttons import CHALLENGE_JOIN_PREFIX
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import DAY0, Harness

SUGAR = texts.format.isolate("No sugar")


def _join_data(message: Message) -> str:
    [[(label, data)]] = message.buttons
    assert label == "🏁 Join the challenge"
    assert data is not None
    assert data.startswith(CHALLENGE_JOIN_PREFIX)
    return data


async def _start(bot: Harness, g: Group, text: str = "/challenge 7d No sugar") -> Message:
    [started] = await bot.say(g.chat, g.owner, text)
    assert (started.text or "").startswith(f"🏁 New challenge: {SUGAR}")
    return started


async def test_a_seven_day_challenge_from_joining_to_results(bot: Harness, group: Group) -> None:
    g = group
    started = await _start(bot, g)
    data = _join_data(started)
    assert await bot.press(g.chat, started, g.alice, data) == "You're in: No sugar. Good luck!"
    assert await bot.press(g.chat, started, g.alice, data) == "You're in No sugar already."
    assert f"🏁 {ALICE} joined {SUGAR}" in (bot.tg.bot_messages(g.chat.id)[-1].text or "")
    assert "joined" in await bot.say_text(g.chat, g.bob, "/challenge join")
    shown = await bot.say_text(g.chat, g.bob, "/challenge")
    assert "Starts" in shown
    assert f"🔥 {ALICE}: 0 of 7 days" in shown
    assert f"🔥 {BOB}: 0 of 7 days" in shown

    first = DAY0 + timedelta(days=1)
    # Alice checks in every day; Bob misses the third day.
    for n in range(7):
        day = first + timedelta(days=n)
        bot.at(day, time(9, 5))
        await bot.tick()
        cue = bot.tg.bot_messages(g.chat.id)[-1]
        assert f"🏁 {SUGAR}: day {n + 1} of 7." in (cue.text or "")
        if n == 3:
            still = (cue.text or "").split("Still in: ")[1]
            assert ALICE in still
            assert BOB not in still
        await bot.say(g.chat, g.alice, "/done")
        if n != 2:
            await bot.say(g.chat, g.bob, "/done")
        if n == 1:
            # Joining is closed once it started (late joining is off).
            [closed] = await bot.say(g.chat, g.owner, "/challenge join")
            assert "joining is closed" in (closed.text or "")
    shown = await bot.say_text(g.chat, g.bob, "/challenge")
    assert "Day 7 of 7" in shown
    assert f"🔥 {ALICE}: 7 of 7 days" in shown
    assert f"· {BOB}: 6 of 7 days" in shown

    last = first + timedelta(days=6)
    bot.at(last + timedelta(days=1), time(11, 55))
    await bot.tick()
    assert not [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    bot.at(last + timedelta(days=1), time(12, 1))
    await bot.tick()
    [results] = [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    caption = results.caption or ""
    assert caption.startswith(f"🏁 {SUGAR} is over!")
    assert f"🏆 Every day: {ALICE}" in caption
    assert f"🥈 Closest: {BOB} (6 of 7 days)" in caption
    assert "Together: 13 check-ins." in caption
    assert results.photo is not None
    image = Image.open(BytesIO(results.photo))
    assert image.width == 1000
    # Once: the next days bring neither results again nor the challenge in the cue.
    bot.at(last + timedelta(days=2), time(9, 5))
    await bot.tick()
    assert "🏁" not in (bot.tg.bot_messages(g.chat.id)[-1].text or "")
    bot.at(last + timedelta(days=2), time(12, 30))
    await bot.tick()
    assert len([m for m in bot.tg.bot_messages(g.chat.id) if m.photo]) == 1
    assert "No challenge is running" in await bot.say_text(g.chat, g.bob, "/challenge")


async def test_only_admins_start_and_stop_one_at_a_time(bot: Harness, group: Group) -> None:
    g = group
    refused = await bot.say_text(g.chat, g.alice, "/challenge 7d No sugar")
    assert refused.startswith("Only the group's admins")
    assert "how long" in await bot.say_text(g.chat, g.owner, "/challenge sugar")
    assert "a name" in await bot.say_text(g.chat, g.owner, "/challenge 7d")
    assert "1/week to 6/week" in await bot.say_text(g.chat, g.owner, "/challenge 10d 3/week Gym")
    assert "from tomorrow" in await bot.say_text(
        g.chat, g.owner, f"/challenge 7d Gym from {DAY0.isoformat()}"
    )
    await _start(bot, g)
    again = await bot.say_text(g.chat, g.owner, "/challenge 4w 3/week Gym")
    assert "has a challenge already" in again
    assert "stopped" in await bot.say_text(g.chat, g.owner, "/challenge stop")
    assert "nothing to stop" in await bot.say_text(g.chat, g.owner, "/challenge stop")
    [gym] = await bot.say(g.chat, g.owner, "/challenge 4w 3/week Gym freezes on late on")
    assert "3 days a week for 4 weeks · freezes: on · joining late: on" in (gym.text or "")


async def test_a_weekly_challenge_joined_late(bot: Harness, group: Group) -> None:
    g = group
    start = DAY0 + timedelta(days=2)
    [gym] = await bot.say(
        g.chat, g.owner, f"/challenge 2w 2/week Gym from {start.isoformat()} late on"
    )
    bot.at(start + timedelta(days=3), time(10))
    assert "joined" in await bot.say_text(g.chat, g.alice, "/challenge join")
    for n in (3, 5, 8, 9):
        bot.at(start + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    shown = await bot.say_text(g.chat, g.alice, "/challenge")
    assert f"🔥 {ALICE}: 2 of 2 weeks" in shown
    bot.at(start + timedelta(days=14), time(12, 30))
    await bot.tick()
    [results] = [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    assert f"🏆 Every week: {ALICE}" in (results.caption or "")
    assert gym.buttons


async def test_forgetme_leaves_the_challenge_and_the_others_in_it(
    bot: Harness, group: Group
) -> None:
    g = group
    started = await _start(bot, g)
    data = _join_data(started)
    await bot.press(g.chat, started, g.alice, data)
    await bot.press(g.chat, started, g.bob, data)
    [sent] = await bot.say(g.chat, g.alice, "/export")
    assert sent.document is not None
    rows = list(csv.DictReader(io.StringIO(sent.document.decode("utf-8"))))
    assert [(r["kind"], r["note"]) for r in rows] == [("challenge", "No sugar")]
    [prompt] = await bot.say(g.chat, g.alice, "/forgetme")
    await bot.press(g.chat, prompt, g.alice, prompt.buttons[0][0][1] or "")
    shown = await bot.say_text(g.chat, g.owner, "/challenge")
    assert ALICE not in shown
    assert f"🔥 {BOB}: 0 of 7 days" in shown


async def test_an_upgraded_group_keeps_its_challenge(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    basic = tg.add_group("Basic", creator=group.owner, supergroup=False)
    tg.add_member(basic.id, group.alice)
    tg.add_bot(basic.id, by=group.owner)
    await bot.deliver()
    [started] = await bot.say(basic, group.owner, "/challenge 7d No sugar")
    await bot.press(basic, started, group.alice, _join_data(started))
    new_id = tg.upgrade_to_supergroup(basic.id)
    await bot.deliver()
    upgraded = tg.chat(new_id)
    shown = await bot.say_text(upgraded, group.alice, "/challenge")
    assert f"🔥 {ALICE}: 0 of 7 days" in shown
    # The button posted before the upgrade still joins (the challenge followed the group).
    assert "joined" in await bot.say_text(upgraded, group.owner, "/challenge join")


async def test_a_late_upgrade_keeps_the_challenge_started_first(
    bot: Harness, tg: FakeTelegram
) -> None:
    """A challenge in the basic group, another started in the supergroup before the bot
    heard of the upgrade: the first goes on, with its members once; the second is stopped."""
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    tg.add_member(basic.id, alice)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    await bot.say(basic, owner, "/challenge 7d No sugar")
    assert "joined" in await bot.say_text(basic, alice, "/challenge join")
    with tg.intercept() as held:
        new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    supergroup = tg.chat(new_id)
    tg.add_member(new_id, bob)
    bot.advance(minutes=1)
    assert "New challenge" in await bot.say_text(supergroup, owner, "/challenge 2w 3/week Gym")
    assert "joined" in await bot.say_text(supergroup, alice, "/challenge join")
    assert "joined" in await bot.say_text(supergroup, bob, "/challenge join")
    tg.release(held)
    await bot.deliver()
    shown = await bot.say_text(supergroup, bob, "/challenge")
    assert shown.startswith(f"🏁 {SUGAR}")
    assert shown.count(ALICE) == 1
    assert BOB not in shown
    assert "joined" in await bot.say_text(supergroup, bob, "/challenge join")


async def test_the_results_come_at_noon_in_the_groups_zone_even_with_nobody_in(
    bot: Harness, group: Group
) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/challenge 2d Quiet")
    await bot.say(g.chat, g.owner, "/settings timezone Asia/Tokyo")
    last = DAY0 + timedelta(days=2)
    bot.at(last + timedelta(days=1), time(11, 55), "Asia/Tokyo")
    await bot.tick()
    assert not [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    bot.at(last + timedelta(days=1), time(12, 5), "Asia/Tokyo")
    await bot.tick()
    [results] = [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    caption = results.caption or ""
    assert "Nobody made every day this time." in caption
    assert "Together: 0 check-ins." in caption
