"""A group that falls silent hears less, not the same again: the cue after a day nobody
showed up is one line and the ✅ button, and the recap of a day without news is left out
when the day before was quiet too. The first check-in brings it all back."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.faketelegram import Message, User
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import DAY0, Harness

SHORT_CUE = "☀️ New day, fresh start: tap ✅ below or send /done <i>what you did</i>."


async def days_pass(bot: Harness, group: Group, first: date, last: date, *people: User) -> None:
    """Each day's cue at nine and recap at nine in the evening, as the scheduler posts them;
    ``people`` check in at noon."""
    day = first
    while day <= last:
        bot.at(day, time(9))
        await bot.tick()
        bot.at(day, time(12))
        for person in people:
            await bot.say(group.chat, person, "/done")
        bot.at(day, time(21))
        await bot.tick()
        day += timedelta(days=1)


def posted(bot: Harness, group: Group, since: int) -> list[Message]:
    return bot.tg.bot_messages(group.chat.id)[since:]


async def test_a_silent_week_posts_half_as_much_and_a_check_in_brings_it_back(
    bot: Harness, group: Group
) -> None:
    g = group
    await days_pass(bot, g, DAY0, DAY0, g.alice, g.bob)

    # A first silent week: it used to be 14 posts, 7 cues ("Yesterday 0 of 2 showed up") and
    # 7 recaps ("nobody has checked in yet").
    since = len(bot.tg.bot_messages(g.chat.id))
    await days_pass(bot, g, DAY0 + timedelta(days=1), DAY0 + timedelta(days=7))
    week = posted(bot, g, since)
    assert len(week) == 8
    full, quiet_recap, *short = week
    assert "Yesterday 2 of 2 showed up." in (full.text or "")
    assert full.buttons
    assert "There's still time!" in (quiet_recap.html or "")
    assert len(short) == 6
    for cue in short:
        assert cue.html == SHORT_CUE
        assert cue.buttons == [[("✅ I did it", "checkin")]]
    assert not any("Yesterday 0" in (m.text or "") for m in week)

    # Still silent: a week of short cues alone, half of what it was.
    since = len(bot.tg.bot_messages(g.chat.id))
    await days_pass(bot, g, DAY0 + timedelta(days=8), DAY0 + timedelta(days=14))
    assert [m.html for m in posted(bot, g, since)] == [SHORT_CUE] * 7

    # Alice checks in: her day's recap says so, and the next cue is the full one again.
    since = len(bot.tg.bot_messages(g.chat.id))
    day = DAY0 + timedelta(days=15)
    await days_pass(bot, g, day, day, g.alice)
    recap = bot.tg.bot_messages(g.chat.id)[-1].text or ""
    assert f"Today 1 showed up: {ALICE} (1)" in recap
    assert f"Back after missed days: {ALICE} (14)" in recap
    await days_pass(bot, g, day + timedelta(days=1), day + timedelta(days=1))
    cue, _ = posted(bot, g, since)[-2:]
    assert (cue.text or "").startswith("☀️ Good morning!")
    assert "Yesterday 1 of 1 showed up." in (cue.text or "")  # Bob has been away two weeks


async def test_quiet_days_still_tell_a_freeze_and_the_streaks_at_risk(
    bot: Harness, group: Group
) -> None:
    g = group
    # Seven days checked in: a freeze earned.
    await days_pass(bot, g, DAY0, DAY0 + timedelta(days=6), g.alice)
    since = len(bot.tg.bot_messages(g.chat.id))
    await days_pass(bot, g, DAY0 + timedelta(days=7), DAY0 + timedelta(days=9))
    texts = [m.text or "" for m in posted(bot, g, since)]
    # Day 7: the full cue; the recap, nobody yet, Alice's streak at risk.
    assert "Yesterday 1 of 1 showed up." in texts[0]
    assert f"Still time today: {ALICE}" in texts[1]
    # Day 8, after a quiet day: the short cue, with the freeze that keeps Alice's run; the
    # recap, still quiet, is posted for the streak at risk it names.
    assert texts[2].startswith("☀️ New day, fresh start")
    assert f"a freeze saved {ALICE}'s 7-day streak" in texts[2]
    assert f"Still time today: {ALICE}" in texts[3]
    # Day 9: the freeze is spent and the run is over: a short cue, and no recap.
    assert texts[4].startswith("☀️ New day, fresh start")
    assert "freeze" not in texts[4]
    assert len(texts) == 5
