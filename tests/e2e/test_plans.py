"""If-then plans: /plan sets, shows and drops a member's plan; it shows in /streak, in the
private reminder, in /export, and a /fail's answer asks what got in the way."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

from bot import texts
from bot.faketelegram import FakeTelegram
from bot.outbox.buttons import PLAN_HOW_DATA
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness

PLAN = texts.format.isolate("after breakfast, at my desk")
WHAT = texts.format.isolate("200 words")


async def test_a_plan_made_shown_and_dropped(bot: Harness, group: Group) -> None:
    g = group
    assert "no plan yet" in await bot.say_text(g.chat, g.alice, "/plan")
    made = await bot.say_text(g.chat, g.alice, "/plan after breakfast, at my desk: 200 words")
    assert made == f"📝 Plan made, {ALICE}: {PLAN} → {WHAT}"
    shown = await bot.say_text(g.chat, g.alice, "/plan")
    assert shown.startswith(f"📝 {ALICE}'s plan: {PLAN} → {WHAT}")
    await bot.say(g.chat, g.alice, "/done")
    assert f"📝 Plan: {PLAN} → {WHAT}" in await bot.say_text(g.chat, g.alice, "/streak")
    # Bob sees Alice's plan in her /streak, as a reply to her message.
    hers = bot.tg.messages(g.chat.id)[-2]
    theirs = await bot.say_text(g.chat, g.bob, "/streak", reply_to=hers.message_id)
    assert f"📝 Plan: {PLAN} → {WHAT}" in theirs
    assert await bot.say_text(g.chat, g.alice, "/plan off") == f"📝 {ALICE}'s plan is dropped."
    assert "no plan yet" in await bot.say_text(g.chat, g.alice, "/plan")
    assert "Plan:" not in await bot.say_text(g.chat, g.alice, "/streak")
    assert "under 200" in await bot.say_text(g.chat, g.alice, "/plan " + "x" * 201)


async def test_a_fail_asks_what_got_in_the_way(bot: Harness, group: Group) -> None:
    g = group
    [answer] = await bot.say(g.chat, g.alice, "/fail overslept")
    assert "What got in the way?" in (answer.text or "")
    assert answer.buttons == [[("📝 Make a plan", PLAN_HOW_DATA)]]
    toast = await bot.press(g.chat, answer, g.bob, PLAN_HOW_DATA)
    assert toast.startswith("Send /plan when: what in the group")


async def test_the_plan_is_in_the_private_reminder(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    tg.send(g.alice.id, g.alice, "/start")
    await bot.deliver()
    await bot.say(g.chat, g.alice, "/plan after lunch: a walk")
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(MONDAY + timedelta(days=2), time(20))
    await bot.tick()
    [reminder] = [m for m in tg.bot_messages(g.alice.id) if m.buttons]
    after_lunch = texts.format.isolate("after lunch")
    assert f"📝 Plan: {after_lunch} → {texts.format.isolate('a walk')}" in (reminder.text or "")


async def test_the_plan_is_exported_and_forgotten(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/plan after lunch: a walk")
    [sent] = await bot.say(g.chat, g.alice, "/export")
    assert sent.document is not None
    rows = list(csv.DictReader(io.StringIO(sent.document.decode("utf-8"))))
    assert [(r["kind"], r["note"]) for r in rows] == [("plan", "after lunch: a walk")]
    [prompt] = await bot.say(g.chat, g.alice, "/forgetme")
    await bot.press(g.chat, prompt, g.alice, prompt.buttons[0][0][1] or "")
    assert "no plan yet" in await bot.say_text(g.chat, g.alice, "/plan")


async def test_an_upgraded_group_keeps_the_plan(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    basic = tg.add_group("Basic", creator=group.owner, supergroup=False)
    tg.add_member(basic.id, group.alice)
    tg.add_bot(basic.id, by=group.owner)
    await bot.deliver()
    await bot.say(basic, group.alice, "/plan after lunch: a walk")
    new_id = tg.upgrade_to_supergroup(basic.id)
    await bot.deliver()
    upgraded = tg.chat(new_id)
    assert "a walk" in await bot.say_text(upgraded, group.alice, "/plan")


async def test_a_group_that_shows_plans_has_them_in_the_cue(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/plan after breakfast, at my desk: 200 words")
    await bot.say(g.chat, g.bob, "/done")  # the next morning's cue is the full one
    bot.at(MONDAY + timedelta(days=1), time(9))
    await bot.tick()
    cue = next(m for m in reversed(bot.tg.bot_messages(g.chat.id)) if m.buttons)
    assert "Plans" not in (cue.text or "")  # off by default
    said = await bot.say_text(g.chat, g.owner, "/settings plans on")
    assert said == "✅ Plans in the cue is now on."
    assert "Plans in the cue: on" in await bot.say_text(g.chat, g.owner, "/settings")
    await bot.say(g.chat, g.bob, "/done")
    bot.at(MONDAY + timedelta(days=2), time(9))
    await bot.tick()
    cue = next(m for m in reversed(bot.tg.bot_messages(g.chat.id)) if m.buttons)
    lines = (cue.text or "").split("\n")
    assert f"• {ALICE}: {PLAN} → {WHAT}" in lines
    assert lines[-1].startswith("Tap ✅")
    assert "/settings plans on" in await bot.say_text(g.chat, g.owner, "/settings plans maybe")
