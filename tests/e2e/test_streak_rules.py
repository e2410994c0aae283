"""Every streak rule through the whole bot: rest days, freezes, breaks, fails, late
check-ins, undo, time zones; and weeks of a group's life with several members."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from bot import texts
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import MONDAY, Harness, next_offset_change


def day(n: int) -> date:
    """Day ``n`` of the test, counting from the tests' first Monday as day 0."""
    return MONDAY + timedelta(days=n)


async def test_a_rest_day_bridges_the_streak(bot: Harness, group: Group) -> None:
    g = group
    assert "Rest days is now Sun" in await bot.say_text(g.chat, g.owner, "/settings rest sun")
    for n in range(6):  # Monday to Saturday
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(day(7), time(12))  # Sunday rests; Monday again
    reply = await bot.say_text(g.chat, g.alice, "/done")
    assert "day 7" in reply
    assert "reached a 7-day streak" in reply


async def test_a_freeze_covers_a_missed_day(bot: Harness, group: Group) -> None:
    g = group
    for n in range(7):
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    assert "freezes: 1" in await bot.say_text(g.chat, g.alice, "/streak")
    bot.at(day(8), time(12))  # day 7 missed
    reply = await bot.say_text(g.chat, g.alice, "/done")
    assert "day 8" in reply
    assert f"a freeze saved {ALICE}'s 7-day streak" in reply
    assert "freezes" not in await bot.say_text(g.chat, g.alice, "/streak")


async def test_a_gap_longer_than_the_freezes_breaks_the_run(bot: Harness, group: Group) -> None:
    g = group
    for n in range(7):
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(day(9), time(12))  # two days missed, one freeze held
    reply = await bot.say_text(g.chat, g.alice, "/done")
    assert "day 1" in reply
    assert "7-day streak ended" in reply
    assert "best 7" in reply


async def test_a_break_keeps_the_streak_and_welcomes_back(bot: Harness, group: Group) -> None:
    g = group
    for n in range(3):
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    announced = await bot.say_text(g.chat, g.alice, "/break 3d visiting family")
    assert f"taking a break for 3 days ({texts.format.isolate('visiting family')})" in announced
    bot.at(day(6), time(12))  # days 3, 4, 5 were the break
    reply = await bot.say_text(g.chat, g.alice, "/done")
    assert f"Welcome back, {ALICE}" in reply
    assert "day 4" in reply


async def test_checking_in_during_a_break_ends_it(bot: Harness, group: Group) -> None:
    g = group
    bot.at(day(0), time(12))
    await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.alice, "/break 5d")
    bot.at(day(2), time(12))
    assert "Welcome back" in await bot.say_text(g.chat, g.alice, "/done")
    # The break is over: missing the next days is missing.
    bot.at(day(5), time(12))
    assert "day 1" in await bot.say_text(g.chat, g.alice, "/done")


async def test_break_length_is_checked(bot: Harness, group: Group) -> None:
    g = group
    for bad in ("/break", "/break 0d", "/break 15d", "/break soon", "/break -3d"):
        assert "N from 1 to 14" in await bot.say_text(g.chat, g.alice, bad)
    await bot.say(g.chat, g.owner, "/settings break 30")
    assert "30 days" in await bot.say_text(g.chat, g.alice, "/break 30d sabbatical")


async def test_fail_counts_by_default_and_asks_for_encouragement(
    bot: Harness, group: Group
) -> None:
    g = group
    bot.at(day(0), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(day(1), time(12))
    reply = await bot.say_text(g.chat, g.alice, "/fail skipped my run, felt awful")
    assert "Thanks for sharing" in reply
    assert "It counts: 2 days" in reply
    assert "encouragement" in reply


async def test_fail_does_not_count_where_the_group_says_so(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/settings freezes off")
    assert "is now off" in await bot.say_text(g.chat, g.owner, "/settings fail off")
    bot.at(day(0), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(day(1), time(12))
    reply = await bot.say_text(g.chat, g.alice, "/fail")
    assert "It counts" not in reply
    bot.at(day(2), time(12))
    assert "day 1" in await bot.say_text(g.chat, g.alice, "/done")


async def test_late_checkin_for_yesterday_until_three(bot: Harness, group: Group) -> None:
    g = group
    bot.at(day(0), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(day(2), time(2, 30))  # day 1 was forgotten
    assert "Yesterday counted" in await bot.say_text(g.chat, g.alice, "/done yesterday oops")
    assert "already has a check-in" in await bot.say_text(g.chat, g.alice, "/done yesterday")
    assert "day 3" in await bot.say_text(g.chat, g.alice, "/done")
    bot.at(day(4), time(3, 30))
    assert "too late" in await bot.say_text(g.chat, g.alice, "/done yesterday")


async def test_undo_removes_todays_latest_entry(bot: Harness, group: Group) -> None:
    g = group
    bot.at(day(0), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(day(1), time(12))
    await bot.say(g.chat, g.alice, "/done")
    assert "Streak: 1 day" in await bot.say_text(g.chat, g.alice, "/undo")
    assert "no check-in today" in await bot.say_text(g.chat, g.alice, "/undo")
    assert "day 2" in await bot.say_text(g.chat, g.alice, "/done")


async def test_time_zones_set_show_and_suggest(bot: Harness, group: Group) -> None:
    g = group
    bot.at(day(0), time(12))
    assert "group's time zone: UTC" in await bot.say_text(g.chat, g.bob, "/timezone")
    assert "Europe/Berlin" in await bot.say_text(g.chat, g.bob, "/timezone berlin")
    new_york = bot.clock.now().astimezone(ZoneInfo("America/New_York")).strftime("%H:%M")
    assert f"now {new_york}" in await bot.say_text(g.chat, g.bob, "/timezone America/New_York")
    assert "Your time zone: America/New_York" in await bot.say_text(g.chat, g.bob, "/timezone")
    # 23:30 in New York is 04:30 UTC the next day: it counts for New York's date.
    bot.at(day(0), time(23, 30), "America/New_York")
    await bot.say(g.chat, g.bob, "/done")
    bot.at(day(1), time(20), "America/New_York")
    assert "day 2" in await bot.say_text(g.chat, g.bob, "/done")


async def test_a_jump_east_cannot_count_a_day_twice(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/timezone Pacific/Honolulu")
    bot.at(day(0), time(10), "Pacific/Honolulu")
    assert "day 1" in await bot.say_text(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.alice, "/timezone Pacific/Kiritimati")  # a day ahead
    assert "already counts" in await bot.say_text(g.chat, g.alice, "/done")


async def test_weeks_of_a_group(bot: Harness, group: Group) -> None:
    """Three weeks, three members in three zones, every rule along the way."""
    g = group
    carol = bot.tg.add_user("Carol")
    bot.tg.add_member(g.chat.id, carol)
    await bot.say(g.chat, g.owner, "/settings rest sun")
    await bot.say(g.chat, g.bob, "/timezone America/New_York")
    await bot.say(g.chat, carol, "/timezone Asia/Kolkata")
    replies: dict[str, list[str]] = {"alice": [], "bob": [], "carol": []}

    for n in range(21):
        today = day(n)
        sunday = today.weekday() == 6
        # Alice: every day but Sundays, misses day 9 (a freeze covers it), undoes once.
        if not sunday and n != 9:
            bot.at(today, time(8))
            replies["alice"].append(await bot.say_text(g.chat, g.alice, "/done"))
            if n == 4:
                await bot.say(g.chat, g.alice, "/undo")
                replies["alice"].append(await bot.say_text(g.chat, g.alice, "/done again"))
        # Bob, in New York: late in his evening; a 3-day break from day 10; a fail on day 15.
        if n == 10:
            bot.at(today, time(19), "America/New_York")
            await bot.say(g.chat, g.bob, "/break 3d conference")
        elif not sunday and not 10 <= n <= 12:
            bot.at(today, time(22, 30), "America/New_York")
            text = "/fail too tired" if n == 15 else "/done"
            replies["bob"].append(await bot.say_text(g.chat, g.bob, text))
        # Carol, in Kolkata: forgets day 5 and logs it late, after midnight.
        if n == 6:
            bot.at(today, time(1, 30), "Asia/Kolkata")
            replies["carol"].append(await bot.say_text(g.chat, carol, "/done yesterday"))
        if n != 5 and not sunday:
            bot.at(today, time(21), "Asia/Kolkata")
            replies["carol"].append(await bot.say_text(g.chat, carol, "/done"))

    alice = replies["alice"]
    assert any(f"a freeze saved {ALICE}'s 8-day streak" in r for r in alice)
    assert "day 17" in alice[-1]  # 21 days less 3 Sundays and the day a freeze covered
    bob = replies["bob"]
    assert any(f"Welcome back, {BOB}" in r for r in bob)
    assert any("It counts" in r for r in bob)
    assert "day 15" in bob[-1]  # 18 weekdays less the 3 days of his break
    assert "Yesterday counted" in replies["carol"][5]
    assert "day 18" in replies["carol"][-1]
    assert "reached a 14-day streak" in "\n".join(alice)


async def test_streaks_run_through_daylight_saving_changes(bot: Harness, group: Group) -> None:
    """Late-evening and just-after-midnight check-ins across spring and autumn changes."""
    g = group
    for zone, forward in (
        ("America/New_York", True),
        ("Europe/London", False),
        ("Australia/Sydney", False),
        ("Pacific/Chatham", True),
    ):
        # Two days before the zone's next change of clocks (forward or back) after the start.
        first_day = next_offset_change(zone, day(3), forward=forward) - timedelta(days=2)
        person = bot.tg.add_user(zone.split("/")[1])
        bot.tg.add_member(g.chat.id, person)
        # Set days before, so the day-of-change rule (tested above) stays out of the way.
        bot.at(first_day - timedelta(days=2), time(12), zone)
        await bot.say(g.chat, person, f"/timezone {zone}")
        replies = []
        for n in range(5):
            # Alternate 23:45 and 00:15 local: each lands on its own local date, once.
            moment = time(23, 45) if n % 2 == 0 else time(0, 15)
            bot.at(first_day + timedelta(days=n), moment, zone)
            replies.append(await bot.say_text(g.chat, person, "/done"))
        assert [r.splitlines()[0].split(": ")[-1] for r in replies] == [
            "day 1",
            "day 2",
            "day 3",
            "day 4",
            "day 5",
        ], zone


async def test_a_late_checkin_announces_the_milestone_it_reaches(
    bot: Harness, group: Group
) -> None:
    """Days 1 and 2, day 3 forgotten, /done yesterday at 02:00 on day 4: the streak is 3 and
    the milestone is said in the reply and again in the evening recap."""
    g = group
    for n in range(2):
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(day(3), time(2))
    reply = await bot.say_text(g.chat, g.alice, "/done yesterday forgot to log")
    assert f"Yesterday counted, {ALICE}. Streak: 3 days." in reply
    assert f"{ALICE} reached a 3-day streak!" in reply
    await bot.live_to(day(3), time(21))
    [recap] = [m.text or "" for m in bot.tg.bot_messages(g.chat.id) if "🌙" in (m.text or "")][-1:]
    assert f"{ALICE} reached a 3-day streak!" in recap


async def test_a_late_checkin_that_joins_two_runs_announces_the_new_best(
    bot: Harness, group: Group
) -> None:
    """Three days, a forgotten fourth, a check-in after midnight, then the fourth logged late:
    one run of five, a new best past the old three."""
    g = group
    for n in range(3):
        bot.at(day(n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(day(4), time(0, 30))
    assert "day 1" in await bot.say_text(g.chat, g.alice, "/done")
    bot.at(day(4), time(1))
    reply = await bot.say_text(g.chat, g.alice, "/done yesterday")
    assert "Streak: 5 days" in reply
    assert f"New personal best for {ALICE}: 5 days!" in reply
