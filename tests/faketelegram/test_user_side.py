"""What people do in chats becomes the updates Telegram would send the bot."""

from __future__ import annotations

import pytest
from telegram import Bot, MessageEntity, Update
from telegram.error import Forbidden

from bot.faketelegram import GROUP_ANONYMOUS_BOT_ID, Chat, FakeTelegram, User
from bot.faketelegram.json_shapes import user_json


async def test_commands_get_the_bot_command_entity(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    tg.send(group.id, alice, "/done@habitloop_bot wrote 500 words")
    tg.send(group.id, alice, "/stats")
    first, second = await bot.get_updates()
    assert first.message is not None
    assert second.message is not None
    assert first.message.entities == (MessageEntity("bot_command", 0, 19),)
    assert second.message.entities == (MessageEntity("bot_command", 0, 6),)
    assert first.message.date.timestamp() == tg.clock.now().timestamp()


async def test_privacy_mode_hides_plain_group_chatter(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    tg.send(group.id, alice, "just chatting")
    tg.send(group.id, alice, "/done@other_bot")
    assert await bot.get_updates() == ()
    mine = await bot.send_message(group.id, "How many words?")
    tg.send(group.id, alice, "500", reply_to=mine.message_id)
    tg.promote(group.id, tg.bot().user)
    tg.send(group.id, alice, "now the admin bot sees this")
    texts = [u.message.text for u in await bot.get_updates() if u.message]
    assert texts == ["500", "now the admin bot sees this"]


async def test_adding_and_removing_the_bot(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    chat = tg.add_group("New", creator=alice, supergroup=False)
    tg.add_bot(chat.id, by=alice)
    joined, service = await bot.get_updates()
    assert joined.my_chat_member is not None
    assert joined.my_chat_member.new_chat_member.status == "member"
    assert service.message is not None
    assert [u.id for u in service.message.new_chat_members] == [tg.bot().user.id]
    tg.remove_bot(chat.id, by=alice)
    *_, removed = await bot.get_updates(offset=service.update_id + 1)
    assert removed.my_chat_member is not None
    assert removed.my_chat_member.new_chat_member.status == "kicked"


async def test_the_bot_leaves_a_group_as_if_removed_by_itself(
    tg: FakeTelegram, bot: Bot, group: Chat
) -> None:
    me = tg.bot().user
    assert await bot.leave_chat(group.id) is True
    (left,) = await bot.get_updates()
    assert left.my_chat_member is not None
    assert left.my_chat_member.new_chat_member.status == "left"
    assert left.my_chat_member.from_user.id == me.id
    assert group.status_of(me.id) == "left"
    shown = tg.messages(group.id)[-1]
    assert shown.service == {"left_chat_member": user_json(me)}
    with pytest.raises(Forbidden):
        await bot.send_message(group.id, "still here?")


async def test_member_join_and_leave_service_messages(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    carol = tg.add_user("Carol")
    tg.add_member(group.id, carol, by=alice)
    tg.remove_member(group.id, carol)
    joined, left = [u.message for u in await bot.get_updates() if u.message]
    assert [u.id for u in joined.new_chat_members] == [carol.id]
    assert left.left_chat_member is not None
    assert left.left_chat_member.id == carol.id


async def test_upgrade_to_supergroup(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    basic = tg.add_group("Old", creator=alice, supergroup=False)
    tg.add_bot(basic.id, by=alice)
    tg.bot().queue.clear()
    new_id = tg.upgrade_to_supergroup(basic.id)
    to_msg, from_msg = [u.message for u in await bot.get_updates() if u.message]
    assert to_msg.chat.id == basic.id
    assert to_msg.migrate_to_chat_id == new_id
    assert from_msg.chat.id == new_id
    assert from_msg.migrate_from_chat_id == basic.id
    assert tg.chat(new_id).status_of(tg.bot().user.id) == "member"


async def test_anonymous_admin_and_topics(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    forum = tg.add_group("Club", creator=alice, forum=True)
    tg.add_bot(forum.id, by=alice)
    tg.bot().queue.clear()
    thread = tg.create_topic(forum.id, "Daily")
    tg.send_as_group(forum.id, "/settings", thread_id=thread)
    created, anonymous = [u.message for u in await bot.get_updates() if u.message]
    assert created.forum_topic_created is not None
    assert created.message_thread_id == thread
    assert anonymous.from_user is not None
    assert anonymous.from_user.id == GROUP_ANONYMOUS_BOT_ID
    assert anonymous.sender_chat is not None
    assert anonymous.sender_chat.id == forum.id
    assert anonymous.is_topic_message
    assert anonymous.message_thread_id == thread


async def test_block_and_restart(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    tg.send(alice.id, alice, "/start")
    tg.block_bot(alice)
    start, blocked = await bot.get_updates()
    assert start.message is not None
    assert start.message.chat.type == "private"
    assert blocked.my_chat_member is not None
    assert blocked.my_chat_member.new_chat_member.status == "kicked"
    tg.send(alice.id, alice, "/start")
    kinds = [
        next(k for k in u.to_dict() if k != "update_id")
        for u in await bot.get_updates(offset=blocked.update_id + 1)
    ]
    assert kinds == ["my_chat_member", "message"]
    await bot.send_message(alice.id, "welcome back")


async def test_renaming_shows_in_the_next_message(
    tg: FakeTelegram, bot: Bot, group: Chat, bob: User
) -> None:
    tg.rename_user(bob, first_name="Robert", last_name=None, username="robert_s")
    assert await bot.get_updates() == ()  # Telegram tells bots nothing of a new name
    tg.send(group.id, bob, "/done")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.from_user is not None
    sender = update.message.from_user
    assert (sender.first_name, sender.last_name, sender.username) == ("Robert", None, "robert_s")


def test_renaming_refuses_what_telegram_refuses(tg: FakeTelegram, alice: User, bob: User) -> None:
    with pytest.raises(ValueError, match="can't be empty"):
        tg.rename_user(bob, first_name="  ")
    with pytest.raises(ValueError, match="is not a username"):
        tg.rename_user(bob, first_name="Bob", username="b!")
    with pytest.raises(ValueError, match="is taken"):
        tg.rename_user(bob, first_name="Bob", username="ALICE")
    assert (bob.first_name, bob.username) == ("Bob", "bob")


async def test_demoting_an_admin_and_the_bot(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, bob: User
) -> None:
    tg.promote(group.id, tg.bot().user, by=alice)
    tg.promote(group.id, bob, by=alice)
    tg.demote(group.id, bob, by=alice)
    tg.demote(group.id, tg.bot().user, by=alice)
    updates = await bot.get_updates(allowed_updates=Update.ALL_TYPES)
    kinds = [(u.my_chat_member or u.chat_member) for u in updates]
    statuses = [(c.new_chat_member.user.first_name, c.new_chat_member.status) for c in kinds if c]
    # While it is an administrator, the bot also hears about Bob (chat_member updates).
    assert statuses == [
        ("Habitloop", "administrator"),
        ("Bob", "administrator"),
        ("Bob", "member"),
        ("Habitloop", "member"),
    ]
    assert group.status_of(bob.id) == "member"
    with pytest.raises(ValueError, match="creator can't be demoted"):
        tg.demote(group.id, alice)
    with pytest.raises(ValueError, match="Bob is not an administrator"):
        tg.demote(group.id, bob)


async def test_reactions_reach_an_admin_bot_that_asked_for_them(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, bob: User
) -> None:
    done = tg.send(group.id, alice, "/done")
    tg.react(group.id, done.message_id, bob, ["👏"])  # the bot is a member only: not told
    assert [u.message is not None for u in await bot.get_updates()] == [True]
    tg.bot().queue.clear()
    tg.promote(group.id, tg.bot().user)
    await bot.get_updates(allowed_updates=["message_reaction"])  # my_chat_member: dropped
    tg.react(group.id, done.message_id, bob, ["👏", "🔥"])
    tg.react(group.id, done.message_id, bob, ["👏", "🔥"])  # nothing changed: nothing sent
    tg.react(group.id, done.message_id, bob, [])
    first, second = await bot.get_updates()
    assert first.message_reaction is not None
    assert second.message_reaction is not None
    assert first.message_reaction.user is not None
    assert first.message_reaction.user.id == bob.id
    assert first.message_reaction.message_id == done.message_id
    assert [r.emoji for r in first.message_reaction.old_reaction] == ["👏"]  # type: ignore[attr-defined]
    assert [r.emoji for r in first.message_reaction.new_reaction] == ["👏", "🔥"]  # type: ignore[attr-defined]
    assert second.message_reaction.new_reaction == ()
    assert tg.chat(group.id).messages[done.message_id].user_reactions == {}
    # Without asking for them (Telegram's default set), none come.
    await bot.get_updates(offset=second.update_id + 1, allowed_updates=[])
    tg.react(group.id, done.message_id, bob, ["🎉"])
    assert await bot.get_updates() == ()


def test_a_reaction_must_be_one_telegram_offers(
    tg: FakeTelegram, group: Chat, alice: User, bob: User
) -> None:
    done = tg.send(group.id, alice, "/done")
    with pytest.raises(ValueError, match="REACTION_INVALID"):
        tg.react(group.id, done.message_id, bob, ["🦖"])
    with pytest.raises(ValueError, match="REACTIONS_TOO_MANY"):
        tg.react(group.id, done.message_id, bob, ["👏", "🔥", "🎉", "💯"])
    with pytest.raises(ValueError, match="no message"):
        tg.react(group.id, done.message_id + 100, bob, ["👏"])
    assert tg.chat(group.id).messages[done.message_id].user_reactions == {}
