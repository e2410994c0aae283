"""Your data: /export as a CSV file, /forgetme after a confirmation only you can give."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

from bot.faketelegram import Message
from bot.outbox.buttons import FORGET_PREFIX
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness


def parsed(message: Message) -> list[dict[str, str]]:
    assert message.document is not None
    assert message.filename is not None
    assert message.filename.endswith(".csv")
    return list(csv.DictReader(io.StringIO(message.document.decode("utf-8"))))


async def test_export_in_the_group_and_in_private(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(12))
    await bot.say(g.chat, g.alice, '/done 500 words, "chapter 2"; ünïcødé ✍️')
    await bot.say(g.chat, g.bob, "/done not mine")
    bot.at(MONDAY + timedelta(days=1), time(12))
    await bot.say(g.chat, g.alice, "/fail tired\nsecond line")
    await bot.say(g.chat, g.alice, "/goal finish the novel")
    await bot.say(g.chat, g.alice, "/break 2d trip")
    [sent] = await bot.say(g.chat, g.alice, "/export")
    assert (sent.caption or "").startswith("📄 Your history: 4 rows")
    rows = parsed(sent)
    assert list(rows[0]) == ["date", "group", "kind", "note", "until", "recorded_at", "proof"]
    day = [(MONDAY + timedelta(days=n)).isoformat() for n in range(4)]
    assert [(r["date"], r["kind"]) for r in rows] == [
        (day[0], "done"),
        (day[1], "fail"),
        (day[1], "goal"),
        (day[2], "break"),  # checked in today, so the break starts tomorrow
    ]
    assert rows[0]["note"] == '500 words, "chapter 2"; ünïcødé ✍️'
    assert rows[1]["note"] == "tired\nsecond line"
    assert rows[3]["until"] == day[3]
    assert rows[3]["note"] == "trip"
    assert {r["group"] for r in rows} == {"Writers"}
    assert rows[0]["recorded_at"] == f"{day[0]}T12:00:00+00:00"

    runners = bot.tg.add_group("Runners", creator=g.owner)
    bot.tg.add_member(runners.id, g.alice)
    bot.tg.add_bot(runners.id, by=g.owner)
    await bot.deliver()
    await bot.say(runners, g.alice, "/done 5k")
    bot.tg.send(g.alice.id, g.alice, "/export")
    await bot.deliver()
    everything = parsed(bot.tg.bot_messages(g.alice.id)[-1])
    assert len(everything) == 5
    assert {r["group"] for r in everything} == {"Writers", "Runners"}

    assert "nothing to export" in await bot.say_text(runners, g.owner, "/export")


async def _prompt(bot: Harness, group: Group) -> tuple[Message, str]:
    """/forgetme's prompt, and its button's data."""
    [prompt] = await bot.say(group.chat, group.alice, "/forgetme")
    [[(label, data)]] = prompt.buttons
    assert label == "🗑 Yes, delete my data"
    assert data is not None
    assert data.startswith(FORGET_PREFIX)
    return prompt, data


async def test_forgetme_asks_and_only_the_asker_confirms(bot: Harness, group: Group) -> None:
    g = group
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.alice, "/goal write daily")
    bobs = bot.tg.send(g.chat.id, g.bob, "/done")
    await bot.deliver()
    await bot.say(g.chat, g.alice, "/cheer", reply_to=bobs.message_id)
    alices = next(m for m in bot.tg.messages(g.chat.id) if m.text == "/done")
    await bot.say(g.chat, g.bob, "/cheer", reply_to=alices.message_id)
    assert "Cheers received: 1" in await bot.say_text(g.chat, g.bob, "/streak")

    prompt, data = await _prompt(bot, g)
    assert await bot.press(g.chat, prompt, g.bob, data) == f"Only {ALICE} can confirm this."
    bot.advance(minutes=6)
    assert "expired" in await bot.press(g.chat, prompt, g.alice, data)
    assert "Group streak: 2 days" in await bot.say_text(g.chat, g.bob, "/top")

    prompt, data = await _prompt(bot, g)
    before = len(bot.tg.messages(g.chat.id))
    done = await bot.press(g.chat, prompt, g.alice, data)
    assert done == "Done: everything I kept about you in this group is deleted."
    assert len(bot.tg.messages(g.chat.id)) == before  # the group is not told
    again = await bot.press(g.chat, prompt, g.alice, data)
    assert again == "There's nothing of yours left to delete here."
    assert f"{ALICE} has no check-ins" in await bot.say_text(g.chat, g.alice, "/streak")
    assert "nothing to export" in await bot.say_text(g.chat, g.alice, "/export")
    assert "no goal yet" in await bot.say_text(g.chat, g.alice, "/goal")
    board = await bot.say_text(g.chat, g.bob, "/top")
    assert "Alice" not in board
    assert "Group streak: 1 day" in board  # only Bob's day is left
    assert "Cheers received" not in await bot.say_text(g.chat, g.bob, "/streak")
