"""The core loop in a supergroup: /done, /goal, /streak over several days."""

from __future__ import annotations

from datetime import time

from telegram import Update

from bot import texts
from bot.faketelegram import FakeTelegram
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import BOT_USERNAME, Harness


async def test_two_members_build_streaks_over_days(bot: Harness, group: Group) -> None:
    g = group
    assert "day 1" in await bot.say_text(g.chat, g.alice, "/done wrote 500 words")
    assert "day 1" in await bot.say_text(g.chat, g.bob, "/done ran 5k")

    bot.next_day()
    assert "day 2" in await bot.say_text(g.chat, g.alice, "/done")
    # Bob skips a day.
    bot.next_day()
    third = await bot.say_text(g.chat, g.alice, "/done chapter two")
    assert "day 3" in third
    assert "reached a 3-day streak" in third
    assert "day 1" in await bot.say_text(g.chat, g.bob, "/done back at it")

    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert "3 days" in card
    assert "Last 30 days: 3/30" in card


async def test_milestone_at_seven_is_announced_once(bot: Harness, group: Group) -> None:
    g = group
    replies = []
    for _ in range(7):
        replies.append(await bot.say_text(g.chat, g.alice, "/done"))
        bot.next_day()
    assert "reached a 7-day streak" in replies[6]
    assert sum("reached a" in r for r in replies) == 2  # 3 and 7
    # A second entry on the same day neither counts again nor announces again.
    bot.advance(days=-1)
    again = await bot.say_text(g.chat, g.alice, "/done more")
    assert "already counts" in again
    assert "reached" not in again


async def test_done_reacts_on_the_message(bot: Harness, group: Group, tg: FakeTelegram) -> None:
    await bot.say(group.chat, group.alice, "/done")
    mine = [m for m in tg.messages(group.chat.id) if not m.from_bot and m.text == "/done"]
    assert mine[-1].reactions == ["👍"]


async def test_command_addressed_to_the_bot_by_name(bot: Harness, group: Group) -> None:
    assert "day 1" in await bot.say_text(group.chat, group.alice, f"/done@{BOT_USERNAME} yes")
    # A command for another bot in the same group is not ours to answer.
    assert await bot.say(group.chat, group.bob, "/done@some_other_bot") == []


async def test_the_same_update_twice_is_one_checkin(bot: Harness, group: Group) -> None:
    """Telegram sends an update again when it thinks it was not received (a webhook answer
    that got lost, a restart before confirming): the inbox knows it."""
    with bot.tg.intercept() as caught:
        bot.tg.send(group.chat.id, group.alice, "/done once")
    bot.tg.release(caught, same_ids=True)
    await bot.deliver()
    before = len(bot.tg.bot_messages(group.chat.id))
    bot.tg.release(caught, same_ids=True)
    await bot.deliver()
    assert len(bot.tg.bot_messages(group.chat.id)) == before  # no second reply
    bot.next_day()
    assert "day 2" in await bot.say_text(group.chat, group.alice, "/done")


async def test_the_same_message_handled_twice_is_one_checkin(bot: Harness, group: Group) -> None:
    """Even handled twice (the inbox was lost), one message is one entry, answered once."""
    with bot.tg.intercept() as caught:
        bot.tg.send(group.chat.id, group.alice, "/done once")
    [update] = caught
    bot.tg.release(caught)
    await bot.deliver()
    before = len(bot.tg.bot_messages(group.chat.id))
    await bot.app.process_update(Update.de_json(update.to_json(), bot.app.bot))
    await bot.settle()
    assert len(bot.tg.bot_messages(group.chat.id)) == before
    assert "Last 30 days: 1/30" in await bot.say_text(group.chat, group.alice, "/streak")


async def test_goal_set_show_and_done(bot: Harness, group: Group) -> None:
    g = group
    assert "no goal yet" in await bot.say_text(g.chat, g.alice, "/goal")
    assert "Goal set" in await bot.say_text(g.chat, g.alice, "/goal finish the novel 📚")
    assert "finish the novel 📚" in await bot.say_text(g.chat, g.alice, "/goal")
    await bot.say(g.chat, g.alice, "/done")
    listed = await bot.say_text(g.chat, g.bob, "/goals")
    assert f"{ALICE} (1 day): {texts.format.isolate('finish the novel 📚')}" in listed
    assert "reached their goal" in await bot.say_text(g.chat, g.alice, "/goal done")
    assert "no goal yet" in await bot.say_text(g.chat, g.alice, "/goal")


async def test_user_html_is_escaped_and_long_goals_refused(bot: Harness, group: Group) -> None:
    g = group
    answer = await bot.say_text(g.chat, g.alice, "/goal <b>bold</b> & <script>")
    assert "<b>bold</b> & <script>" in answer  # shown literally, not as markup
    too_long = await bot.say_text(g.chat, g.alice, "/goal " + "x" * 300)
    assert "300 characters" in too_long
    assert "<b>bold</b>" in await bot.say_text(g.chat, g.alice, "/goal")


async def test_huge_and_unicode_notes_are_fine(bot: Harness, group: Group) -> None:
    note = "🏃‍♀️ Лёгкий бег, 걷기 " * 200
    answer = await bot.say_text(group.chat, group.alice, "/done " + note[:4000])
    assert "day 1" in answer


async def test_streak_as_a_reply_shows_theirs(bot: Harness, group: Group) -> None:
    g = group
    for _ in range(2):
        await bot.say(g.chat, g.bob, "/done")
        bot.next_day()
    bobs = bot.tg.send(g.chat.id, g.bob, "hello all")
    await bot.deliver()
    card = await bot.say_text(g.chat, g.alice, "/streak", reply_to=bobs.message_id)
    assert "Bob" in card
    assert "2 days" in card

    alices = bot.tg.send(g.chat.id, g.alice, "hi")
    await bot.deliver()
    assert f"{ALICE} has no check-ins" in await bot.say_text(
        g.chat, g.bob, "/streak", reply_to=alices.message_id
    )
    bots_reply = bot.tg.bot_messages(g.chat.id)[-1]
    assert "Bots don't keep streaks" in await bot.say_text(
        g.chat, g.bob, "/streak", reply_to=bots_reply.message_id
    )


async def test_private_chat_explains_groups(bot: Harness, tg: FakeTelegram) -> None:
    carol = tg.add_user("Carol")
    tg.send(carol.id, carol, "/start")
    await bot.deliver()
    tg.send(carol.id, carol, "/done")
    await bot.deliver()
    texts = [m.text or "" for m in tg.bot_messages(tg.private_chat(carol).id)]
    assert "Add me to your group" in texts[0]
    assert "works in a group" in texts[1]


async def test_anonymous_admin_cannot_check_in(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    tg.send_as_group(group.chat.id, "/done")
    await bot.deliver()
    assert "anonymously" in (tg.bot_messages(group.chat.id)[-1].text or "")


async def test_late_night_checkin_uses_the_message_date(bot: Harness, group: Group) -> None:
    """A message sent at 23:59 but handled after midnight lands on the day it was sent."""
    bot.at(bot.clock.now().date(), time(23, 59))
    bot.tg.send(group.chat.id, group.alice, "/done late")
    bot.advance(minutes=5)
    await bot.deliver()
    assert "day 1" in (bot.tg.bot_messages(group.chat.id)[-1].text or "")
    assert "day 2" in await bot.say_text(group.chat, group.alice, "/done")
    card = await bot.say_text(group.chat, group.alice, "/streak")
    assert "2 days" in card


async def test_unknown_commands_point_to_help(bot: Harness, group: Group, tg: FakeTelegram) -> None:
    assert "/help shows what I can do" in await bot.say_text(
        group.chat, group.alice, f"/dance@{BOT_USERNAME}"
    )
    # A bare unknown command in a group may be another bot's: no answer.
    assert await bot.say(group.chat, group.alice, "/dance") == []
    carol = tg.add_user("Carol")
    tg.send(carol.id, carol, "/dance")
    await bot.deliver()
    assert f"I don't know {texts.format.isolate('/dance')}" in (
        tg.bot_messages(carol.id)[-1].text or ""
    )


async def test_top_shows_the_leaderboard_and_group_streak(bot: Harness, group: Group) -> None:
    g = group
    for n in range(4):
        await bot.say(g.chat, g.alice, "/done")
        if n < 2:
            await bot.say(g.chat, g.bob, "/done")
        bot.next_day()
    board = await bot.say_text(g.chat, g.bob, "/top")
    assert "Group streak: 4 days" in board
    assert f"Current streaks\n1. {ALICE}: 4 days" in board  # Bob's run ended
    assert f"Best streaks\n1. {ALICE}: 4 days\n2. {BOB}: 2 days" in board
