"""Never miss twice: a comeback is celebrated, the recap lists the day's comebacks, and /streak
shows the longest run without two misses in a row."""

from __future__ import annotations

from datetime import time, timedelta

from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import MONDAY, Harness


async def _on(bot: Harness, group: Group, offset: int, command: str = "/done") -> str:
    bot.at(MONDAY + timedelta(days=offset), time(12))
    return await bot.say_text(group.chat, group.alice, command)


async def test_the_check_in_after_a_missed_day_is_a_comeback(bot: Harness, group: Group) -> None:
    await _on(bot, group, 0)
    assert "Comeback" not in await _on(bot, group, 1)
    back = await _on(bot, group, 3)  # Wednesday missed
    assert f"↩️ Comeback! {ALICE} is back after a missed day." in back
    assert "Comeback" not in await _on(bot, group, 4)
    assert "Comeback" not in await bot.say_text(group.chat, group.alice, "/done again")


async def test_a_comeback_names_how_many_days_were_missed(bot: Harness, group: Group) -> None:
    await _on(bot, group, 0)
    back = await _on(bot, group, 8)  # a week missed, Tuesday to Monday
    assert f"↩️ Comeback! {ALICE} is back after 7 missed days." in back


async def test_rest_days_and_breaks_are_not_missed_days(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.owner, "/settings rest sun")
    await _on(bot, group, 0)
    await bot.say(group.chat, group.alice, "/break 3d")  # Tuesday to Thursday
    back = await _on(bot, group, 8)  # Friday, Saturday and Monday missed; Sunday a rest day
    assert f"↩️ Comeback! {ALICE} is back after 3 missed days." in back


async def test_a_freeze_saves_the_streak_and_it_is_still_a_comeback(
    bot: Harness, group: Group
) -> None:
    for offset in range(7):
        await _on(bot, group, offset)
    back = await _on(bot, group, 8)
    assert f"a freeze saved {ALICE}'s 7-day streak" in back
    assert "Comeback!" in back


async def test_the_recap_lists_the_days_comebacks(bot: Harness, group: Group) -> None:
    g = group
    # Alice and Bob on Monday and Wednesday, Bob on Thursday too; the recap each evening.
    for offset, people in ((0, (g.alice, g.bob)), (1, ()), (2, (g.alice, g.bob)), (3, (g.bob,))):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        for person in people:
            await bot.say(g.chat, person, "/done")
        bot.at(MONDAY + timedelta(days=offset), time(21))
        await bot.tick()
    recaps = [m.text or "" for m in bot.tg.bot_messages(g.chat.id) if "🌙" in (m.text or "")]
    assert len(recaps) == 4
    assert f"↩️ Back after missed days: {ALICE} (1), {BOB} (1) 💪" in recaps[2]  # Wednesday
    assert "Back after missed days" not in recaps[3]  # Thursday: Bob's next day in a row
    assert "Back after missed days" not in recaps[0] + recaps[1]


async def test_the_recap_names_how_long_each_was_away(bot: Harness, group: Group) -> None:
    g = group
    # Bob on Monday, Alice on Sunday; both back the Tuesday after.
    for offset, person in ((0, g.bob), (6, g.alice), (8, g.alice), (8, g.bob)):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(g.chat, person, "/done")
    bot.at(MONDAY + timedelta(days=8), time(21))
    await bot.tick()
    recap = bot.tg.bot_messages(g.chat.id)[-1].text or ""
    assert f"↩️ Back after missed days: {ALICE} (1), {BOB} (7) 💪" in recap


async def test_streak_shows_the_record_of_never_missing_twice(bot: Harness, group: Group) -> None:
    # Mon Tue, (Wed missed), Thu Fri, (Sat Sun missed), Mon.
    for offset in (0, 1, 3, 4, 7):
        await _on(bot, group, offset)
    card = await bot.say_text(group.chat, group.alice, "/streak")
    assert "🔁 Never missed twice in a row: 1 day · record 4 days" in card
