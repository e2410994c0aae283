"""One member flooding the bot with commands is told once to slow down, then ignored for a
while; the rest of the group and other groups go on as if nothing happened."""

from __future__ import annotations

from bot.faketelegram import FakeTelegram
from bot.intake.flood import COOL_OFF, LIMIT
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import Harness

SLOW_DOWN = f"🐢 Slow down a little, {ALICE}:"


async def test_a_flooding_member_is_warned_once_and_ignored_while_others_go_on(
    bot: Harness, tg: FakeTelegram, group: Group
) -> None:
    carol = tg.add_user("Carol", username="carol")
    runners = tg.add_group("Runners", creator=carol)
    tg.add_bot(runners.id, by=carol)
    await bot.deliver()

    # Commands meant for some other bot get no answer from this one, but they count.
    for _ in range(LIMIT):
        tg.send(group.chat.id, group.alice, "/dance")
    warned = await bot.say_text(group.chat, group.alice, "/dance")
    assert warned.startswith(SLOW_DOWN), warned

    # Ignored now, even what she means: no answer, nothing saved, and no second warning.
    assert await bot.say(group.chat, group.alice, "/done") == []
    for _ in range(LIMIT):
        tg.send(group.chat.id, group.alice, "/streak")
    await bot.deliver()
    said = [m.text or "" for m in tg.bot_messages(group.chat.id)]
    assert sum(SLOW_DOWN in text for text in said) == 1
    assert not any(f"{ALICE}: day 1" in text for text in said)

    # Bob in the same group and Carol in another are answered at once.
    assert f"{BOB}: day 1" in await bot.say_text(group.chat, group.bob, "/done")
    assert "/done" in await bot.say_text(runners, carol, "/help")

    # A couple of quiet minutes later she is heard again.
    await bot.pass_time(seconds=COOL_OFF.total_seconds() + 1)
    assert f"{ALICE}: day 1" in await bot.say_text(group.chat, group.alice, "/done")
