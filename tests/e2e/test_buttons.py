"""Every button press is answered: stale, unknown or forged ones too; and a press by someone
outside the group does not make them a member."""

from __future__ import annotations

from datetime import time

from bot.faketelegram import FakeTelegram, Message
from tests.e2e.conftest import Group
from tests.e2e.harness import DAY0, Harness


async def _cue(bot: Harness, group: Group) -> Message:
    await bot.live_to(DAY0, time(9))
    return next(m for m in bot.tg.bot_messages(group.chat.id) if m.buttons)


def _forge(cue: Message, data: str) -> None:
    """A client that sends a button press with made-up data (Telegram passes it on)."""
    assert cue.reply_markup is not None
    cue.reply_markup["inline_keyboard"][0].append({"text": "x", "callback_data": data})


async def test_a_press_with_unknown_data_is_answered(bot: Harness, group: Group) -> None:
    cue = await _cue(bot, group)
    for data in ("stale:v1", "checkin:extra", "💣" * 16):
        _forge(cue, data)
        toast = await bot.press(group.chat, cue, group.alice, data)
        assert "no longer works" in toast
    assert "no check-ins" in await bot.say_text(group.chat, group.alice, "/streak")


async def test_a_press_from_outside_the_group_checks_nobody_in(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    cue = await _cue(bot, group)
    stranger = tg.add_user("Mallory")  # reads the public group without being in it
    toast = await bot.press(group.chat, cue, stranger, "checkin")
    assert toast == "Join the group to check in with it."
    board = await bot.say_text(group.chat, group.alice, "/top")
    assert "Mallory" not in board
    # A member who just joined is welcome.
    tg.add_member(group.chat.id, stranger)
    await bot.deliver()
    assert "Checked in" in await bot.press(group.chat, cue, stranger, "checkin")


async def test_a_press_in_a_private_chat_on_an_old_message_is_answered(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    await bot.say(tg.private_chat(group.alice), group.alice, "/start")
    [welcome] = tg.bot_messages(group.alice.id)
    welcome.reply_markup = {"inline_keyboard": [[{"text": "old", "callback_data": "checkin"}]]}
    query = tg.press(group.alice.id, welcome.message_id, group.alice, "checkin")
    await bot.deliver()
    assert (
        tg.callback_answers[query][0] == "I can't check you in from here. Send /done in the group."
    )
