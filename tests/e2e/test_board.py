"""The leaderboard's privacy: the top ten and your place, the group's choice of how much
/top shows, and leaving the board."""

from __future__ import annotations

from datetime import time, timedelta

from bot import texts
from bot.faketelegram import User
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness


async def test_leaving_the_board_keeps_counting_for_the_group(bot: Harness, group: Group) -> None:
    g = group
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(g.chat, g.alice, "/done")
    assert "off the board" in await bot.say_text(g.chat, g.alice, "/top hide")
    board = await bot.say_text(g.chat, g.bob, "/top")
    assert "Group streak: 2 days" in board
    assert "Alice" not in board
    mine = await bot.say_text(g.chat, g.alice, "/top")
    assert "Alice" not in mine
    assert "You're off the board (/top show" in mine
    assert "back on the board" in await bot.say_text(g.chat, g.alice, "/top show")
    assert f"1. {ALICE}: 2 days" in await bot.say_text(g.chat, g.bob, "/top")
    assert "/top hide" in await bot.say_text(g.chat, g.bob, "/top everyone")


async def _twelve(bot: Harness, group: Group) -> list[User]:
    """Twelve members with a one-day streak each: ties go by name, so Zed comes last."""
    people = []
    for n in range(12):
        person = bot.tg.add_user(f"M{n + 1:02}" if n < 11 else "Zed")
        bot.tg.add_member(group.chat.id, person)
        await bot.say(group.chat, person, "/done")
        people.append(person)
    return people


async def test_top_ten_and_your_own_place_and_the_groups_choice(bot: Harness, group: Group) -> None:
    g = group
    zed = (await _twelve(bot, g))[-1]
    await bot.pass_time(minutes=1)  # twelve answers: the group's 20 a minute start afresh
    board = await bot.say_text(g.chat, zed, "/top")
    assert f"10. {texts.format.isolate('M10')}: 1 day" in board
    assert "M11" not in board
    assert "You: current #12 (1 day), best #12 (1 day)" in board

    assert "Only the group's admins" in await bot.say_text(g.chat, zed, "/settings board all")
    assert f"“{texts.format.isolate('most')}” is not top, all or off" in await bot.say_text(
        g.chat, g.owner, "/settings board most"
    )
    assert "The leaderboard is now everyone" in await bot.say_text(
        g.chat, g.owner, "/settings board all"
    )
    everyone = await bot.say_text(g.chat, zed, "/top")
    assert f"12. {texts.format.isolate('Zed')}: 1 day" in everyone
    assert "You:" not in everyone

    await bot.say(g.chat, g.owner, "/settings board off")
    alone = await bot.say_text(g.chat, zed, "/top")
    assert alone.splitlines() == [
        "🔥 Group streak: 1 day",
        "You: 1 day · best 1 day",
        "(This group shows no leaderboard.)",
    ]
    assert "Leaderboard shows: only the group streak and your own line" in await bot.say_text(
        g.chat, zed, "/settings"
    )
