"""The daily cue and the evening recap: on time, once, with the right news."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.faketelegram import Message
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import DAY0, Harness, next_offset_change


def cues(bot: Harness, group: Group) -> list[Message]:
    return [m for m in bot.tg.bot_messages(group.chat.id) if m.buttons]


def recaps(bot: Harness, group: Group) -> list[str]:
    return [m.text or "" for m in bot.tg.bot_messages(group.chat.id) if "🌙" in (m.text or "")]


async def morning(bot: Harness, day: date) -> None:
    """The scheduler's tick at nine, as it runs every day."""
    bot.at(day, time(9))
    await bot.tick()


async def test_the_cue_comes_at_nine_once_with_a_button(bot: Harness, group: Group) -> None:
    bot.at(DAY0, time(8, 59))
    await bot.tick()
    assert cues(bot, group) == []
    bot.at(DAY0, time(9, 0))
    assert (await bot.tick()).posted == 1
    bot.at(DAY0, time(9, 0, 30))
    await bot.tick()
    [cue] = cues(bot, group)
    assert "Good morning" in (cue.text or "")
    assert cue.buttons == [[("✅ I did it", "checkin")]]


async def test_the_button_checks_in_the_presser(bot: Harness, group: Group) -> None:
    g = group
    bot.at(DAY0, time(9))
    await bot.tick()
    [cue] = cues(bot, g)
    bot.at(DAY0, time(9, 5))
    assert "Checked in! Streak: 1 day" in await bot.press_checkin(g.chat, cue, g.alice)
    assert "Already checked in today" in await bot.press_checkin(g.chat, cue, g.alice)
    assert "Checked in!" in await bot.press_checkin(g.chat, cue, g.bob)
    assert "Last 30 days: 1/30" in await bot.say_text(g.chat, g.alice, "/streak")
    assert "Already checked in" in await bot.press_checkin(g.chat, cue, g.alice)


async def test_the_cue_reports_yesterday_and_the_group_streak(bot: Harness, group: Group) -> None:
    g = group
    for n in range(3):
        await morning(bot, DAY0 + timedelta(days=n))
        bot.at(DAY0 + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(DAY0 + timedelta(days=2), time(13))
    await bot.say(g.chat, g.bob, "/done")
    await morning(bot, DAY0 + timedelta(days=3))
    text = cues(bot, g)[-1].text or ""
    assert "Yesterday 2 of 2 showed up." in text
    assert "Group streak: 3 days" in text


async def test_the_first_cue_has_no_yesterday_and_the_next_one_has(
    bot: Harness, group: Group
) -> None:
    """The bot was added this morning: there was no day before for anyone to show up on,
    even with both members checked in already (active) before the first cue."""
    g = group
    bot.at(DAY0, time(8, 30))
    await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.bob, "/done")
    await morning(bot, DAY0)
    first = cues(bot, g)[-1].text or ""
    assert "Good morning" in first
    assert "Yesterday" not in first
    await morning(bot, DAY0 + timedelta(days=1))
    assert "Yesterday 2 of 2 showed up." in (cues(bot, g)[-1].text or "")


async def test_the_cue_tells_who_a_freeze_saved(bot: Harness, group: Group) -> None:
    g = group
    for n in range(8):
        await morning(bot, DAY0 + timedelta(days=n))
        if n < 7:  # day 7 missed
            bot.at(DAY0 + timedelta(days=n), time(12))
            await bot.say(g.chat, g.alice, "/done")
    await morning(bot, DAY0 + timedelta(days=8))
    assert f"a freeze saved {ALICE}'s 7-day streak" in (cues(bot, g)[-1].text or "")


async def test_the_recap_lists_cheers_and_the_streaks_at_risk(bot: Harness, group: Group) -> None:
    g = group
    carol = bot.tg.add_user("Carol")
    bot.tg.add_member(g.chat.id, carol)
    for n in range(3):
        await bot.live_to(DAY0 + timedelta(days=n), time(10))
        await bot.say(g.chat, g.bob, "/done")
        await bot.say(g.chat, carol, "/done")
        if n < 2:
            await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, carol, "/remind off")
    await bot.live_to(DAY0 + timedelta(days=3), time(10))
    await bot.say(g.chat, g.bob, "/done")
    await bot.live_to(DAY0 + timedelta(days=3), time(21))
    text = recaps(bot, g)[-1]
    assert f"Today 1 showed up: {BOB} (4)" in text
    # Alice's run ended yesterday; Carol's is at risk, but she opted out of mentions.
    assert "Alice" not in text
    assert "Carol" not in text
    await bot.live_to(DAY0 + timedelta(days=4), time(21))
    risk = [m for m in bot.tg.bot_messages(g.chat.id) if "Still time" in (m.text or "")][-1]
    assert f'<a href="tg://user?id={g.bob.id}">{BOB}</a>' in (risk.html or "")


async def test_the_recap_cheers_todays_milestones(bot: Harness, group: Group) -> None:
    for n in range(3):
        await bot.live_to(DAY0 + timedelta(days=n), time(10))
        await bot.say(group.chat, group.alice, "/done")
    await bot.live_to(DAY0 + timedelta(days=2), time(21))
    assert f"{ALICE} reached a 3-day streak" in recaps(bot, group)[-1]


async def test_cues_follow_daylight_saving(bot: Harness, group: Group) -> None:
    """09:00 in London stays 09:00 local across the clocks' next change (in UTC it moves)."""
    await bot.say(group.chat, group.owner, "/settings timezone Europe/London")
    await bot.say(group.chat, group.owner, "/settings recap off")
    posted: list[datetime] = []
    for forward in (True, False):
        change = next_offset_change("Europe/London", DAY0, forward=forward)
        days = [change + timedelta(days=n) for n in range(-2, 3)]
        moment = datetime.combine(days[0], time(0), tzinfo=UTC)
        while moment < datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=UTC):
            bot.clock.set(moment)
            if (await bot.tick()).posted:
                posted.append(moment)
            moment += timedelta(minutes=15)
        local = [p.astimezone(ZoneInfo("Europe/London")) for p in posted[-5:]]
        assert [p.date() for p in local] == days
        assert {(p.hour, p.minute) for p in local} == {(9, 0)}
        assert len({p.utcoffset() for p in local}) == 2  # the change happened in the window
    # In UTC: 08:00 in summer, 09:00 in winter.
    assert [p.hour for p in posted] == [9, 9, 8, 8, 8, 8, 8, 9, 9, 9]


async def test_a_cue_more_than_two_hours_late_is_skipped(bot: Harness, group: Group) -> None:
    await bot.live_to(DAY0 - timedelta(days=1), time(12))
    before = len(cues(bot, group))
    bot.at(DAY0, time(11, 30))  # the bot was down from before nine
    report = await bot.tick()
    assert report.skipped_late == 1
    assert len(cues(bot, group)) == before
    bot.at(DAY0 + timedelta(days=1), time(9, 1))
    assert (await bot.tick()).posted == 1


async def test_back_at_the_cue_time_after_a_long_downtime_the_cue_is_posted(
    bot: Harness, group: Group
) -> None:
    """The stale cue is skipped, and the one due now is not skipped with it."""
    await bot.live_to(DAY0 - timedelta(days=1), time(12))
    before = len(cues(bot, group))
    bot.at(DAY0 + timedelta(days=2), time(9))  # down for two days
    report = await bot.tick()
    assert (report.skipped_late, report.posted) == (2, 1)  # yesterday's cue and recap; today's cue
    assert len(cues(bot, group)) == before + 1


async def test_a_cue_a_little_late_is_still_posted(bot: Harness, group: Group) -> None:
    bot.at(DAY0, time(10, 45))
    assert (await bot.tick()).posted == 1


async def test_changing_the_cue_time_never_posts_twice_a_day(bot: Harness, group: Group) -> None:
    bot.at(DAY0, time(9))
    await bot.tick()
    await bot.say(group.chat, group.owner, "/settings cue 10:00")
    bot.at(DAY0, time(10))
    await bot.tick()
    assert len(cues(bot, group)) == 1
    bot.at(DAY0 + timedelta(days=1), time(10))
    await bot.tick()
    assert len(cues(bot, group)) == 2


async def test_cue_off_posts_nothing(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.owner, "/settings cue off")
    bot.at(DAY0, time(9))
    await bot.tick()
    assert cues(bot, group) == []
