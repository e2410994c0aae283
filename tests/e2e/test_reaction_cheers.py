"""Cheers by reaction: 👏 🔥 ❤ 💯 🎉 on someone's check-in count as a cheer, once per person
and message (with /cheer too), never for oneself; taking the reaction back takes it back.
Telegram sends reactions only to a bot that is an admin of the group."""

from __future__ import annotations

from bot.faketelegram import FakeTelegram, Message
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import Harness


async def _admin(bot: Harness, group: Group) -> None:
    bot.tg.promote(group.chat.id, bot.tg.bot().user, by=group.owner)
    await bot.deliver()


async def _posted(bot: Harness, group: Group, who: str, text: str) -> Message:
    message = bot.tg.send(group.chat.id, getattr(group, who), text)
    await bot.deliver()
    return message


async def _react(bot: Harness, group: Group, who: str, message: Message, *emojis: str) -> None:
    """Someone sets their reactions on the message; the group must hear nothing of it."""
    before = len(bot.tg.bot_messages(group.chat.id))
    bot.tg.react(group.chat.id, message.message_id, getattr(group, who), list(emojis))
    await bot.deliver()
    assert bot.tg.bot_messages(group.chat.id)[before:] == []


async def _cheers_of_bob(bot: Harness, group: Group) -> str:
    return await bot.say_text(group.chat, group.bob, "/streak")


async def test_a_reaction_cheer_comes_and_goes(bot: Harness, group: Group) -> None:
    g = group
    await _admin(bot, g)
    done = await _posted(bot, g, "bob", "/done 5k")
    await _react(bot, g, "alice", done, "👏")
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)
    await _react(bot, g, "alice", done, "🔥")  # another cheering emoji: still one cheer
    await _react(bot, g, "owner", done, "❤", "🎉")
    assert "Cheers received: 2" in await _cheers_of_bob(bot, g)
    await _react(bot, g, "alice", done)  # taken back
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)
    await _react(bot, g, "owner", done, "👍")  # no longer a cheering one
    assert "Cheers received" not in await _cheers_of_bob(bot, g)
    await _react(bot, g, "alice", done, "💯")  # cheering again counts again
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)
    [stats] = await bot.say(g.chat, g.bob, "/stats")
    assert (stats.caption or "").endswith("· 👏 1")


async def test_only_someone_elses_check_in_is_cheered(bot: Harness, group: Group) -> None:
    g = group
    await _admin(bot, g)
    done = await _posted(bot, g, "bob", "/done")
    await _react(bot, g, "bob", done, "👏")  # one's own: ignored
    chat = await _posted(bot, g, "bob", "lovely weather")
    await _react(bot, g, "alice", chat, "👏")  # not a check-in: ignored
    card = bot.tg.bot_messages(g.chat.id)[-1]
    await _react(bot, g, "alice", card, "🎉")  # the bot's own message: ignored
    assert "Cheers received" not in await _cheers_of_bob(bot, g)
    assert "Cheers received" not in await bot.say_text(g.chat, g.alice, "/streak")


async def test_a_reaction_and_a_cheer_by_one_person_count_once(bot: Harness, group: Group) -> None:
    g = group
    await _admin(bot, g)
    first = await _posted(bot, g, "bob", "/done")
    await _react(bot, g, "alice", first, "👏")
    assert "already cheered" in await bot.say_text(
        g.chat, g.alice, "/cheer", reply_to=first.message_id
    )
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)
    # Her /cheer holds the cheer when she takes the reaction back.
    await _react(bot, g, "alice", first)
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)

    second = await _posted(bot, g, "bob", "/done again")
    assert await bot.say(g.chat, g.owner, "/cheer", reply_to=second.message_id) == []
    await _react(bot, g, "owner", second, "💯")
    assert "Cheers received: 2" in await _cheers_of_bob(bot, g)
    await _react(bot, g, "owner", second)
    assert "Cheers received: 2" in await _cheers_of_bob(bot, g)


async def test_a_bot_that_is_not_an_admin_hears_no_reactions(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    done = await _posted(bot, g, "bob", "/done")
    tg.react(g.chat.id, done.message_id, g.alice, ["👏"])
    assert tg.updates_pending() == 0  # Telegram sends none to a bot that is a member only
    await bot.deliver()
    assert "Cheers received" not in await _cheers_of_bob(bot, g)
    await _admin(bot, g)
    await _react(bot, g, "owner", done, "👏")
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)


async def test_reactions_on_a_fail_are_told_as_cheers_are(bot: Harness, group: Group) -> None:
    g = group
    await _admin(bot, g)
    failed = await _posted(bot, g, "bob", "/fail skipped my run")
    bot.tg.react(g.chat.id, failed.message_id, g.alice, ["❤"])
    await bot.deliver()
    [told] = bot.tg.bot_messages(g.chat.id)[-1:]
    assert told.text == f"💙 {ALICE} is cheering {BOB} on"
    assert told.reply_to == failed.message_id
    # Changing the emoji is the same cheer: not told again.
    await _react(bot, g, "alice", failed, "🔥")
    assert "Cheers received: 1" in await _cheers_of_bob(bot, g)


async def test_the_upgrade_keeps_reaction_cheers_and_forgetme_takes_them(
    bot: Harness, tg: FakeTelegram
) -> None:
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    for person in (alice, bob):
        tg.add_member(basic.id, person)
    tg.add_bot(basic.id, by=owner, admin=True)
    await bot.deliver()
    before = tg.send(basic.id, bob, "/done 5k")
    await bot.deliver()
    tg.react(basic.id, before.message_id, alice, ["👏"])
    tg.react(basic.id, before.message_id, owner, ["🎉"])
    await bot.deliver()

    new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    await bot.deliver()
    supergroup = tg.chat(new_id)
    assert "Cheers received: 2" in await bot.say_text(supergroup, bob, "/streak")
    after = tg.send(new_id, bob, "/done 10k")
    await bot.deliver()
    tg.react(new_id, after.message_id, alice, ["🔥"])
    await bot.deliver()
    assert "Cheers received: 3" in await bot.say_text(supergroup, bob, "/streak")

    [prompt] = await bot.say(supergroup, alice, "/forgetme")
    [[(_, data)]] = prompt.buttons
    assert data is not None
    await bot.press(supergroup, prompt, alice, data)
    assert "Cheers received: 1" in await bot.say_text(supergroup, bob, "/streak")  # Olga's


async def test_help_tells_admins_that_reactions_count(bot: Harness, group: Group) -> None:
    g = group
    for_admins = "reactions 👏 🔥 ❤️ 💯 🎉 on someone's check-in count as cheers"
    assert for_admins in await bot.say_text(g.chat, g.owner, "/help")
    assert for_admins not in await bot.say_text(g.chat, g.alice, "/help")
    await bot.say(g.chat, g.owner, "/settings language de")
    assert "Reaktionen" in await bot.say_text(g.chat, g.owner, "/help")


async def test_in_a_forum_the_group_hears_in_the_fails_topic(
    bot: Harness, tg: FakeTelegram
) -> None:
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    forum = tg.add_group("Makers", creator=owner, forum=True)
    for person in (alice, bob):
        tg.add_member(forum.id, person)
    tg.add_bot(forum.id, by=owner, admin=True)
    daily = tg.create_topic(forum.id, "Daily", by=owner)
    await bot.deliver()
    failed = tg.send(forum.id, bob, "/fail no run today", thread_id=daily)
    await bot.deliver()
    tg.react(forum.id, failed.message_id, alice, ["💯"])
    await bot.deliver()
    told = tg.bot_messages(forum.id)[-1]
    assert told.text == f"💙 {ALICE} is cheering {BOB} on"
    assert told.thread_id == daily
