"""/cheer: the bot reacts on the cheered message and counts each cheerer once per message."""

from __future__ import annotations

from bot import texts
from bot.faketelegram import Message
from bot.handlers.cheers import CHEER_REACTION
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import Harness


async def _posted(bot: Harness, group: Group, who: str, text: str) -> Message:
    user = getattr(group, who)
    message = bot.tg.send(group.chat.id, user, text)
    await bot.deliver()
    return message


def _reactions(bot: Harness, group: Group, message: Message) -> list[str]:
    [found] = [m for m in bot.tg.messages(group.chat.id) if m.message_id == message.message_id]
    return list(found.reactions)


async def test_a_cheer_twice_counts_once(bot: Harness, group: Group) -> None:
    g = group
    done = await _posted(bot, g, "bob", "/done 5k")
    assert await bot.say(g.chat, g.alice, "/cheer", reply_to=done.message_id) == []
    assert _reactions(bot, g, done) == [CHEER_REACTION]
    again = await bot.say_text(g.chat, g.alice, "/cheer", reply_to=done.message_id)
    assert "already cheered" in again
    await bot.say(g.chat, g.owner, "/cheer", reply_to=done.message_id)
    card = await bot.say_text(g.chat, g.bob, "/streak")
    assert "Cheers received: 2" in card
    [stats] = await bot.say(g.chat, g.bob, "/stats")
    assert (stats.caption or "").endswith("· 👏 2")


async def test_the_first_cheers_on_a_fail_are_told(bot: Harness, group: Group) -> None:
    g = group
    carol, dan = bot.tg.add_user("Carol"), bot.tg.add_user("Dan")
    for person in (carol, dan):
        bot.tg.add_member(g.chat.id, person)
    failed = await _posted(bot, g, "bob", "/fail skipped my run")
    told = []
    for person in (g.alice, g.owner, carol, dan):
        told.append(await bot.say_text(g.chat, person, "/cheer", reply_to=failed.message_id))
    assert told[:3] == [
        f"💙 {ALICE} is cheering {BOB} on",
        f"💙 {texts.format.isolate('Olga')} is cheering {BOB} on",
        f"💙 {texts.format.isolate('Carol')} is cheering {BOB} on",
    ]
    assert told[3] == ""  # the fourth gets the reaction, not an announcement
    assert "Cheers received: 4" in await bot.say_text(g.chat, g.bob, "/streak")


async def test_no_cheering_oneself_a_bot_or_nobody(bot: Harness, group: Group) -> None:
    g = group
    mine = await _posted(bot, g, "alice", "/done")
    assert "can't cheer yourself" in await bot.say_text(
        g.chat, g.alice, "/cheer", reply_to=mine.message_id
    )
    bots = bot.tg.bot_messages(g.chat.id)[-1]
    assert "Bots don't need cheers" in await bot.say_text(
        g.chat, g.bob, "/cheer", reply_to=bots.message_id
    )
    assert "Reply to someone's message" in await bot.say_text(g.chat, g.bob, "/cheer")
    anonymous = bot.tg.send_as_group(g.chat.id, "hello from the admins")
    await bot.deliver()
    assert "sent as the group" in await bot.say_text(
        g.chat, g.bob, "/cheer", reply_to=anonymous.message_id
    )
