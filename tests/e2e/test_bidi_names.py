"""A name chosen to turn text around (a right-to-left override) stays inside its own
isolate in what the bot says: in a reply, in the group's posts, and in a private message.

The expected texts are written out character by character, not made with the bot's own
helper: this is what Telegram receives."""

from __future__ import annotations

from datetime import time, timedelta

from bot.domain.groups import AT_RISK_MIN_STREAK
from bot.faketelegram import FakeTelegram
from tests.e2e.conftest import Group
from tests.e2e.harness import DAY0, MONDAY, Harness

# U+202E RIGHT-TO-LEFT OVERRIDE: without an isolate, it would turn around the rest of the
# line, the bot's own words included.
EVIL = "\u202eevil"
# FIRST STRONG ISOLATE, the name, POP DIRECTIONAL ISOLATE.
SHOWN = "\u2068\u202eevil\u2069"


async def test_a_name_that_turns_text_around_is_isolated_in_replies_and_posts(
    bot: Harness, tg: FakeTelegram, group: Group
) -> None:
    evil = tg.add_user(EVIL)
    tg.add_member(group.chat.id, evil)
    assert await bot.say_text(group.chat, evil, "/done") == f"✅ {SHOWN}: day 1"
    board = await bot.say_text(group.chat, group.bob, "/top")
    assert f"\n1. {SHOWN}: 1 day\n" in board

    # The evening recap names who showed up; once their streak is long enough to be at risk,
    # an evening without a check-in mentions them.
    await bot.live_to(DAY0, time(21, 0))
    [recap] = [m for m in tg.bot_messages(group.chat.id) if "🌙" in (m.text or "")]
    assert f"showed up: {SHOWN} (1)" in (recap.text or "")
    for day in range(1, AT_RISK_MIN_STREAK):
        await bot.live_to(DAY0 + timedelta(days=day), time(10, 0))
        await bot.say(group.chat, evil, "/done")
    await bot.live_to(DAY0 + timedelta(days=AT_RISK_MIN_STREAK), time(21, 0))
    at_risk = [m for m in tg.bot_messages(group.chat.id) if "🌙" in (m.text or "")][-1]
    assert f'<a href="tg://user?id={evil.id}">{SHOWN}</a>' in (at_risk.html or "")


async def test_a_group_title_that_turns_text_around_is_isolated_in_a_private_reminder(
    bot: Harness, tg: FakeTelegram
) -> None:
    ana, owner = tg.add_user("Ana"), tg.add_user("Olga")
    chat = tg.add_group(EVIL, creator=owner)
    tg.add_member(chat.id, ana)
    tg.add_bot(chat.id, by=owner)
    tg.send(ana.id, ana, "/start")  # only someone who started the bot privately is reminded
    await bot.deliver()
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(chat, ana, "/done")

    bot.at(MONDAY + timedelta(days=2), time(20))
    await bot.tick()
    [reminder] = [m for m in tg.bot_messages(ana.id) if m.buttons]
    assert f"\n• {SHOWN}: 2 days\n" in (reminder.text or "")
    assert reminder.buttons[0][0][0] == f"✅ {SHOWN}"
