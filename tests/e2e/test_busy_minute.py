"""The minute Habitloop exists for: many check-ins at once. No group waits for another, a
busy group is confirmed at once by reactions and never spammed, and nothing is dropped."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.world import Change
from tests.e2e.harness import Harness


async def _group(bot: Harness, tg: FakeTelegram, title: str, size: int) -> tuple[Chat, list[User]]:
    owner = tg.add_user(f"{title} owner")
    people = [tg.add_user(f"{title[0]}{n:02d}") for n in range(size)]
    chat = tg.add_group(title, creator=owner)
    for person in people:
        tg.add_member(chat.id, person)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    return chat, people


async def test_a_quiet_group_is_answered_while_a_busy_group_waits(
    bot: Harness, tg: FakeTelegram
) -> None:
    busy, crowd = await _group(bot, tg, "Busy", 30)
    quiet, [loner] = await _group(bot, tg, "Quiet", 1)
    await bot.pass_time(minutes=1)  # the welcomes' budget is behind us
    answered: list[int] = []
    stop = tg.watch(
        lambda c: (
            answered.append(c.chat.id)
            if c.kind == "message" and c.message is not None and c.message.from_bot and c.chat
            else None
        )
    )
    try:
        with tg.intercept() as caught:
            for person in crowd:
                tg.send(busy.id, person, "/done")
            tg.send(quiet.id, loner, "/done")
        tg.release(caught)  # 31 updates in one getUpdates answer, the quiet group's last
        await bot.deliver()
    finally:
        stop()
    assert quiet.id in answered
    # Handled beside the busy group's queue, not after it.
    assert answered.index(quiet.id) < 5
    assert f"{texts.format.isolate('Q00')}: day 1" in (tg.bot_messages(quiet.id)[-1].text or "")


async def test_forty_checkins_in_a_minute_are_confirmed_at_once_and_never_spam(
    bot: Harness, tg: FakeTelegram
) -> None:
    group, people = await _group(bot, tg, "Crowd", 40)
    start = datetime.combine(bot.clock.now().date(), time(12), tzinfo=UTC)
    # Five of them checked in on the two days before: today is their third day.
    regulars = people[:5]
    for days_ago in (2, 1):
        bot.clock.set(start - timedelta(days=days_ago))
        for person in regulars:
            await bot.say(group, person, "/done")
            await bot.pass_time(seconds=10)
    bot.clock.set(start)
    await bot.pass_time(minutes=1)
    reacted_at: dict[int, datetime] = {}

    def on_change(change: Change) -> None:
        if change.kind == "reaction" and change.message is not None:
            reacted_at.setdefault(change.message.message_id, bot.clock.now())

    stop = tg.watch(on_change)
    before = len(tg.bot_messages(group.id))
    sent = []
    try:
        for person in people:  # one every 1.5 seconds: 40 within a minute
            sent.append(tg.send(group.id, person, "/done"))
            await bot.pass_time(seconds=1.5)
        await bot.pass_time(minutes=3)
    finally:
        stop()

    # Every check-in was confirmed by its reaction within two seconds.
    for message in sent:
        assert message.message_id in reacted_at, f"no reaction on {message.sender}"
        made = datetime.fromtimestamp(message.date, UTC)
        assert reacted_at[message.message_id] - made <= timedelta(seconds=2)
    # The group never got more than 20 of the bot's messages in a minute.
    replies = tg.bot_messages(group.id)[before:]
    dates = [m.date for m in replies]
    assert max(sum(1 for d in dates if t - 60 < d <= t) for t in dates) <= 20
    # Nothing was dropped: every member's check-in and every milestone was said.
    said = "\n".join(m.text or "" for m in replies)
    for person in people:
        assert person.first_name in said
    assert said.count("reached a 3-day streak") == len(regulars)
    # Some confirmations waited for the budget and went out merged.
    assert any(text.startswith("✅ ") and " · " in text for text in said.splitlines())


async def test_replies_go_out_as_fast_as_telegram_allows(bot: Harness, tg: FakeTelegram) -> None:
    """Forty groups answered at once: thirty replies in the first second (Telegram's limit
    for a bot), the other ten in the next. The bot is not taken for idle while replies wait
    only for their turn at the budget, not for time to pass."""
    groups = [await _group(bot, tg, f"Team {n}", 1) for n in range(40)]
    await bot.pass_time(minutes=1)  # the welcomes' budget is behind us
    start = bot.clock.now()
    answered_at: list[datetime] = []
    stop = tg.watch(
        lambda c: (
            answered_at.append(bot.clock.now())
            if c.kind == "message" and c.message is not None and c.message.from_bot
            else None
        )
    )
    try:
        for chat, [person] in groups:
            tg.send(chat.id, person, "/done")
        await bot.deliver()
        assert len(answered_at) == 30, "as many as Telegram takes in a second, at once"
        await bot.pass_time(seconds=1)
    finally:
        stop()
    assert len(answered_at) == 40
    assert all(moment - start <= timedelta(seconds=1) for moment in answered_at)
