"""Which day a check-in counts for, through the whole bot, when members change time zone or
the clocks spring forward (the rule: bot.domain.calendar)."""

from __future__ import annotations

from datetime import date, time, timedelta

from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import START, Harness, next_offset_change

NEW_YORK = "America/New_York"
TOKYO = "Asia/Tokyo"
ALREADY = "Today already counts"


# The scenes were written around 8 March 2026, when New York's clocks sprang forward; they play
# around New York's next spring-forward day after the tests' start.
SPRING_FORWARD = next_offset_change(NEW_YORK, START.date() + timedelta(days=5), forward=True)


def march(day: int) -> date:
    """``day`` of the scenes' March: the 8th is the spring-forward day."""
    return SPRING_FORWARD + timedelta(days=day - 8)


async def first_line(bot: Harness, group: Group, text: str) -> str:
    return (await bot.say_text(group.chat, group.alice, text)).splitlines()[0]


async def test_new_york_to_tokyo_counts_tokyos_date_once(bot: Harness, group: Group) -> None:
    """A new member in New York sets Tokyo at 20:00 on 5 March (10:00 on the 6th there) and
    checks in at once, then again at 21:00 Tokyo time: both on 6 March on her clock."""
    await bot.say(group.chat, group.owner, f"/settings timezone {NEW_YORK}")
    bot.at(march(5), time(20), NEW_YORK)
    assert "now 10:00" in await bot.say_text(group.chat, group.alice, f"/timezone {TOKYO}")
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 1"
    bot.at(march(6), time(21), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ Noted, {ALICE}. {ALREADY}: 1 day."
    bot.at(march(7), time(20), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 2"


async def test_new_york_to_tokyo_after_checking_in_in_new_york(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.owner, f"/settings timezone {NEW_YORK}")
    bot.at(march(5), time(19), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 1"
    bot.at(march(5), time(20), NEW_YORK)
    await bot.say(group.chat, group.alice, f"/timezone {TOKYO}")
    # 10:00 on the 6th in Tokyo, but the 5th, already counted, goes on in New York.
    assert ALREADY in await first_line(bot, group, "/done")
    bot.at(march(6), time(21), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 2"
    # 08:00 on the 7th is 23 hours after the New York check-in: a third day within 24 hours
    # would be one too many. From 09:00 the 7th counts.
    bot.at(march(7), time(8), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ Noted, {ALICE}. {ALREADY}: 2 days."
    bot.at(march(7), time(9, 30), TOKYO)
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 3"


async def test_moving_west_after_checking_in_and_undoing(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.alice, f"/timezone {TOKYO}")
    bot.at(march(11), time(8), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 1"
    bot.at(march(11), time(9), TOKYO)
    await bot.say(group.chat, group.alice, f"/timezone {NEW_YORK}")  # 20:00 on the 10th
    assert ALREADY in await first_line(bot, group, "/done")
    # /undo takes back that check-in, which counted for the 11th, not for New York's date.
    assert "Streak: 1 day" in await bot.say_text(group.chat, group.alice, "/undo")
    bot.at(march(11), time(12), NEW_YORK)
    assert ALREADY in await first_line(bot, group, "/done")
    bot.at(march(12), time(12), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 2"


async def test_the_night_after_a_day_that_springs_forward(bot: Harness, group: Group) -> None:
    """New York's 8 March lasts 23 hours. A member who stays in New York and checks in at
    23:50 on the 7th, 23:50 on the 8th and 00:10 on the 9th checks in on three dates: three
    days, though the three check-ins lie within 24 hours."""
    await bot.say(group.chat, group.alice, f"/timezone {NEW_YORK}")
    bot.at(march(7), time(23, 50), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 1"
    bot.at(march(8), time(23, 50), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 2"
    bot.at(march(9), time(0, 10), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 3"


async def test_the_groups_zone_moving_east_holds_back_a_third_day(
    bot: Harness, group: Group
) -> None:
    """Alice has no zone of her own. The admins move the group from New York to Tokyo at
    20:00 on the 5th, an hour after her check-in: the next date counts, but a third day within
    24 hours of the 5th's check-in, made in New York, waits."""
    await bot.say(group.chat, group.owner, f"/settings timezone {NEW_YORK}")
    bot.at(march(4), time(18), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 1"
    bot.at(march(5), time(19), NEW_YORK)
    assert await first_line(bot, group, "/done") == f"✅ {ALICE}: day 2"
    bot.at(march(5), time(20), NEW_YORK)
    await bot.say(group.chat, group.owner, f"/settings timezone {TOKYO}")
    bot.at(march(6), time(10, 30), TOKYO)
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 3"
    bot.at(march(7), time(0, 30), TOKYO)
    assert await first_line(bot, group, "/done") == f"✅ Noted, {ALICE}. {ALREADY}: 3 days."
    bot.at(march(7), time(9), TOKYO)
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 4"


async def test_a_late_check_in_does_not_hold_back_the_next_night(
    bot: Harness, group: Group
) -> None:
    """A night owl logs yesterday late at 00:20 and today at 00:21; the next night's check-in
    at 00:15 counts as usual."""
    bot.at(march(3), time(0, 15))
    await bot.say(group.chat, group.alice, "/done")
    bot.at(march(5), time(0, 20))
    assert "Yesterday counted" in await bot.say_text(group.chat, group.alice, "/done yesterday")
    bot.at(march(5), time(0, 21))
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 3"
    bot.at(march(6), time(0, 15))
    assert await first_line(bot, group, "/done") == f"🔥 {ALICE}: day 4"
