"""The weekly quest: a group with /settings quest on gets a shared goal each week, the recap
shows its bar, and the first cue of the next week settles it: a badge for everyone who
checked in if it was met, each member's own count and their bonus from teammates; /stats
counts the quests a member completed."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

from bot.domain.quests import bar, quest_goal
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import DAY0, MONDAY, Harness


async def _recap(bot: Harness, group: Group, day_offset: int) -> str:
    bot.at(MONDAY + timedelta(days=day_offset), time(21, 5))
    await bot.tick()
    return bot.tg.bot_messages(group.chat.id)[-1].text or ""


async def _cue(bot: Harness, group: Group, day_offset: int) -> str:
    bot.at(MONDAY + timedelta(days=day_offset), time(9, 5))
    await bot.tick()
    return bot.tg.bot_messages(group.chat.id)[-1].text or ""


async def test_a_quest_met_then_one_missed(bot: Harness, group: Group) -> None:
    g = group
    assert (
        "only the group's admins"
        in (await bot.say_text(g.chat, g.alice, "/settings quest on")).lower()
    )
    changed = await bot.say_text(g.chat, g.owner, "/settings quest on")
    assert changed == "✅ The weekly quest is now on."
    assert "Weekly quest: on" in await bot.say_text(g.chat, g.bob, "/settings")

    # The first week: Alice every day, Bob once; the goal is the minimum (no weeks before
    # with check-ins).
    for n in range(7):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
        if n == 0:
            await bot.say(g.chat, g.bob, "/done")
        recap = await _recap(bot, g, n)
        if n == 0:
            assert "🎯 Weekly quest: ▰▰▰▰▱▱▱▱▱▱ 2/5" in recap
    assert "🎯 Weekly quest: ▰▰▰▰▰▰▰▰▰▰ 8/5" in recap

    cue = await _cue(bot, g, 7)
    assert "🎯 Last week's quest is done: 8/5!" in cue
    assert f"• {ALICE}: 7 ✅ + 0 🤝" in cue
    assert f"• {BOB}: 1 ✅ + 1 🤝" in cue
    had = [0, 8] if DAY0 < MONDAY else [8]  # the week the bot came in, if before
    goal = quest_goal(had)
    assert f"🎯 This week's quest: {goal} check-ins together." in cue
    # Settled once: the recap of that day says nothing more of last week.
    assert "Last week's quest" not in await _recap(bot, g, 7)

    # The second week: Bob alone, once: missed, no badge.
    bot.at(MONDAY + timedelta(days=8), time(12))
    await bot.say(g.chat, g.bob, "/done")
    assert f"🎯 Weekly quest: {bar(1, goal)} 1/{goal}" in await _recap(bot, g, 8)
    cue = await _cue(bot, g, 14)
    assert f"🎯 Last week's quest: 1/{goal}, not quite." in cue
    assert f"• {BOB}: 1 ✅ + 0 🤝" in cue

    [alice] = await bot.say(g.chat, g.alice, "/stats")
    assert (alice.caption or "").endswith("🎯 1 quest")
    [bob] = await bot.say(g.chat, g.bob, "/stats")
    assert (bob.caption or "").endswith("🎯 1 quest")


async def test_forgetme_takes_the_badges_and_the_upgrade_keeps_the_quest(
    bot: Harness, group: Group
) -> None:
    tg = bot.tg
    g = group
    basic = tg.add_group("Basic", creator=g.owner, supergroup=False)
    tg.add_member(basic.id, g.alice)
    tg.add_member(basic.id, g.bob)
    tg.add_bot(basic.id, by=g.owner)
    await bot.deliver()
    await bot.say(basic, g.owner, "/settings quest on")
    for n in range(7):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(basic, g.alice, "/done")
        await bot.say(basic, g.bob, "/done")
        bot.at(MONDAY + timedelta(days=n), time(21, 5))
        await bot.tick()
    new_id = tg.upgrade_to_supergroup(basic.id)
    await bot.deliver()
    upgraded = tg.chat(new_id)
    assert "Weekly quest: on" in await bot.say_text(upgraded, g.bob, "/settings")
    bot.at(MONDAY + timedelta(days=7), time(9, 5))
    await bot.tick()
    cue = tg.bot_messages(upgraded.id)[-1].text or ""
    assert "🎯 Last week's quest is done: 14/5!" in cue
    assert f"• {ALICE}: 7 ✅ + 1 🤝" in cue
    [sent] = await bot.say(upgraded, g.alice, "/export")
    assert sent.document is not None
    rows = list(csv.DictReader(io.StringIO(sent.document.decode("utf-8"))))
    [badge] = [r for r in rows if r["kind"] == "quest"]
    assert (badge["date"], badge["note"]) == (MONDAY.isoformat(), "14/5")
    [prompt] = await bot.say(upgraded, g.alice, "/forgetme")
    await bot.press(upgraded, prompt, g.alice, prompt.buttons[0][0][1] or "")
    await bot.say(upgraded, g.alice, "/done")
    [alice] = await bot.say(upgraded, g.alice, "/stats")
    assert "🎯" not in (alice.caption or "")
    [bob] = await bot.say(upgraded, g.bob, "/stats")
    assert (bob.caption or "").endswith("🎯 1 quest")


async def test_a_weekly_teammate_keeps_their_target_in_their_own_week(
    bot: Harness, group: Group
) -> None:
    """Bob aims at 3 a week, in weeks from Sunday: the Sunday before the quest's Monday and
    two days of it make his week, which earns Alice her bonus; the quest counts his two."""
    g = group
    await bot.say(g.chat, g.owner, "/settings quest on")
    await bot.say(g.chat, g.owner, "/settings week sun")
    bot.at(MONDAY, time(12))
    await bot.say(g.chat, g.bob, "/target 3")  # from Sunday, MONDAY + 6
    bob_days = {6, 7, 9}
    for n in range(14):
        bot.at(MONDAY + timedelta(days=n), time(12))
        if n >= 7:
            await bot.say(g.chat, g.alice, "/done")
        if n in bob_days:
            await bot.say(g.chat, g.bob, "/done")
        await _recap(bot, g, n)
    cue = await _cue(bot, g, 14)
    assert f"• {ALICE}: 7 ✅ + 1 🤝" in cue
    assert f"• {BOB}: 2 ✅ + 1 🤝" in cue
    # The next week Bob checks in on its Tuesday and its Sunday: one day in his week, which
    # ended on the Saturday (the Sunday starts his next): Alice's bonus is none.
    for n in range(14, 21):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
        if n in (15, 20):
            await bot.say(g.chat, g.bob, "/done")
        await _recap(bot, g, n)
    cue = await _cue(bot, g, 21)
    assert f"• {ALICE}: 7 ✅ + 0 🤝" in cue
    assert f"• {BOB}: 2 ✅ + 1 🤝" in cue
