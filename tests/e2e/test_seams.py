"""Where features meet: one "today" for a member in every view, a rules change that never
costs a check-in, the group's own language and names on every line it hears, late posts that
speak of their own day, the weekly picture with cue and recap off, one broken group that
never stops the others, and a forged button that is bad input, not a database outage."""

from __future__ import annotations

from datetime import time, timedelta

from prometheus_client import REGISTRY
from sqlalchemy import text

from bot import texts
from bot.faketelegram import FakeTelegram, Message, User
from bot.store.db import make_engine
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import DAY0, MONDAY, Harness

LA = "America/Los_Angeles"
TOKYO = "Asia/Tokyo"


def _posts_with(tg: FakeTelegram, chat_id: int, marker: str) -> list[str]:
    return [m.text or "" for m in tg.bot_messages(chat_id) if marker in (m.text or "")]


def _cues(tg: FakeTelegram, chat_id: int) -> list[str]:
    """The daily cues (the full ones and the short ones after a quiet day): the posts with ✅."""
    return [m.text or "" for m in tg.bot_messages(chat_id) if m.buttons]


async def _tokyo_group_with_alice_in_los_angeles(bot: Harness, g: Group) -> None:
    await bot.say(g.chat, g.owner, f"/settings timezone {TOKYO}")
    await bot.say(g.chat, g.alice, f"/timezone {LA}")


async def test_a_member_far_from_the_group_has_one_today_in_every_view(
    bot: Harness, group: Group
) -> None:
    g = group
    await _tokyo_group_with_alice_in_los_angeles(bot, g)
    await bot.say(g.chat, g.alice, "/goal write every day")
    for n in range(1, 4):
        bot.at(DAY0 + timedelta(days=n), time(12), LA)
        await bot.say(g.chat, g.alice, "/done")
    # Her evening, the day after her third check-in: in Tokyo it is already the next day.
    bot.at(DAY0 + timedelta(days=4), time(20), LA)
    streak = await bot.say_text(g.chat, g.alice, "/streak")
    assert "3 days" in streak
    board = await bot.say_text(g.chat, g.bob, "/top")
    assert "No streak running" not in board
    assert f"1. {ALICE}: 3 days" in board
    goals = await bot.say_text(g.chat, g.bob, "/goals")
    assert "Alice" in goals
    assert "3" in goals


async def test_the_cue_says_a_freeze_saved_someone_only_once_their_day_is_over(
    bot: Harness, group: Group
) -> None:
    g = group
    await _tokyo_group_with_alice_in_los_angeles(bot, g)
    for n in range(1, 8):  # seven days earn a freeze
        bot.at(DAY0 + timedelta(days=n), time(12), LA)
        await bot.say(g.chat, g.alice, "/done")
    # The next cue in Tokyo comes at 16:00 of her eighth day, which is still going on.
    bot.at(DAY0 + timedelta(days=9), time(9), TOKYO)
    await bot.tick()
    first = _cues(bot.tg, g.chat.id)[-1]
    assert "freeze" not in first
    # The cue after it comes once her eighth day has ended without a check-in.
    bot.at(DAY0 + timedelta(days=10), time(9), TOKYO)
    await bot.tick()
    second = _cues(bot.tg, g.chat.id)[-1]
    assert f"a freeze saved {ALICE}'s 7-day streak" in second


async def _private_reminder(bot: Harness, g: Group) -> Message:
    """Alice started the bot privately and has a two-day streak: her 20:00 reminder."""
    bot.tg.send(g.alice.id, g.alice, "/start")
    await bot.deliver()
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
    bot.at(MONDAY + timedelta(days=2), time(20))
    await bot.tick()
    [reminder] = [m for m in bot.tg.bot_messages(g.alice.id) if m.buttons]
    return reminder


async def test_a_rules_change_and_a_check_in_at_once_keep_the_streak_told(
    bot: Harness, group: Group
) -> None:
    g = group
    reminder = await _private_reminder(bot, g)
    button = reminder.buttons[0][0][1]
    assert button is not None
    streak = 2
    for n in range(12):
        bot.at(MONDAY + timedelta(days=2 + n), time(20, 30))
        # The same moment: the owner changes the rest days in the group while Alice taps
        # her reminder's ✅ in the private chat (two chats: handled side by side).
        bot.tg.send(g.chat.id, g.owner, f"/settings rest {('sat', 'sun')[n % 2]}")
        query = bot.tg.press(g.alice.id, reminder.message_id, g.alice, button)
        await bot.deliver()
        streak += 1
        assert bot.tg.callback_answers[query][0] == f"✅ Checked in! Streak: {streak} days."
        assert f"{streak} days" in await bot.say_text(g.chat, g.alice, "/streak")


async def test_a_private_press_is_announced_in_the_groups_language(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    olga = tg.add_user("Ольга", language_code="ru")
    tg.add_member(g.chat.id, olga)
    tg.send(olga.id, olga, "/start")
    await bot.deliver()
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, olga, "/done")
    bot.at(MONDAY + timedelta(days=2), time(20))
    await bot.tick()
    [reminder] = [m for m in tg.bot_messages(olga.id) if m.buttons]
    button = reminder.buttons[0][0][1]
    assert button is not None
    toast = await bot.press(tg.private_chat(olga), reminder, olga, button)
    assert "3" in toast
    assert "Streak" not in toast  # her own language in her private chat
    announced = tg.bot_messages(g.chat.id)[-1].text or ""
    assert f"{texts.format.isolate('Ольга')} reached a 3-day streak!" in announced


async def _streak_then_a_gap(bot: Harness, g: Group, person: User) -> None:
    await bot.say(g.chat, g.owner, "/settings freezes off")
    for n in range(3):
        bot.at(DAY0 + timedelta(days=n), time(8, 30))
        await bot.say(g.chat, person, "/done")


async def test_a_streak_ended_by_a_button_press_is_told_with_the_name(
    bot: Harness, group: Group
) -> None:
    g = group
    await _streak_then_a_gap(bot, g, g.alice)
    bot.at(DAY0 + timedelta(days=5), time(9))
    await bot.tick()
    cue = next(m for m in reversed(bot.tg.bot_messages(g.chat.id)) if m.buttons)
    await bot.press_checkin(g.chat, cue, g.alice)
    told = (bot.tg.bot_messages(g.chat.id)[-1].text or "").split("\n")
    [ended] = [line for line in told if "3-day streak ended" in line]
    assert "Alice" in ended


async def test_merged_confirmations_name_whose_streak_ended(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    await _streak_then_a_gap(bot, g, g.alice)
    bot.at(DAY0 + timedelta(days=5), time(12))
    others = [tg.add_user(f"Member{n}") for n in range(25)]
    for person in others:
        tg.add_member(g.chat.id, person)
    await bot.deliver()
    # A busy minute: more check-ins than the group's messages allow, so they are merged.
    for person in [*others, g.alice]:
        tg.send(g.chat.id, person, "/done")
    await bot.pass_time(minutes=3)
    said = "\n".join(m.text or "" for m in tg.bot_messages(g.chat.id))
    [ended] = [line for line in said.split("\n") if "3-day streak ended" in line]
    assert "Alice" in ended


async def test_a_late_recap_speaks_of_the_day_it_was_due_for(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/settings recap 23:30")
    bot.at(DAY0 + timedelta(days=1), time(12))
    await bot.say(g.chat, g.alice, "/done")
    # The bot was busy or down over 23:30: its next tick comes after midnight.
    bot.at(DAY0 + timedelta(days=2), time(0, 10))
    await bot.tick()
    [recap] = _posts_with(bot.tg, g.chat.id, "🌙")
    assert "Alice" in recap
    assert "still time" not in recap.lower()
    assert "Still time" not in recap


async def test_the_weekly_picture_comes_with_cue_and_recap_off(bot: Harness, group: Group) -> None:
    g = group
    # From the week's Monday on (the tests may start on any day), so the picture's first
    # time is this Thursday's, not one already long past.
    bot.at(MONDAY, time(12))
    for setting in ("cue off", "recap off"):
        await bot.say(g.chat, g.owner, f"/settings {setting}")
    day = MONDAY + timedelta(days=3)
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    await bot.say(g.chat, g.owner, f"/settings weekly {weekday} 18:00")
    await bot.say(g.chat, g.alice, "/done")
    # A command comes between the picture's time and the scheduler's next tick.
    bot.at(day, time(18, 0, 20))
    await bot.say(g.chat, g.bob, "/done")
    await bot.tick()
    pictures = [m for m in bot.tg.bot_messages(g.chat.id) if m.photo]
    assert len(pictures) == 1


async def _break_a_group(database_url: str, telegram_id: int) -> None:
    """A row the bot can't turn into a post: a time zone that doesn't exist."""
    engine = make_engine(database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE chats SET timezone = 'Mars/Olympus_Mons' WHERE telegram_id = :id"),
                {"id": telegram_id},
            )
    finally:
        await engine.dispose()


async def test_one_broken_group_never_stops_the_others(
    bot: Harness, group: Group, tg: FakeTelegram, database_url: str
) -> None:
    g = group
    broken = tg.add_group("Broken", creator=g.owner)
    tg.add_member(broken.id, g.bob)
    tg.add_bot(broken.id, by=g.owner)
    later = tg.add_group("Zebras", creator=g.owner)
    tg.add_bot(later.id, by=g.owner)
    await bot.deliver()
    tg.send(g.alice.id, g.alice, "/start")
    await bot.deliver()
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        for chat in (g.chat, broken):
            await bot.say(chat, g.bob if chat is broken else g.alice, "/done")
    await _break_a_group(database_url, broken.id)
    for n in range(2, 4):
        day = MONDAY + timedelta(days=n)
        for at in (time(9), time(20), time(21)):
            bot.at(day, at)
            await bot.tick()
            if at == time(20):  # after her reminder: at risk again tomorrow
                await bot.say(g.chat, g.alice, "/done")
        assert len(_cues(tg, g.chat.id)) == n - 1
        assert len(_cues(tg, later.id)) == n - 1
        assert len(_posts_with(tg, g.chat.id, "🌙")) == n - 1
        assert len([m for m in tg.bot_messages(g.alice.id) if m.buttons]) == n - 1


def _database_errors() -> float:
    return REGISTRY.get_sample_value("habitloop_errors_total", {"kind": "database"}) or 0.0


async def test_a_forged_reminder_button_is_bad_input(bot: Harness, group: Group) -> None:
    g = group
    reminder = await _private_reminder(bot, g)
    assert reminder.reply_markup is not None
    forged = "rc:99999999999999999999999"
    reminder.reply_markup["inline_keyboard"].append([{"text": "x", "callback_data": forged}])
    before = _database_errors()
    toast = await bot.press(bot.tg.private_chat(g.alice), reminder, g.alice, forged)
    assert "no longer" in toast or "gone" in toast.lower()
    assert _database_errors() == before
