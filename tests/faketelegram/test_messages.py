"""Sending, editing, deleting, reacting and pinning, through PTB and the in-process door."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji
from telegram import ReplyParameters as Reply
from telegram.error import BadRequest, ChatMigrated, EndPointNotFound, Forbidden

from bot.faketelegram import Chat, FakeTelegram, User

from .conftest import png


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d) for d in data]])


async def test_send_message_is_recorded_with_html_buttons_and_reply(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    asked = tg.send(group.id, alice, "/done 500 words")
    sent = await bot.send_message(
        group.id,
        "<b>Logged</b> 500 words",
        parse_mode="HTML",
        reply_parameters=Reply(asked.message_id),
        reply_markup=keyboard("undo"),
    )
    assert sent.text == "Logged 500 words"
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.message_id == asked.message_id
    assert sent.date.timestamp() == tg.clock.now().timestamp()
    [record] = tg.bot_messages(group.id)
    assert record.message_id == sent.message_id == asked.message_id + 1
    assert record.html == "<b>Logged</b> 500 words"
    assert record.buttons == [[("Undo", "undo")]]
    assert record.reply_to == asked.message_id
    assert record.sender is not None
    assert record.sender.is_bot


async def test_text_length_counts_visible_characters(bot: Bot, group: Chat) -> None:
    await bot.send_message(group.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(group.id, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(group.id, "   ")


async def test_bad_html_and_long_callback_data_are_refused(bot: Bot, group: Chat) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_message(group.id, "<p>hi</p>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(group.id, "hi", reply_markup=keyboard("x" * 65))
    await bot.send_message(group.id, "hi", reply_markup=keyboard("é" * 32))


async def test_reply_to_a_missing_message(bot: Bot, group: Chat) -> None:
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(group.id, "hi", reply_parameters=Reply(999))
    sent = await bot.send_message(
        group.id, "hi", reply_parameters=Reply(999, allow_sending_without_reply=True)
    )
    assert sent.reply_to_message is None


async def test_removed_or_absent_bot_is_forbidden(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    other = tg.add_group("Other", creator=alice, supergroup=False)
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(other.id, "hi")
    tg.remove_bot(group.id, by=alice)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "hi")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(-100999, "hi")


async def test_private_chat_needs_start_and_no_block(
    tg: FakeTelegram, bot: Bot, alice: User
) -> None:
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(alice.id, "hi")
    tg.send(alice.id, alice, "/start")
    await bot.send_message(alice.id, "welcome")
    tg.block_bot(alice)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "hi")
    assert [m.text for m in tg.messages(alice.id)] == ["/start", "welcome"]


async def test_edits_and_not_modified(tg: FakeTelegram, bot: Bot, group: Chat) -> None:
    sent = await bot.send_message(
        group.id, "<b>a</b>", parse_mode="HTML", reply_markup=keyboard("x")
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>a</b>", group.id, sent.message_id, parse_mode="HTML", reply_markup=keyboard("x")
        )
    edited = await bot.edit_message_text("b", group.id, sent.message_id)
    assert isinstance(edited, type(sent))
    assert edited.edit_date is not None
    [record] = tg.bot_messages(group.id)
    assert (record.text, record.buttons) == ("b", [])
    await bot.edit_message_reply_markup(group.id, sent.message_id, reply_markup=keyboard("y"))
    assert record.buttons == [[("Y", "y")]]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(group.id, sent.message_id, reply_markup=keyboard("y"))
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("c", group.id, 999)


async def test_users_messages_cannot_be_edited(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    theirs = tg.send(group.id, alice, "/done")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", group.id, theirs.message_id)


async def test_delete_react_pin(tg: FakeTelegram, bot: Bot, group: Chat, alice: User) -> None:
    theirs = tg.send(group.id, alice, "/done")
    mine = await bot.send_message(group.id, "hi")
    await bot.set_message_reaction(group.id, theirs.message_id, ReactionTypeEmoji("👍"))
    assert theirs.reactions == ["👍"]
    with pytest.raises(BadRequest, match="Reaction_invalid"):
        await bot.set_message_reaction(group.id, theirs.message_id, "🦖")
    with pytest.raises(BadRequest, match="Message can't be deleted"):
        await bot.delete_message(group.id, theirs.message_id)
    with pytest.raises(BadRequest, match="Not enough rights"):
        await bot.pin_chat_message(group.id, mine.message_id)
    tg.promote(group.id, tg.bot().user)
    assert await bot.pin_chat_message(group.id, mine.message_id)
    assert await bot.delete_message(group.id, theirs.message_id)
    assert await bot.delete_message(group.id, mine.message_id)
    assert theirs.deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(group.id, mine.message_id)
    assert await bot.send_chat_action(group.id, "typing")
    assert tg.chat_actions == [(group.id, "typing")]


async def test_photo_and_document_bytes_are_kept(tg: FakeTelegram, bot: Bot, group: Chat) -> None:
    picture = png(16, 9)
    sent = await bot.send_photo(group.id, picture, caption="<i>week</i>", parse_mode="HTML")
    assert (sent.photo[-1].width, sent.photo[-1].height) == (16, 9)
    doc = await bot.send_document(group.id, b"a,b\n1,2\n", filename="log.csv")
    assert doc.document is not None
    assert doc.document.file_name == "log.csv"
    photo_msg, doc_msg = tg.bot_messages(group.id)
    assert photo_msg.photo == picture
    assert photo_msg.html == "<i>week</i>"
    assert doc_msg.document == b"a,b\n1,2\n"
    assert doc_msg.filename == "log.csv"
    downloaded = await (await bot.get_file(sent.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == picture
    again = await bot.send_photo(group.id, sent.photo[-1].file_id)
    assert again.photo[-1].file_id == sent.photo[-1].file_id
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(group.id, b"not a picture")


async def test_forum_topics(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    forum = tg.add_group("Club", creator=alice, forum=True)
    tg.add_bot(forum.id, by=alice)
    daily = tg.create_topic(forum.id, "Daily")
    asked = tg.send(forum.id, alice, "/done", thread_id=daily)
    sent = await bot.send_message(forum.id, "ok", message_thread_id=daily)
    assert sent.message_thread_id == daily
    assert sent.is_topic_message
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.forum_topic_created is not None
    reply = await bot.send_message(forum.id, "r", reply_parameters=Reply(asked.message_id))
    assert reply.message_thread_id == daily
    tg.close_topic(forum.id, daily)
    with pytest.raises(BadRequest, match="Topic_closed"):
        await bot.send_message(forum.id, "x", message_thread_id=daily)
    tg.delete_topic(forum.id, daily)
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=daily)


async def test_migrated_group_points_to_supergroup(tg: FakeTelegram, bot: Bot, alice: User) -> None:
    basic = tg.add_group("Old", creator=alice, supergroup=False)
    tg.add_bot(basic.id, by=alice)
    new_id = tg.upgrade_to_supergroup(basic.id)
    assert str(new_id).startswith("-100")
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(basic.id, "hi")
    assert caught.value.new_chat_id == new_id
    await bot.send_message(new_id, "hi")


async def test_members_admins_and_chat(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, bob: User
) -> None:
    carol = tg.add_user("Carol")
    assert (await bot.get_chat_member(group.id, bob.id)).status == "member"
    assert (await bot.get_chat_member(group.id, carol.id)).status == "left"
    tg.promote(group.id, bob)
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id: a.status for a in admins} == {alice.id: "creator", bob.id: "administrator"}
    tg.remove_member(group.id, bob, by=alice)
    assert (await bot.get_chat_member(group.id, bob.id)).status == "kicked"
    chat = await bot.get_chat(group.id)
    assert (chat.title, chat.type) == ("Writers", "supergroup")
    with pytest.raises(BadRequest, match="User not found"):
        await bot.get_chat_member(group.id, 42)


async def test_commands_per_scope(bot: Bot, group: Chat) -> None:
    from telegram import BotCommandScopeAllGroupChats, BotCommandScopeChat

    await bot.set_my_commands([("done", "Log a day")])
    await bot.set_my_commands([("stats", "Stats")], scope=BotCommandScopeAllGroupChats())
    await bot.set_my_commands([("x", "Y")], scope=BotCommandScopeChat(group.id), language_code="de")
    assert [c.command for c in await bot.get_my_commands()] == ["done"]
    groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert [c.command for c in groups] == ["stats"]
    assert await bot.get_my_commands(scope=BotCommandScopeChat(group.id)) == ()
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad-Name", "x")])


async def test_callback_query_round_trip(
    tg: FakeTelegram, bot: Bot, group: Chat, bob: User
) -> None:
    sent = await bot.send_message(group.id, "Did you write?", reply_markup=keyboard("yes"))
    query_id = tg.press(group.id, sent.message_id, bob, "yes")
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert query.id == query_id
    assert query.data == "yes"
    assert query.from_user.id == bob.id
    assert query.chat_instance
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert await query.answer("Logged!", show_alert=True)
    assert tg.callback_answers[query_id] == ("Logged!", True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(ValueError, match="no button"):
        tg.press(group.id, sent.message_id, bob, "no")


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("fooBar")


async def test_logout_and_close_are_accepted(bot: Bot) -> None:
    assert await bot.log_out()
    assert await bot.close()
