"""A failed send never misleads and nothing the bot must say is lost: replies, reactions and
button answers are retried apart from the saved work, and posts go through their outbox."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram, Message
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import DAY0, Harness, start_harness, stop_harness


def _mine(bot: Harness, group: Group, text: str) -> Message:
    return next(
        m for m in reversed(bot.tg.messages(group.chat.id)) if not m.from_bot and m.text == text
    )


def _said(bot: Harness, group: Group) -> str:
    return "\n".join(m.text or "" for m in bot.tg.bot_messages(group.chat.id))


@pytest.mark.parametrize("failure", [502, 500, 0], ids=["bad-gateway", "server-error", "dropped"])
async def test_a_reply_that_fails_is_sent_later_and_the_checkin_stays(
    bot: Harness, group: Group, failure: int
) -> None:
    bot.tg.fail_next("sendMessage", times=2, status=failure, chat_id=group.chat.id)
    assert await bot.say(group.chat, group.alice, "/done") == []
    assert "went wrong" not in _said(bot, group)
    assert _mine(bot, group, "/done").reactions == ["👍"]  # the reaction went at once
    await bot.pass_time(seconds=5)
    assert f"{ALICE}: day 1" in _said(bot, group)
    assert "nothing was saved" not in _said(bot, group)
    assert "1 day" in await bot.say_text(group.chat, group.alice, "/streak")


async def test_a_reaction_that_fails_never_stops_the_reply(bot: Harness, group: Group) -> None:
    bot.tg.fail_next("setMessageReaction", times=1, status=503)
    assert "day 1" in await bot.say_text(group.chat, group.alice, "/done")
    assert _mine(bot, group, "/done").reactions == []
    await bot.pass_time(seconds=2)
    assert _mine(bot, group, "/done").reactions == ["👍"]


async def test_a_refused_button_answer_keeps_the_checkin(bot: Harness, group: Group) -> None:
    await bot.live_to(DAY0, time(9))
    cue = next(m for m in bot.tg.bot_messages(group.chat.id) if m.buttons)
    bot.tg.fail_next("answerCallbackQuery", times=1, status=500)
    query = bot.tg.press(group.chat.id, cue.message_id, group.alice, "checkin")
    await bot.deliver()
    assert query not in bot.tg.callback_answers
    await bot.pass_time(seconds=2)
    assert bot.tg.callback_answers[query][0] == "✅ Checked in! Streak: 1 day."
    assert "went wrong" not in _said(bot, group)
    assert "1 day" in await bot.say_text(group.chat, group.alice, "/streak")


async def test_a_cue_whose_send_keeps_failing_is_tried_again_until_it_goes(
    bot: Harness, group: Group
) -> None:
    # Longer than one attempt's patience (a few minutes of backoff): a later tick tries again.
    bot.tg.fail_next("sendMessage", times=12, status=502, chat_id=group.chat.id)
    await bot.live_to(DAY0, time(9))
    await bot.pass_time(minutes=4)
    assert not any(m.buttons for m in bot.tg.bot_messages(group.chat.id))
    await bot.live_to(DAY0, time(10))
    [cue] = [m for m in bot.tg.bot_messages(group.chat.id) if m.buttons]
    nine = datetime.combine(DAY0, time(9), tzinfo=UTC).timestamp()
    assert nine + 4 * 60 <= cue.date <= nine + 60 * 60


async def test_a_cue_still_failing_after_its_window_is_given_up(bot: Harness, group: Group) -> None:
    bot.tg.fail_next("sendMessage", times=10_000, status=502, chat_id=group.chat.id)
    await bot.live_to(DAY0, time(12))
    bot.tg.stop_failing()
    await bot.live_to(DAY0, time(13))
    # Past 11:00 a morning cue would come at a strange hour: it is not posted at all.
    assert not any(m.buttons for m in bot.tg.bot_messages(group.chat.id))


async def test_a_restart_sends_the_cue_the_stopped_process_held(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    bot = await start_harness(tg, database_url, clock)
    owner, alice = tg.add_user("Olga"), tg.add_user("Alice")
    chat = tg.add_group("Writers", creator=owner)
    tg.add_member(chat.id, alice)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    tg.fail_next("sendMessage", times=3, status=502, chat_id=chat.id)
    await bot.live_to(DAY0, time(9))  # claimed, and failing when the process stops
    await stop_harness(bot)
    assert not any(m.buttons for m in tg.bot_messages(chat.id))

    restarted = await start_harness(tg, database_url, clock)
    try:
        # Once the stopped process's hold on the cue runs out, the next tick sends it.
        await restarted.live_to(DAY0, time(9, 30))
        assert len([m for m in tg.bot_messages(chat.id) if m.buttons]) == 1
        await restarted.live_to(DAY0 + timedelta(days=1), time(8))
        assert len([m for m in tg.bot_messages(chat.id) if m.buttons]) == 1
    finally:
        await stop_harness(restarted)


async def test_the_ticker_fires_the_tick(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    """The scheduler as production runs it: the ticker calls the tick by itself."""
    clock.set(datetime.combine(clock.now().date(), time(8, 59, 59), tzinfo=UTC))
    bot = await start_harness(tg, database_url, clock, tick_seconds=0.05)
    try:
        owner = tg.add_user("Olga")
        chat = tg.add_group("Writers", creator=owner)
        tg.add_bot(chat.id, by=owner)
        await bot.deliver()
        clock.advance(timedelta(seconds=2))  # 09:00:01: the cue is due
        for _ in range(200):  # real time: the ticker waits on the monotonic clock
            if any(m.buttons for m in tg.bot_messages(chat.id)):
                break
            await bot.settle()
            await asyncio.sleep(0.02)
        assert [m for m in tg.bot_messages(chat.id) if m.buttons]
    finally:
        await stop_harness(bot)
