"""A group upgraded to a supergroup keeps its cheers, the board's and the weekly picture's
settings, and who left the board, also when both sides have rows of their own."""

from __future__ import annotations

from datetime import time, timedelta

from bot.faketelegram import FakeTelegram
from tests.e2e.harness import MONDAY, Harness

SUNDAY = MONDAY + timedelta(days=6)


async def test_cheers_and_choices_follow_the_upgrade(bot: Harness, tg: FakeTelegram) -> None:
    # From the week's Monday on (the tests may start on any day), so the picture's first
    # time is this Sunday's, not one already long past.
    bot.at(MONDAY, time(9))
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    for person in (alice, bob):
        tg.add_member(basic.id, person)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    bobs = tg.send(basic.id, bob, "/done 5k")
    await bot.deliver()
    await bot.say(basic, alice, "/cheer", reply_to=bobs.message_id)

    with tg.intercept() as held:
        new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    supergroup = tg.chat(new_id)
    again = tg.send(new_id, bob, "/done 10k")
    await bot.deliver()
    await bot.say(supergroup, alice, "/cheer", reply_to=again.message_id)
    await bot.say(supergroup, alice, "/top hide")
    await bot.say(supergroup, owner, "/settings board all")
    await bot.say(supergroup, owner, "/settings weekly sun 18:00")
    tg.release(held)
    await bot.deliver()

    assert "Cheers received: 2" in await bot.say_text(supergroup, bob, "/streak")
    assert "Alice" not in await bot.say_text(supergroup, bob, "/top")
    shown = await bot.say_text(supergroup, owner, "/settings")
    assert "Leaderboard shows: everyone" in shown
    assert "Weekly picture: Sun 18:00" in shown
    bot.at(SUNDAY, time(18))
    await bot.tick()
    assert [m for m in tg.bot_messages(new_id) if m.photo is not None]
