"""A weekly target: /target 3 from next week, check-ins counted in weeks ("2 of 3 this
week"), a break week bridged, a missed week covered by a freeze, the late /done yesterday on
a week's last day, and /settings week moving the week's start."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot import texts
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness


def week(n: int, day: int = 0) -> date:
    """Day ``day`` (0 = Monday) of the ``n``-th week after the tests' first Monday."""
    return MONDAY + timedelta(weeks=n, days=day)


def when(day: date) -> str:
    return texts.format.short_date(day)


async def done_on(bot: Harness, group: Group, day: date, at: time = time(12)) -> str:
    bot.at(day, at)
    return await bot.say_text(group.chat, group.alice, "/done")


async def test_target_shown_and_set_from_next_week(bot: Harness, group: Group) -> None:
    g = group
    bot.at(week(0, 2), time(12))  # a Wednesday
    shown = await bot.say_text(g.chat, g.alice, "/target")
    assert shown.startswith(f"🎯 {ALICE}'s target: every day. Weeks start on Monday.")
    said = await bot.say_text(g.chat, g.alice, "/target 3")
    assert said == (
        f"🎯 {ALICE}, your target is 3 times a week from {when(week(1))}. "
        "This week keeps every day."
    )
    shown = await bot.say_text(g.chat, g.alice, "/target")
    assert "every day" in shown
    assert "From next week: 3 times a week." in shown
    assert "already is 3 times a week" in await bot.say_text(g.chat, g.alice, "/target 3")
    for bad in ("/target 7", "/target 0", "/target often"):
        assert "a number from 1 to 6" in await bot.say_text(g.chat, g.alice, bad)


async def test_switching_from_daily_to_three_a_week_mid_week(bot: Harness, group: Group) -> None:
    g = group
    for n in range(3):
        await done_on(bot, g, week(0, n))
    await bot.say(g.chat, g.alice, "/target 3")  # on Wednesday: from next Monday
    assert await done_on(bot, g, week(0, 3)) == f"🔥 {ALICE}: day 4"
    first = await done_on(bot, g, week(1, 0))
    assert first == f"✅ {ALICE}: 1 of 3 this week. Streak: 0 weeks."
    assert await done_on(bot, g, week(1, 2)) == f"✅ {ALICE}: 2 of 3 this week. Streak: 0 weeks."
    again = await bot.say_text(g.chat, g.alice, "/done")
    assert again == f"✅ Noted, {ALICE}. Today already counts: 2 of 3 this week."
    third = await done_on(bot, g, week(1, 4))
    assert third == f"🔥 {ALICE}: 3 of 3 this week, the week counts! Streak: 1 week."
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert card.startswith(f"🔥 {ALICE}: 1 week · best 1 week\n🎯 3 of 3 this week")
    undone = await bot.say_text(g.chat, g.alice, "/undo")
    assert undone == f"↩️ Removed your latest check-in today, {ALICE}: 2 of 3 this week."
    assert (await bot.say_text(g.chat, g.alice, "/streak")).startswith(f"🔥 {ALICE}: 0 weeks")


async def test_six_weeks_with_a_break_week_and_a_freeze(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/target 3")
    said: list[str] = []
    for n in (1, 2):
        for day in (0, 2, 4):
            said.append(await done_on(bot, g, week(n, day)))
    assert said[-1].startswith(f"🔥 {ALICE}: 3 of 3 this week, the week counts! Streak: 2 weeks.")
    assert f"🎉 {ALICE} reached a 2-week streak!" in said[-1]
    # Week 3: a break of a whole week bridges the streak without counting.
    bot.at(week(3, 0), time(9))
    await bot.say(g.chat, g.alice, "/break 7d holiday")
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert card.startswith(f"🔥 {ALICE}: 2 weeks")
    for n in (4, 5):
        for day in (1, 3, 5):
            said.append(await done_on(bot, g, week(n, day)))
    assert f"👋 Welcome back, {ALICE}! Streak: 2 weeks" in said[6]
    assert said[-1].startswith(f"🔥 {ALICE}: 3 of 3 this week, the week counts! Streak: 4 weeks.")
    assert f"🎉 {ALICE} reached a 4-week streak!" in said[-1]
    # Four counted weeks earned a freeze: week 6 is missed, and week 7 keeps the run going.
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert "🧊 freezes: 1" in card
    bot.at(week(6, 6), time(12))
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert card.startswith(f"🔥 {ALICE}: 4 weeks")
    assert "🎯 0 of 3 this week" in card
    for day in (0, 1):
        await done_on(bot, g, week(7, day))
    last = await done_on(bot, g, week(7, 2))
    assert last.startswith(f"🔥 {ALICE}: 3 of 3 this week, the week counts! Streak: 5 weeks.")
    assert f"🧊 a freeze saved {ALICE}'s 4-week streak." in last
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert card.startswith(f"🔥 {ALICE}: 5 weeks · best 5 weeks")
    assert "🧊 freezes" not in card


async def test_done_yesterday_on_the_weeks_last_day(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/target 3")
    for day in (1, 3):
        await done_on(bot, g, week(1, day))
    # Monday 01:00: Sunday, the last day of week 1, makes the week count.
    bot.at(week(2, 0), time(1))
    late = await bot.say_text(g.chat, g.alice, "/done yesterday")
    assert late == f"✅ Yesterday counted, {ALICE}: 3 of 3 last week. Streak: 1 week."
    assert await done_on(bot, g, week(2, 0)) == f"✅ {ALICE}: 1 of 3 this week. Streak: 1 week."
    await done_on(bot, g, week(2, 2))
    bot.at(week(3, 0), time(1))
    late = await bot.say_text(g.chat, g.alice, "/done yesterday")
    assert late.startswith(f"✅ Yesterday counted, {ALICE}: 3 of 3 last week. Streak: 2 weeks.")
    assert f"🎉 {ALICE} reached a 2-week streak!" in late
    # Tuesday 01:00: Monday, the week's first day.
    bot.at(week(3, 1), time(1))
    late = await bot.say_text(g.chat, g.alice, "/done yesterday")
    assert late == f"✅ Yesterday counted, {ALICE}: 1 of 3 this week. Streak: 2 weeks."
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert card.startswith(f"🔥 {ALICE}: 2 weeks · best 2 weeks\n🎯 1 of 3 this week")


async def test_the_week_can_start_on_sunday(bot: Harness, group: Group) -> None:
    g = group
    bot.at(week(0, 0), time(12))
    said = await bot.say_text(g.chat, g.owner, "/settings week sun")
    assert said == "✅ The week's first day is now Sunday."
    await bot.say(g.chat, g.alice, "/target 2")  # from Sunday, week(0, 6)
    assert "Weeks start on Sunday" in await bot.say_text(g.chat, g.alice, "/target")
    assert await done_on(bot, g, week(0, 6)) == f"✅ {ALICE}: 1 of 2 this week. Streak: 0 weeks."
    sat = await done_on(bot, g, week(1, 5))
    assert sat.startswith(f"🔥 {ALICE}: 2 of 2 this week, the week counts! Streak: 1 week.")
    assert await done_on(bot, g, week(1, 6)) == f"✅ {ALICE}: 1 of 2 this week. Streak: 1 week."
    shown = await bot.say_text(g.chat, g.bob, "/settings")
    assert "Weeks start on: Sunday" in shown
    refused = await bot.say_text(g.chat, g.owner, "/settings week wed")
    assert "is not a first day of the week" in refused


def cues(bot: Harness, group: Group) -> list[str]:
    return [m.text or "" for m in bot.tg.bot_messages(group.chat.id) if "☀️" in (m.text or "")]


async def test_at_risk_in_the_cue_and_the_reminder_only_when_needed(
    bot: Harness, group: Group
) -> None:
    g = group
    bot.tg.send(g.alice.id, g.alice, "/start")
    await bot.deliver()
    await bot.say(g.chat, g.alice, "/target 3")
    for day in (0, 1, 2):
        await done_on(bot, g, week(1, day))
    await done_on(bot, g, week(2, 0))
    # Thursday: four days left for two check-ins: not at risk.
    bot.at(week(2, 3), time(9))
    await bot.tick()
    assert f"🎯 This week: {ALICE} 1/3" in cues(bot, g)[-1]
    assert "Every day left" not in cues(bot, g)[-1]
    bot.at(week(2, 3), time(20))
    await bot.tick()
    assert [m for m in bot.tg.bot_messages(g.alice.id) if m.buttons] == []
    # Saturday: two days left for two check-ins: every one of them counts.
    bot.at(week(2, 5), time(9))
    await bot.tick()
    assert f"⏳ Every day left counts this week for: {ALICE}." in cues(bot, g)[-1]
    bot.at(week(2, 5), time(20))
    await bot.tick()
    [reminder] = [m for m in bot.tg.bot_messages(g.alice.id) if m.buttons]
    assert (reminder.text or "").startswith("⏳ Every day left this week counts, today too:")
    assert "1 week · 1 of 3 this week" in (reminder.text or "")


async def test_top_stats_recap_and_export_show_weeks(bot: Harness, group: Group) -> None:
    g = group
    bot.at(week(0, 0), time(12))
    await bot.say(g.chat, g.alice, "/target 2")
    for day in (0, 1):
        await done_on(bot, g, week(1, day))
    bot.at(week(1, 2), time(12))
    await bot.say(g.chat, g.bob, "/done")
    await done_on(bot, g, week(2, 0))
    bot.at(week(2, 0), time(13))
    await bot.say(g.chat, g.bob, "/done")
    top = await bot.say_text(g.chat, g.bob, "/top")
    assert "Weekly streaks\n1. " + f"{ALICE}: 1 week (1/2)" in top
    [stats] = await bot.say(g.chat, g.alice, "/stats")
    assert "🎯 Weekly: 1 week now, best 1 week · 1 of 2 this week" in (stats.caption or "")
    bot.at(week(2, 0), time(21))
    await bot.tick()
    recap = [m.text or "" for m in bot.tg.bot_messages(g.chat.id) if "🌙" in (m.text or "")][-1]
    assert f"{ALICE} (1/2)" in recap
    [sent] = await bot.say(g.chat, g.alice, "/export")
    assert sent.document is not None
    assert f"{week(1).isoformat()},Writers,target,2," in sent.document.decode("utf-8")


async def test_forgetme_takes_the_target(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/target 4")
    [prompt] = await bot.say(g.chat, g.alice, "/forgetme")
    await bot.press(g.chat, prompt, g.alice, prompt.buttons[0][0][1] or "")
    shown = await bot.say_text(g.chat, g.alice, "/target")
    assert "From next week" not in shown
    assert "target: every day" in shown


async def test_an_upgraded_group_keeps_the_targets(bot: Harness, group: Group) -> None:
    tg = bot.tg
    basic = tg.add_group("Basic", creator=group.owner, supergroup=False)
    tg.add_member(basic.id, group.alice)
    tg.add_bot(basic.id, by=group.owner)
    await bot.deliver()
    await bot.say(basic, group.owner, "/settings week sun")
    await bot.say(basic, group.alice, "/target 3")
    new_id = tg.upgrade_to_supergroup(basic.id)
    await bot.deliver()
    shown = await bot.say_text(tg.chat(new_id), group.alice, "/target")
    assert "From next week: 3 times a week." in shown
    assert "Weeks start on Sunday" in shown


async def test_the_cues_button_tells_the_week(bot: Harness, group: Group) -> None:
    g = group
    bot.at(week(0, 0), time(8))
    await bot.say(g.chat, g.alice, "/target 2")
    bot.at(week(1, 1), time(9))
    await bot.tick()
    [cue] = [m for m in bot.tg.bot_messages(g.chat.id) if m.buttons][-1:]
    assert await bot.press_checkin(g.chat, cue, g.alice) == "✅ Checked in! 1 of 2 this week."
    again = await bot.press_checkin(g.chat, cue, g.alice)
    assert again == "Already checked in today ✅ 1 of 2 this week."


async def test_the_groups_default_target_and_a_members_own(bot: Harness, group: Group) -> None:
    g = group
    bot.at(week(0, 2), time(12))
    await bot.say(g.chat, g.alice, "/target daily")  # her own choice comes first
    said = await bot.say_text(g.chat, g.owner, "/settings target 3")
    assert said == (
        f"✅ The members' target is 3 times a week from {when(week(1))}. "
        "This week keeps its target; a member's own /target comes first."
    )
    assert "Members' target: every day → 3 times a week" in await bot.say_text(
        g.chat, g.bob, "/settings"
    )
    refused = await bot.say_text(g.chat, g.owner, "/settings target 9")
    assert "is not a target" in refused
    bot.at(week(1, 0), time(12))
    bob = texts.format.isolate("Bob")
    assert (
        await bot.say_text(g.chat, g.bob, "/done")
        == f"✅ {bob}: 1 of 3 this week. Streak: 0 weeks."
    )
    assert await bot.say_text(g.chat, g.alice, "/done") == f"✅ {ALICE}: day 1"
    assert "/target 3: aim at 3 check-ins a week" in await bot.say_text(g.chat, g.bob, "/help")


async def test_the_week_starts_as_the_groups_language_says(bot: Harness, group: Group) -> None:
    g = group
    assert "Weeks start on Monday" in await bot.say_text(g.chat, g.alice, "/target")
    await bot.say(g.chat, g.owner, "/settings language pt-br")
    assert "As semanas começam no(a) domingo" in await bot.say_text(g.chat, g.alice, "/target")
