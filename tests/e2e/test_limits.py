"""Every message fits Telegram, whatever the members typed and however big the group."""

from __future__ import annotations

from datetime import time

from bot.faketelegram import FakeTelegram
from bot.outbox.split import MAX_TEXT, telegram_length
from tests.e2e.conftest import Group
from tests.e2e.harness import DAY0, Harness

# Telegram allows 64 characters in a first name; these are as wide as they get.
LONG_NAME = "Ω" * 60 + "🦄🦄"


async def test_goals_of_a_big_group_come_in_several_messages(
    bot: Harness, tg: FakeTelegram, group: Group
) -> None:
    people = [tg.add_user(f"{LONG_NAME}{n:02d}"[-64:]) for n in range(25)]
    for person in people:
        tg.add_member(group.chat.id, person)
        await bot.say(group.chat, person, "/goal " + "write a chapter & edit <it> " * 7)
        await bot.pass_time(seconds=5)
    await bot.pass_time(minutes=1)
    listed = await bot.say(group.chat, group.alice, "/goals")
    assert len(listed) >= 2
    assert all(telegram_length(m.html or "") <= MAX_TEXT for m in listed)
    said = "\n".join(m.text or "" for m in listed)
    assert said.count("write a chapter & edit <it>") == 25 * 7


async def test_the_recap_of_sixty_members_with_long_names_fits(
    bot: Harness, tg: FakeTelegram, group: Group
) -> None:
    people = [tg.add_user(f"{n:02d}{LONG_NAME}"[:64]) for n in range(60)]
    bot.at(DAY0, time(10))
    for person in people:
        tg.add_member(group.chat.id, person)
        await bot.say(group.chat, person, "/done")
        await bot.pass_time(seconds=4)
    await bot.live_to(DAY0, time(21))
    [recap] = [m for m in tg.bot_messages(group.chat.id) if "🌙" in (m.text or "")]
    assert telegram_length(recap.html or "") <= MAX_TEXT
    assert "60 showed up" in (recap.text or "")
    assert "and 30 more" in (recap.text or "")


async def test_text_with_nul_characters_is_kept_without_them(bot: Harness, group: Group) -> None:
    """PostgreSQL refuses NUL in text; what a member typed is kept, less those."""
    assert "day 1" in await bot.say_text(group.chat, group.alice, "/done wrote\x00 a page")
    assert "Goal set" in await bot.say_text(group.chat, group.alice, "/goal run\x00 10k")
    assert "run 10k" in await bot.say_text(group.chat, group.alice, "/goal")
    reply = await bot.say_text(group.chat, group.bob, "/break 2d sick\x00 kid")
    assert "sick kid" in reply


async def test_a_very_long_break_reason_is_shortened_in_the_reply(
    bot: Harness, group: Group
) -> None:
    reply = await bot.say_text(group.chat, group.bob, "/break 2d " + "travelling " * 500)
    assert telegram_length(reply) <= 400
    assert reply.count("travelling") < 30
